/**
 * Security groups: create, describe, delete (DependencyViolation while something uses the group),
 * and inbound / outbound rules (authorize / revoke, by permission or by rule id).
 */
import { type Ec2, type HandlerContext, handlers } from "../../handler.js";
import { live, type SecurityGroup, type SgRule } from "../../world.js";
import { rememberAgentsOnline } from "../../model/ssm-agent.js";
import { authorizeRules, createSecurityGroup, deleteSecurityGroup, revokeRules, securityGroupBlocker, type RuleSide } from "../../model/security-groups.js";
import { failNotFound, requireEntity } from "../../model/ec2-kinds.js";
import { applyFilters, describe, sameNamed, selectByIds, tagsFromSpecs, type FilterFields } from "./filters.js";
import { rulesFromInput, toSdkRule, toSdkSecurityGroup, type RuleSpec } from "./sg-shapes.js";

/** A group by id, or by name in the default VPC (the only place EC2 accepts a bare name). */
function groupFor(ctx: HandlerContext, groupId: string | undefined, groupName: string | undefined): SecurityGroup {
  if (groupId) return requireEntity(ctx, "securityGroups", groupId);
  const defaultVpc = live(ctx.rw.vpcs, ctx.now).find((v) => v.IsDefault);
  const sg = live(ctx.rw.securityGroups, ctx.now).find((g) => g.GroupName === groupName && g.VpcId === defaultVpc?.VpcId);
  if (!groupName) ctx.fail("MissingParameter", "The request must contain the parameter groupId");
  if (!sg) ctx.fail("InvalidGroup.NotFound", `The security group '${groupName}' does not exist in default VPC '${defaultVpc?.VpcId ?? "none"}'`);
  return sg;
}

function sgFields(ctx: HandlerContext): FilterFields<SecurityGroup> {
  return {
    ...sameNamed<SecurityGroup>("group-id", "group-name", "vpc-id", "description"),
    "owner-id": () => ctx.world.accountId,
    "ip-permission.cidr": (g) => g.Ingress.map((r) => r.CidrIpv4),
    "ip-permission.group-id": (g) => g.Ingress.map((r) => r.ReferencedGroupId),
    "ip-permission.protocol": (g) => g.Ingress.map((r) => r.IpProtocol),
    "ip-permission.from-port": (g) => g.Ingress.map((r) => (r.FromPort === undefined ? undefined : String(r.FromPort))),
    "ip-permission.to-port": (g) => g.Ingress.map((r) => (r.ToPort === undefined ? undefined : String(r.ToPort))),
    "egress.ip-permission.cidr": (g) => g.Egress.map((r) => r.CidrIpv4),
  };
}

const RULE_NOT_FOUND = { code: "InvalidSecurityGroupRuleId.NotFound", noun: "security group rule ID" };

function authorize(ctx: HandlerContext, sg: SecurityGroup, rules: RuleSpec[], side: RuleSide) {
  const added = authorizeRules(ctx, sg.GroupId, rules, side);
  return { Return: true, SecurityGroupRules: added.map((r) => toSdkRule(ctx, sg, r, side === "Egress")) };
}

/** Revokes the rules named by id (each must be on this side of the group), else those matching the permissions. */
function revoke(ctx: HandlerContext, sg: SecurityGroup, side: RuleSide, ruleIds: string[] | undefined, fromPermissions: () => RuleSpec[]) {
  // A revoke can cut an SSM Agent off (HTTPS out, or into the ssm endpoints): it then shows ConnectionLost.
  rememberAgentsOnline(ctx.world, ctx.region, ctx.now, ctx.speed);
  let revoked: SgRule[];
  if (ruleIds?.length) {
    const ids = new Set(ruleIds);
    for (const id of ids) {
      if (!sg[side].some((r) => r.SecurityGroupRuleId === id)) failNotFound(ctx, RULE_NOT_FOUND, id);
    }
    revoked = sg[side].filter((r) => ids.has(r.SecurityGroupRuleId));
    sg[side] = sg[side].filter((r) => !ids.has(r.SecurityGroupRuleId));
  } else {
    revoked = revokeRules(ctx, sg.GroupId, fromPermissions(), side);
  }
  const isEgress = side === "Egress";
  return { Return: true, RevokedSecurityGroupRules: revoked.map((r) => ({ SecurityGroupRuleId: r.SecurityGroupRuleId, GroupId: sg.GroupId, IsEgress: isEgress })) };
}

export const securityGroupHandlers = handlers<Ec2>({
  CreateSecurityGroupCommand: (ctx, input) => {
    if (!input.GroupName) return ctx.fail("MissingParameter", "The request must contain the parameter groupName");
    if (!input.Description) return ctx.fail("MissingParameter", "The request must contain the parameter GroupDescription");
    const vpcId = input.VpcId ?? live(ctx.rw.vpcs, ctx.now).find((v) => v.IsDefault)?.VpcId;
    if (!vpcId) return ctx.fail("VPCIdNotSpecified", "No default VPC for this user");
    const sg = createSecurityGroup(ctx, {
      GroupName: input.GroupName,
      Description: input.Description,
      VpcId: vpcId,
      Tags: tagsFromSpecs(input.TagSpecifications, "security-group"),
    });
    return { GroupId: sg.GroupId, Tags: sg.Tags.map((t) => ({ ...t })), SecurityGroupArn: toSdkSecurityGroup(ctx, sg).SecurityGroupArn };
  },

  DescribeSecurityGroupsCommand: (ctx, input) => {
    const byId = describe(ctx, "securityGroups", { ids: input.GroupIds, filters: undefined }, {});
    const named = input.GroupNames?.length ? input.GroupNames.map((name) => groupFor(ctx, undefined, name)) : byId;
    const groups = applyFilters(ctx, named, input.Filters, sgFields(ctx), (g) => g.Tags);
    return { SecurityGroups: groups.map((g) => toSdkSecurityGroup(ctx, g)) };
  },

  DescribeSecurityGroupRulesCommand: (ctx, input) => {
    const rows = live(ctx.rw.securityGroups, ctx.now).flatMap((sg) => [
      ...sg.Ingress.map((rule) => ({ sg, rule, egress: false })),
      ...sg.Egress.map((rule) => ({ sg, rule, egress: true })),
    ]);
    let selected = selectByIds(ctx, rows, input.SecurityGroupRuleIds, (r) => r.rule.SecurityGroupRuleId, RULE_NOT_FOUND);
    selected = applyFilters(ctx, selected, input.Filters, {
      "group-id": (r) => r.sg.GroupId,
      "security-group-rule-id": (r) => r.rule.SecurityGroupRuleId,
    });
    return { SecurityGroupRules: selected.map((r) => toSdkRule(ctx, r.sg, r.rule, r.egress)) };
  },

  AuthorizeSecurityGroupIngressCommand: (ctx, input) => {
    const sg = groupFor(ctx, input.GroupId, input.GroupName);
    return authorize(ctx, sg, rulesFromInput(ctx, input.IpPermissions, input, sg.VpcId), "Ingress");
  },

  RevokeSecurityGroupIngressCommand: (ctx, input) => {
    const sg = groupFor(ctx, input.GroupId, input.GroupName);
    return revoke(ctx, sg, "Ingress", input.SecurityGroupRuleIds, () => rulesFromInput(ctx, input.IpPermissions, input, sg.VpcId));
  },

  AuthorizeSecurityGroupEgressCommand: (ctx, input) => {
    const sg = requireEntity(ctx, "securityGroups", input.GroupId ?? "");
    return authorize(ctx, sg, rulesFromInput(ctx, input.IpPermissions, {}, sg.VpcId), "Egress");
  },

  RevokeSecurityGroupEgressCommand: (ctx, input) => {
    const sg = requireEntity(ctx, "securityGroups", input.GroupId ?? "");
    return revoke(ctx, sg, "Egress", input.SecurityGroupRuleIds, () => rulesFromInput(ctx, input.IpPermissions, {}, sg.VpcId));
  },

  DeleteSecurityGroupCommand: (ctx, input) => {
    const sg = groupFor(ctx, input.GroupId, input.GroupName);
    if (sg.GroupName === "default") {
      ctx.fail("CannotDelete", `the specified group: "${sg.GroupId}" name: "default" cannot be deleted by a user`);
    }
    const blocker = securityGroupBlocker(ctx, sg.GroupId);
    if (blocker) ctx.fail("DependencyViolation", blocker);
    deleteSecurityGroup(ctx, sg.GroupId);
    return { Return: true, GroupId: sg.GroupId };
  },
});
