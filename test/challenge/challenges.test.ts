/**
 * Every challenge, on a finished build in the sandbox: start it, see curl fail (and a failed check
 * give the first hint), apply the documented fix through the SDK the way a learner would (no tool
 * tags), and see `check` pass; give-up puts it back. Plus: diagnose names the challenge's link.
 */
import {
  AcceptVpcEndpointConnectionsCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeInstancesCommand,
  DescribeVpcsCommand,
} from "@aws-sdk/client-ec2";
import { DescribeListenersCommand, ModifyListenerCommand, RegisterTargetsCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { beforeAll, describe, expect, it } from "vitest";
import { loadChallenges } from "../../src/challenge/definitions.js";
import { readLearnerPath, type LearnerPath } from "../../src/challenge/learner-path.js";
import { checkChallenge, giveUp, listChallenges, startChallenge } from "../../src/challenge/run.js";
import { CHALLENGE_STATE_TAG } from "../../src/challenge-mark.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { LabError } from "../../src/errors.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

async function vpcCidr(ctx: LessonContext, vpcId: string): Promise<string> {
  return (await ctx.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!.CidrBlock!;
}

/** The fix each challenge's last hint documents, as a learner types it in the AWS CLI. */
const FIXES: Record<string, (ctx: LessonContext, p: LearnerPath) => Promise<void>> = {
  "silent-door": async (ctx, p) => {
    await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: p.endpointSgId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: `${p.consumerIp}/32` }));
  },
  "turned-away": async (ctx, p) => {
    await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [p.endpointId!] }));
    const made = await ctx.clients.ec2.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: p.consumerVpcId, ServiceName: p.serviceName, SubnetIds: [p.consumerSubnetId!], SecurityGroupIds: [p.endpointSgId!], PrivateDnsEnabled: false }),
    );
    await ctx.clients.ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: p.serviceId, VpcEndpointIds: [made.VpcEndpoint!.VpcEndpointId!] }));
  },
  "wrong-number": async (ctx, p) => {
    const l = (await ctx.clients.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: p.nlbArn }))).Listeners![0]!;
    await ctx.clients.elbv2.send(new ModifyListenerCommand({ ListenerArn: l.ListenerArn, Port: 80 }));
  },
  "empty-house": async (ctx, p) => {
    await ctx.clients.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: p.targetGroupArn, Targets: [{ Id: p.providerInstanceId, Port: 80 }] }));
  },
  "back-door": async (ctx, p) => {
    const cidr = await vpcCidr(ctx, p.providerVpcId!);
    await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: p.providerSgId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: cidr }));
  },
  "no-way-out": async (ctx, p) => {
    const cidr = await vpcCidr(ctx, p.consumerVpcId!);
    await ctx.clients.ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: p.consumerSgId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: cidr }] }] }));
  },
};

async function consumerTag(ctx: LessonContext, p: LearnerPath): Promise<string | undefined> {
  const out = await ctx.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [p.consumerInstanceId!] }));
  return out.Reservations?.[0]?.Instances?.[0]?.Tags?.find((t) => t.Key === CHALLENGE_STATE_TAG)?.Value;
}

/** Words that would give the answer away, per link. */
const GIVEAWAY: Record<string, RegExp> = {
  "endpoint-sg": /security group|inbound/i,
  "service-acceptance": /reject|accept/i,
  "nlb-listener": /listener/i,
  "target-group": /regist|target group/i,
  "provider-sg": /security group|inbound/i,
  "consumer-sg-egress": /security group|egress|outbound rule/i,
};

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
});

const challenges = loadChallenges("privatelink");

describe("the challenges", () => {
  it("are at least six, each with a documented fix here", () => {
    expect(challenges.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(FIXES).sort()).toEqual(challenges.map((c) => c.id).sort());
  });

  it("lists them with none solved, and refuses a second one while one is in progress", async () => {
    const { ctx, host } = await copyLab(lab);
    await listChallenges(ctx);
    expect(host.ofType("table")[0]!.rows.map((r) => r[1])).toEqual(challenges.map((c) => c.id));
    await startChallenge(ctx, "silent-door");
    await expect(startChallenge(ctx, "wrong-number")).rejects.toMatchObject({ key: "challenge.alreadyActive" });
    // An unknown id is a usage error (exit 2), as an unknown step id is.
    await expect(startChallenge(ctx, "nope")).rejects.toMatchObject({ key: "challengeState.usage.unknown", exitCode: 2 });
    await expect(startChallenge(ctx, "nope")).rejects.toBeInstanceOf(LabError);
  });
});

describe.each(challenges.map((c) => [c.id, c] as const))("challenge %s", (id, def) => {
  it("breaks without saying what, curl fails, the documented fix through the SDK makes check pass", async () => {
    const { ctx, host } = await copyLab(lab);
    await startChallenge(ctx, id);
    const started = host.ofType("challenge")[0]!;
    expect(started.status).toBe("started");
    // The story never names what broke, nor any id.
    expect(started.message).not.toMatch(GIVEAWAY[def.link]!);
    expect(started.message).not.toMatch(/\b(sg|vpce|i)-[0-9a-f]{6,}|arn:aws/);

    expect(await checkChallenge(ctx)).toBe(false);
    const curl = host.ofType("curl-result").at(-1)!;
    expect(curl.exitCode).not.toBe(0);
    expect(host.ofType("challenge").at(-1)).toMatchObject({ status: "broken" });
    expect(host.ofType("challenge").at(-1)!.message).toContain("Hint 1/");
    // A second check while the break is still there fails again, with the next hint.
    expect(await checkChallenge(ctx)).toBe(false);
    expect(host.ofType("challenge").at(-1)).toMatchObject({ status: "broken" });
    expect(host.ofType("challenge").at(-1)!.message).toContain("Hint 2/");

    const path = await readLearnerPath(ctx);
    expect(await consumerTag(ctx, path)).toBe("broken");
    expect((await diagnose(ctx)).first?.id).toBe(def.link);

    await FIXES[id]!(ctx, path);
    expect(await checkChallenge(ctx)).toBe(true);
    expect(host.ofType("curl-result").at(-1)).toMatchObject({ exitCode: 0 });
    expect(host.ofType("challenge").at(-1)).toMatchObject({ status: "fixed" });
    expect(ctx.state.challenges.solved[id]).toBeDefined();
    expect(ctx.state.challenges.active).toBeUndefined();
    expect(await consumerTag(ctx, await readLearnerPath(ctx))).toBe("fixed");
    // Progress is remembered in the progress file.
    expect(ctx.stateFile.load(ctx.state.prefix)).toMatchObject({ kind: "ok", state: { challenges: { solved: { [id]: expect.any(String) } } } });
  });

  it("give-up shows the broken link with its fix and puts it back", async () => {
    const { ctx, host } = await copyLab(lab, "ja");
    await startChallenge(ctx, id);
    await giveUp(ctx);
    expect(host.ofType("diagnosis")[0]!.first?.id).toBe(def.link);
    expect(host.ofType("challenge").at(-1)).toMatchObject({ status: "given-up" });
    expect((await diagnose(ctx)).ok).toBe(true);
    expect(ctx.state.challenges.gaveUp[id]).toBeDefined();
  });
});
