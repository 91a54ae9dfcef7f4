/**
 * `aws ec2 modify-instance-attribute --instance-id i-… --groups sg-a sg-b`, a learner's way to put a group of their own on
 * an instance: the sandbox replaces the instance's groups (on the instance and its interface) as AWS does, and refuses
 * what AWS refuses, with AWS's codes.
 */
import { CreateSecurityGroupCommand, DeleteSecurityGroupCommand, DescribeInstancesCommand, DescribeNetworkInterfacesCommand, ModifyInstanceAttributeCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { readLearnerPath, type LearnerPath } from "../../src/challenge/learner-path.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

async function setup(): Promise<{ ctx: LessonContext; p: LearnerPath; own: string }> {
  const { ctx } = await copyLab(lab);
  const p = await readLearnerPath(ctx);
  const made = await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: "mine", Description: "mine", VpcId: p.consumerVpcId }));
  return { ctx, p, own: made.GroupId! };
}

async function groupsOf(ctx: LessonContext, instanceId: string): Promise<{ instance: string[]; eni: string[] }> {
  const out = await ctx.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const inst = out.Reservations![0]!.Instances![0]!;
  const enis = await ctx.clients.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [inst.NetworkInterfaces![0]!.NetworkInterfaceId!] }));
  return { instance: inst.SecurityGroups!.map((g) => g.GroupId!), eni: enis.NetworkInterfaces![0]!.Groups!.map((g) => g.GroupId!) };
}

describe("ModifyInstanceAttribute with Groups", () => {
  it("replaces the instance's groups, on the instance and its interface; the group is then in use", async () => {
    const { ctx, p, own } = await setup();
    const modify = (groups: string[]) => ctx.clients.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: p.consumerInstanceId, Groups: groups }));
    await modify([p.consumerSgId!, own]);
    expect(await groupsOf(ctx, p.consumerInstanceId!)).toEqual({ instance: [p.consumerSgId, own], eni: [p.consumerSgId, own] });
    await expect(ctx.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: own }))).rejects.toMatchObject({ name: "DependencyViolation" });
    await modify([p.consumerSgId!]);
    expect(await groupsOf(ctx, p.consumerInstanceId!)).toEqual({ instance: [p.consumerSgId], eni: [p.consumerSgId] });
    await ctx.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: own }));
  });

  it("refuses an unknown instance or group, a group of another VPC and no groups at all, changing nothing", async () => {
    const { ctx, p, own } = await setup();
    const modify = (InstanceId: string | undefined, Groups: string[] | undefined) => ctx.clients.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId, Groups }));
    await expect(modify("i-0123456789abcdef0", [own])).rejects.toMatchObject({ name: "InvalidInstanceID.NotFound", message: "The instance ID 'i-0123456789abcdef0' does not exist" });
    await expect(modify(p.consumerInstanceId, [own, "sg-0123456789abcdef0"])).rejects.toMatchObject({ name: "InvalidGroup.NotFound", message: "The security group 'sg-0123456789abcdef0' does not exist" });
    await expect(modify(p.consumerInstanceId, [p.providerSgId!])).rejects.toMatchObject({ name: "InvalidGroup.NotFound", message: expect.stringContaining("different networks") });
    await expect(modify(p.consumerInstanceId, [])).rejects.toMatchObject({ name: "InvalidParameterCombination", message: "No attributes specified." });
    expect(await groupsOf(ctx, p.consumerInstanceId!)).toEqual({ instance: [p.consumerSgId], eni: [p.consumerSgId] });
  });
});
