/**
 * Deleting security groups the stacks do not own (the endpoint's, and any the learner made by hand in the lab's VPCs),
 * from whatever the cloud shows, so a run stopped midway and started again finishes: AWS refuses to delete a group an
 * instance's interface still carries or another group's rule names (DependencyViolation), and CloudFormation cannot
 * delete a VPC a group still lives in. So each group is first taken off the lab's instances (ModifyInstanceAttribute
 * `Groups`: the instance keeps its others, else its VPC's default group), then the rules naming it in the lab's groups
 * are revoked, then it is deleted. Nothing outside the lab's VPCs is changed.
 */
import type { Instance } from "@aws-sdk/client-ec2";
import { awsCode } from "../errors.js";
import { awsPort } from "../aws/port.js";
import { allPages, listGroups, listRules } from "../aws/pages.js";
import type { LessonContext } from "./context.js";

/** Instances AWS can still change (one shutting down or terminated takes its interface, and the groups on it, away). */
const CHANGEABLE = ["pending", "running", "stopping", "stopped"];

async function instancesCarrying(ctx: LessonContext, groupIds: string[], vpcs: string[]): Promise<Instance[]> {
  const aws = awsPort(ctx.clients);
  const Filters = [
    { Name: "vpc-id", Values: vpcs },
    { Name: "instance.group-id", Values: groupIds },
    { Name: "instance-state-name", Values: CHANGEABLE },
  ];
  return allPages(async (NextToken) => {
    const out = await aws.ec2.describeInstances({ Filters, ...(NextToken ? { NextToken } : {}) });
    return { items: (out.Reservations ?? []).flatMap((r) => r.Instances ?? []), next: out.NextToken };
  });
}

/** The VPC's `default` group: what an instance keeps when every group it had is going (AWS wants at least one). */
async function defaultGroup(ctx: LessonContext, vpcId: string): Promise<string | undefined> {
  const found = await listGroups(awsPort(ctx.clients), [{ Name: "vpc-id", Values: [vpcId] }, { Name: "group-name", Values: ["default"] }]);
  return found[0]?.GroupId;
}

/** Takes the groups off every instance in the lab's VPCs that carries one of them. */
async function detachFromInstances(ctx: LessonContext, groupIds: string[], vpcs: string[]): Promise<void> {
  for (const inst of await instancesCarrying(ctx, groupIds, vpcs)) {
    const kept = (inst.SecurityGroups ?? []).map((g) => g.GroupId ?? "").filter((id) => id && !groupIds.includes(id));
    const fallback = kept.length === 0 && inst.VpcId ? await defaultGroup(ctx, inst.VpcId) : undefined;
    const Groups = fallback ? [fallback] : kept;
    if (Groups.length === 0) continue;
    await awsPort(ctx.clients)
      .ec2.modifyInstanceAttribute({ InstanceId: inst.InstanceId, Groups })
      .catch((e: unknown) => {
        // Gone or going meanwhile (its stack is deleting it): its interface goes with it.
        if (!/^(IncorrectInstanceState|InvalidInstanceID\.NotFound)$/.test(awsCode(e) ?? "")) throw e;
      });
  }
}

/**
 * AWS refuses to delete a group while another group's rule names it (DependencyViolation): say the Consumer's outbound HTTP
 * to the endpoint's group, a no-way-out fix. Such rules are revoked first, only where they sit in `holders` (groups of
 * the lab's VPCs, deleted with them, or deleted here too); a rule in any other group is never touched.
 */
export async function releaseReferences(ctx: LessonContext, groupIds: string[], holders: string[]): Promise<void> {
  if (groupIds.length === 0 || holders.length === 0) return;
  const aws = awsPort(ctx.clients);
  const rules = await listRules(aws, [{ Name: "group-id", Values: holders }]);
  for (const r of rules.filter((x) => groupIds.includes(x.ReferencedGroupInfo?.GroupId ?? "") && x.GroupId !== x.ReferencedGroupInfo?.GroupId)) {
    const input = { GroupId: r.GroupId, SecurityGroupRuleIds: [r.SecurityGroupRuleId ?? ""] };
    await (r.IsEgress ? aws.ec2.revokeSecurityGroupEgress(input) : aws.ec2.revokeSecurityGroupIngress(input)).catch((e: unknown) => {
      if (!/NotFound$/.test(awsCode(e) ?? "")) throw e;
    });
  }
}

/** Deletes one group; already gone is fine. */
export async function deleteGroup(ctx: LessonContext, groupId: string): Promise<void> {
  // An endpoint's or an instance's interface can take a moment to let go of it: retry DependencyViolation.
  for (let attempt = 0; ; attempt++) {
    try {
      await awsPort(ctx.clients).ec2.deleteSecurityGroup({ GroupId: groupId });
      return;
    } catch (e) {
      const code = awsCode(e);
      if (code === "InvalidGroup.NotFound") return;
      if (code !== "DependencyViolation" || attempt >= 20) throw e;
      await ctx.clock.sleep(ctx.pollMs);
    }
  }
}

/** Takes the groups off the lab's instances, revokes the rules naming them in `holders` and the lab's groups, deletes them. */
export async function removeGroups(ctx: LessonContext, groupIds: string[], vpcs: string[], holders: string[]): Promise<void> {
  if (groupIds.length === 0) return;
  if (vpcs.length > 0) await detachFromInstances(ctx, groupIds, vpcs);
  const inLab = vpcs.length > 0 ? await listGroups(awsPort(ctx.clients), [{ Name: "vpc-id", Values: vpcs }]) : [];
  const labGroups = inLab.map((g) => g.GroupId ?? "").filter(Boolean);
  await releaseReferences(ctx, groupIds, [...new Set([...holders, ...groupIds, ...labGroups])]);
  for (const g of groupIds) await deleteGroup(ctx, g);
}
