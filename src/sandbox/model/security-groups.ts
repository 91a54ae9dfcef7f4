/** Security groups and their rules. (Owned by the EC2 handlers; used by the CloudFormation engine.) */
import type { HandlerContext } from "../handler.js";
import { requireEntity } from "./ec2-kinds.js";
import { heldOutside, newId, notDeletedBy, type Life, type NewOf, type SecurityGroup, type SgRule } from "../world.js";

/** `life` defaults to: appears now, ready now. The CloudFormation engine passes its own timeline. */
type NewSecurityGroup = NewOf<SecurityGroup, "GroupName" | "Description" | "VpcId", "Tags" | "life">;

/** Creates the group with AWS's default egress rule (all traffic to 0.0.0.0/0). */
export function createSecurityGroup(ctx: HandlerContext, p: NewSecurityGroup): SecurityGroup {
  requireEntity(ctx, "vpcs", p.VpcId);
  if (/^sg-/i.test(p.GroupName)) {
    ctx.fail("InvalidParameterValue", "Group names may not be in the format sg-*.");
  }
  // Names are unique per VPC among groups that are not deleted.
  const clash = Object.values(ctx.rw.securityGroups).find(
    (g) => g.VpcId === p.VpcId && g.GroupName === p.GroupName && notDeletedBy(g.life, ctx.now),
  );
  if (clash) {
    ctx.fail("InvalidGroup.Duplicate", `The security group '${p.GroupName}' already exists for VPC '${p.VpcId}'`);
  }
  const sg: SecurityGroup = {
    GroupId: newId(ctx.world, "sg"),
    GroupName: p.GroupName,
    Description: p.Description,
    VpcId: p.VpcId,
    Ingress: [],
    Egress: [{ SecurityGroupRuleId: newId(ctx.world, "sgr"), IpProtocol: "-1", CidrIpv4: "0.0.0.0/0" }],
    Tags: p.Tags ? p.Tags.map((t) => ({ ...t })) : [],
    life: p.life ? { ...p.life } : { createdAt: ctx.now, readyAt: ctx.now },
  };
  ctx.rw.securityGroups[sg.GroupId] = sg;
  return sg;
}

/** The VPC's `default` group (all traffic from its own members in, everything out): made with the VPC, or on first need. */
export function defaultSecurityGroup(ctx: HandlerContext, vpcId: string, life?: Life): SecurityGroup {
  const found = Object.values(ctx.rw.securityGroups).find(
    (g) => g.VpcId === vpcId && g.GroupName === "default" && notDeletedBy(g.life, ctx.now),
  );
  if (found) return found;
  const vpc = ctx.rw.vpcs[vpcId];
  const sg = createSecurityGroup(ctx, {
    GroupName: "default",
    Description: "default VPC security group",
    VpcId: vpcId,
    life: life ?? (vpc ? { createdAt: vpc.life.createdAt, readyAt: vpc.life.createdAt } : undefined),
  });
  sg.Ingress.push({ SecurityGroupRuleId: newId(ctx.world, "sgr"), IpProtocol: "-1", ReferencedGroupId: sg.GroupId });
  return sg;
}

/** Two rules are the same permission when protocol, ports and peer match (descriptions don't count). */
function sameRule(a: Omit<SgRule, "SecurityGroupRuleId">, b: Omit<SgRule, "SecurityGroupRuleId">): boolean {
  const ports = (r: typeof a) => (r.IpProtocol === "-1" ? "" : `${r.FromPort ?? ""}:${r.ToPort ?? ""}`);
  return (
    a.IpProtocol === b.IpProtocol &&
    ports(a) === ports(b) &&
    (a.CidrIpv4 ?? "") === (b.CidrIpv4 ?? "") &&
    (a.ReferencedGroupId ?? "") === (b.ReferencedGroupId ?? "")
  );
}

/** AWS's wording of a rule in `InvalidPermission.*` messages. */
function describeRule(r: Omit<SgRule, "SecurityGroupRuleId">): string {
  const peer = r.CidrIpv4 ?? r.ReferencedGroupId ?? "";
  const proto = r.IpProtocol === "-1" ? "ALL" : r.IpProtocol.toUpperCase();
  const ports = r.IpProtocol === "-1" ? "" : `, from port: ${r.FromPort ?? ""}, to port: ${r.ToPort ?? ""}`;
  return `peer: ${peer}, ${proto}${ports}, ALLOW`;
}

/** Normalises protocol names and numbers the way EC2 stores them ("6" → "tcp", "all" → "-1"). */
function normaliseProtocol(p: string): string {
  const s = p.trim().toLowerCase();
  const byNumber: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", all: "-1" };
  return byNumber[s] ?? s;
}

export type RuleSide = "Ingress" | "Egress";

/** Adds inbound or outbound rules; `InvalidPermission.Duplicate` when one already exists. */
export function authorizeRules(ctx: HandlerContext, groupId: string, rules: Omit<SgRule, "SecurityGroupRuleId">[], side: RuleSide): SgRule[] {
  const sg = requireEntity(ctx, "securityGroups", groupId);
  const added: SgRule[] = [];
  for (const raw of rules) {
    const rule = { ...raw, IpProtocol: normaliseProtocol(raw.IpProtocol) };
    if (rule.IpProtocol === "-1") {
      delete rule.FromPort;
      delete rule.ToPort;
    }
    if (rule.ReferencedGroupId) requireEntity(ctx, "securityGroups", rule.ReferencedGroupId);
    if ([...sg[side], ...added].some((r) => sameRule(r, rule))) {
      ctx.fail("InvalidPermission.Duplicate", `the specified rule "${describeRule(rule)}" already exists`);
    }
    added.push({ SecurityGroupRuleId: newId(ctx.world, "sgr"), ...rule });
  }
  sg[side].push(...added);
  return added;
}

/** Removes inbound or outbound rules equal to `rules`; `InvalidPermission.NotFound` when one is not there. */
export function revokeRules(ctx: HandlerContext, groupId: string, rules: Omit<SgRule, "SecurityGroupRuleId">[], side: RuleSide): SgRule[] {
  const sg = requireEntity(ctx, "securityGroups", groupId);
  const removed: SgRule[] = [];
  for (const raw of rules) {
    const rule = { ...raw, IpProtocol: normaliseProtocol(raw.IpProtocol) };
    const hit = sg[side].find((r) => sameRule(r, rule));
    if (!hit) ctx.fail("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
    removed.push(hit);
    sg[side] = sg[side].filter((r) => r !== hit);
  }
  return removed;
}

/** Why the group cannot be deleted now (`DependencyViolation` message), ignoring users in `ignoreStackId`; undefined when it can. */
export function securityGroupBlocker(ctx: HandlerContext, groupId: string, ignoreStackId?: string): string | undefined {
  const inTheWay = (e: { life: Life }) => heldOutside(e.life, ctx.now, ignoreStackId);
  const used =
    // Network interfaces (instances, interface endpoints, NLB nodes) and instances that still carry the group,
    Object.values(ctx.rw.networkInterfaces).some((e) => e.GroupIds.includes(groupId) && inTheWay(e)) ||
    Object.values(ctx.rw.instances).some((i) => i.SecurityGroupIds.includes(groupId) && inTheWay(i)) ||
    // and rules in other groups that reference this one.
    Object.values(ctx.rw.securityGroups).some(
      (g) => g.GroupId !== groupId && inTheWay(g) && [...g.Ingress, ...g.Egress].some((r) => r.ReferencedGroupId === groupId),
    );
  return used ? `resource ${groupId} has a dependent object` : undefined;
}

/** Deletes the group at `at` (default now); call `securityGroupBlocker` first. */
export function deleteSecurityGroup(ctx: HandlerContext, groupId: string, at?: number): void {
  const sg = ctx.rw.securityGroups[groupId];
  if (!sg) return;
  sg.life.deleteRequestedAt ??= ctx.now;
  if (sg.life.deletedAt === undefined || sg.life.deletedAt > (at ?? ctx.now)) sg.life.deletedAt = at ?? ctx.now;
}
