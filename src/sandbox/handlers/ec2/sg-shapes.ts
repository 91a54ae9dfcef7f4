/**
 * Converting between the SDK's security-group shapes and the world's rules: `IpPermissions`
 * (one permission with many IpRanges / UserIdGroupPairs) ↔ one `SgRule` per peer, as EC2 itself
 * stores them since security group rule ids exist.
 */
import type { IpPermission, SecurityGroup as SdkSecurityGroup, SecurityGroupRule as SdkRule } from "@aws-sdk/client-ec2";
import type { HandlerContext } from "../../handler.js";
import { notDeletedBy, type SecurityGroup, type SgRule } from "../../world.js";
import { cidrRange } from "../../model/network.js";
import { outTags } from "./filters.js";

export type RuleSpec = Omit<SgRule, "SecurityGroupRuleId">;

/** The simple form of Authorize/Revoke: CidrIp + IpProtocol + FromPort/ToPort. */
interface SimpleRuleInput {
  CidrIp?: string | undefined;
  IpProtocol?: string | undefined;
  FromPort?: number | undefined;
  ToPort?: number | undefined;
  SourceSecurityGroupName?: string | undefined;
}

function ports(p: { FromPort?: number | undefined; ToPort?: number | undefined }): Pick<RuleSpec, "FromPort" | "ToPort"> {
  return { ...(p.FromPort !== undefined ? { FromPort: p.FromPort } : {}), ...(p.ToPort !== undefined ? { ToPort: p.ToPort } : {}) };
}

/** Rules from `IpPermissions`, or from the simple form when there are none. */
export function rulesFromInput(ctx: HandlerContext, perms: IpPermission[] | undefined, simple: SimpleRuleInput, vpcId: string): RuleSpec[] {
  const rules: RuleSpec[] = [];
  for (const p of perms ?? []) {
    const base = { IpProtocol: p.IpProtocol ?? "-1", ...ports(p) };
    for (const r of p.IpRanges ?? []) {
      rules.push({ ...base, CidrIpv4: r.CidrIp ?? "", ...(r.Description ? { Description: r.Description } : {}) });
    }
    for (const pair of p.UserIdGroupPairs ?? []) {
      const groupId = pair.GroupId ?? groupIdByName(ctx, pair.GroupName ?? "", vpcId);
      rules.push({ ...base, ReferencedGroupId: groupId, ...(pair.Description ? { Description: pair.Description } : {}) });
    }
  }
  if (rules.length === 0 && (simple.CidrIp || simple.SourceSecurityGroupName)) {
    const base = { IpProtocol: simple.IpProtocol ?? "-1", ...ports(simple) };
    if (simple.CidrIp) rules.push({ ...base, CidrIpv4: simple.CidrIp });
    if (simple.SourceSecurityGroupName) rules.push({ ...base, ReferencedGroupId: groupIdByName(ctx, simple.SourceSecurityGroupName, vpcId) });
  }
  if (rules.length === 0) ctx.fail("MissingParameter", "The request must contain the parameter ipPermissions");
  // A bare address (`10.0.0.4`, the /32 forgotten) or a prefix past 32 is refused, as EC2 does.
  for (const { CidrIpv4: cidr } of rules) {
    if (cidr !== undefined && (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(cidr) || Number.isNaN(cidrRange(cidr)[0]))) ctx.fail("InvalidParameterValue", `CIDR block ${cidr} is malformed`);
  }
  return rules;
}

/** A group named in a rule: looked up in the same VPC. */
function groupIdByName(ctx: HandlerContext, name: string, vpcId: string): string {
  const sg = Object.values(ctx.rw.securityGroups).find((g) => g.VpcId === vpcId && g.GroupName === name && notDeletedBy(g.life, ctx.now));
  if (!sg) return ctx.fail("InvalidGroup.NotFound", `The security group '${name}' does not exist in VPC '${vpcId}'`);
  return sg.GroupId;
}

/** Rules grouped back into permissions: one per protocol and port range. */
function toIpPermissions(ctx: HandlerContext, rules: SgRule[]): IpPermission[] {
  const byKey = new Map<string, IpPermission>();
  for (const r of rules) {
    const key = `${r.IpProtocol}/${r.FromPort ?? ""}/${r.ToPort ?? ""}`;
    let perm = byKey.get(key);
    if (!perm) {
      perm = { IpProtocol: r.IpProtocol, ...ports(r), IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
      byKey.set(key, perm);
    }
    if (r.CidrIpv4) perm.IpRanges!.push({ CidrIp: r.CidrIpv4, ...(r.Description ? { Description: r.Description } : {}) });
    if (r.ReferencedGroupId) {
      perm.UserIdGroupPairs!.push({
        GroupId: r.ReferencedGroupId,
        UserId: ctx.world.accountId,
        ...(r.Description ? { Description: r.Description } : {}),
      });
    }
  }
  return [...byKey.values()];
}

export function toSdkSecurityGroup(ctx: HandlerContext, sg: SecurityGroup): SdkSecurityGroup {
  return {
    GroupId: sg.GroupId,
    GroupName: sg.GroupName,
    Description: sg.Description,
    VpcId: sg.VpcId,
    OwnerId: ctx.world.accountId,
    SecurityGroupArn: `arn:aws:ec2:${ctx.region}:${ctx.world.accountId}:security-group/${sg.GroupId}`,
    IpPermissions: toIpPermissions(ctx, sg.Ingress),
    IpPermissionsEgress: toIpPermissions(ctx, sg.Egress),
    Tags: outTags(sg.Tags),
  };
}

export function toSdkRule(ctx: HandlerContext, sg: SecurityGroup, r: SgRule, isEgress: boolean): SdkRule {
  return {
    SecurityGroupRuleId: r.SecurityGroupRuleId,
    SecurityGroupRuleArn: `arn:aws:ec2:${ctx.region}:${ctx.world.accountId}:security-group-rule/${r.SecurityGroupRuleId}`,
    GroupId: sg.GroupId,
    GroupOwnerId: ctx.world.accountId,
    IsEgress: isEgress,
    IpProtocol: r.IpProtocol,
    // EC2 reports -1 for the ports of an all-traffic rule.
    FromPort: r.FromPort ?? -1,
    ToPort: r.ToPort ?? -1,
    ...(r.CidrIpv4 ? { CidrIpv4: r.CidrIpv4 } : {}),
    ...(r.ReferencedGroupId ? { ReferencedGroupInfo: { GroupId: r.ReferencedGroupId, UserId: ctx.world.accountId } } : {}),
    ...(r.Description ? { Description: r.Description } : {}),
    Tags: [],
  };
}
