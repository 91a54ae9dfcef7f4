/**
 * silent-door fixed the learner's own way: a new security group admitting HTTP attached to the endpoint beside the
 * lesson's (left without its rule). Started again, the challenge closes the group that lets HTTP through: it closed the
 * first one, already closed, so nothing broke and the next check said "Fixed!" for nothing.
 */
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeVpcsCommand, ModifyVpcEndpointCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { checkChallenge, giveUp, startChallenge } from "../../src/challenge/run.js";
import { buildLab, copyLab } from "../helpers/built-lab.js";

describe("silent-door after a fix with a second group on the endpoint", () => {
  it("started again, it closes the group that admits HTTP; the check fails until it is fixed; give-up puts it back", async () => {
    const { ctx, host } = await copyLab(await buildLab());
    await startChallenge(ctx, "silent-door");
    const p = await readLearnerPath(ctx);
    const cidr = (await ctx.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [p.consumerVpcId!] }))).Vpcs![0]!.CidrBlock!;
    const made = await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: "web-from-consumer", Description: "HTTP from the Consumer VPC", VpcId: p.consumerVpcId }));
    await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: made.GroupId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: cidr }));
    await ctx.clients.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: p.endpointId, AddSecurityGroupIds: [made.GroupId!] }));
    expect(await checkChallenge(ctx)).toBe(true);

    await startChallenge(ctx, "silent-door");
    expect(await checkChallenge(ctx)).toBe(false);
    expect(host.ofType("curl-result").at(-1)).toMatchObject({ ok: false });
    expect(host.ofType("challenge").at(-1)).toMatchObject({ id: "silent-door", status: "broken", hint: { n: 1 } });
    await giveUp(ctx);
    expect(host.ofType("challenge").at(-1)).toMatchObject({ id: "silent-door", status: "given-up" });
  });
});
