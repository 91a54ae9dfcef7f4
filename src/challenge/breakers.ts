/**
 * The ways a challenge breaks a finished build, each through the same SDK calls a person would
 * make (so it works on AWS and in the sandbox alike), and how give-up puts it back. A challenge's
 * data (lessons/<id>/challenges/) names its breaker; the breaker never tells the learner anything.
 */
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  DeleteVpcEndpointsCommand,
  DescribeSecurityGroupRulesCommand,
  RejectVpcEndpointConnectionsCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type IpPermission,
  type SecurityGroupRule,
} from "@aws-sdk/client-ec2";
import { DeregisterTargetsCommand, DescribeTargetHealthCommand, ModifyListenerCommand, RegisterTargetsCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { LessonContext } from "../lesson/context.js";
import { need, type LearnerPath } from "./learner-path.js";
import { acceptAndWait, recreateEndpoint } from "./repairs.js";

export type Undo = Record<string, string>;

export interface Breaker {
  /** Breaks one link; returns what give-up needs to put it back. */
  break(ctx: LessonContext, path: LearnerPath): Promise<Undo>;
  restore(ctx: LessonContext, path: LearnerPath, undo: Undo): Promise<void>;
}

export const CHALLENGE_PORT = 80;
/** The port a challenge moves the listener to. */
export const WRONG_PORT = 8080;

/** Does the rule let TCP `port` through (a TCP range covering it, or all traffic)? */
function covers(r: SecurityGroupRule, port: number): boolean {
  if (r.IpProtocol === "-1") return true;
  return (r.IpProtocol === "tcp" || r.IpProtocol === "6") && (r.FromPort ?? 0) <= port && port <= (r.ToPort ?? r.FromPort ?? 0);
}

function permission(r: SecurityGroupRule): IpPermission {
  return {
    IpProtocol: r.IpProtocol,
    ...(r.IpProtocol !== "-1" ? { FromPort: r.FromPort, ToPort: r.ToPort } : {}),
    ...(r.CidrIpv4 ? { IpRanges: [{ CidrIp: r.CidrIpv4 }] } : {}),
    ...(r.ReferencedGroupInfo?.GroupId ? { UserIdGroupPairs: [{ GroupId: r.ReferencedGroupInfo.GroupId }] } : {}),
  };
}

async function rulesCovering(ctx: LessonContext, groupId: string, egress: boolean): Promise<SecurityGroupRule[]> {
  const out = await ctx.clients.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [groupId] }] }));
  return (out.SecurityGroupRules ?? []).filter((r) => Boolean(r.IsEgress) === egress && covers(r, CHALLENGE_PORT));
}

/** Revokes every inbound rule that lets HTTP into the group; remembers them. */
async function closeInbound(ctx: LessonContext, groupId: string): Promise<Undo> {
  const rules = await rulesCovering(ctx, groupId, false);
  if (rules.length > 0) {
    await ctx.clients.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: rules.map((r) => r.SecurityGroupRuleId ?? "") }));
  }
  return { groupId, permissions: JSON.stringify(rules.map(permission)) };
}

/**
 * Puts back what was revoked; when the break happened elsewhere (a facilitator's
 * `workshop challenge`), the undo is empty and the lesson's own rule is added instead.
 */
async function reopenInbound(ctx: LessonContext, groupId: string | undefined, undo: Undo, fallback: IpPermission): Promise<void> {
  const saved = JSON.parse(undo.permissions ?? "[]") as IpPermission[];
  const group = undo.groupId ?? groupId;
  if (!group) return;
  const permissions = saved.length > 0 ? saved : [fallback];
  await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group, IpPermissions: permissions })).catch(ignoreDuplicate);
}

const http = (cidr: string): IpPermission => ({ IpProtocol: "tcp", FromPort: CHALLENGE_PORT, ToPort: CHALLENGE_PORT, IpRanges: [{ CidrIp: cidr }] });

function ignoreDuplicate(e: unknown): void {
  if ((e as { name?: string }).name !== "InvalidPermission.Duplicate") throw e;
}

const HTTPS_OUT: IpPermission = { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] };

export const BREAKERS: Record<string, Breaker> = {
  "revoke-endpoint-http": {
    break: (ctx, path) => closeInbound(ctx, need(path, "endpointSgId").endpointSgId),
    restore: (ctx, path, undo) => reopenInbound(ctx, path.endpointSgId, undo, http(`${path.consumerIp ?? "0.0.0.0"}/32`)),
  },
  "revoke-provider-http": {
    break: (ctx, path) => closeInbound(ctx, need(path, "providerSgId").providerSgId),
    // The Provider template's own rule.
    restore: (ctx, path, undo) => reopenInbound(ctx, path.providerSgId, undo, http("0.0.0.0/0")),
  },
  /** Outbound tightened to HTTPS only: SSM still works (it uses 443), HTTP does not leave. */
  "consumer-egress": {
    async break(ctx, path) {
      const groupId = need(path, "consumerSgId").consumerSgId;
      const rules = await rulesCovering(ctx, groupId, true);
      await ctx.clients.ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [HTTPS_OUT] })).catch(ignoreDuplicate);
      if (rules.length > 0) await ctx.clients.ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, SecurityGroupRuleIds: rules.map((r) => r.SecurityGroupRuleId ?? "") }));
      return { groupId, permissions: JSON.stringify(rules.map(permission)) };
    },
    async restore(ctx, path, undo) {
      const saved = JSON.parse(undo.permissions ?? "[]") as IpPermission[];
      const group = undo.groupId ?? path.consumerSgId;
      // AWS's default outbound rule, when the break happened elsewhere.
      const permissions = saved.length > 0 ? saved : [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }];
      if (group) await ctx.clients.ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: group, IpPermissions: permissions })).catch(ignoreDuplicate);
    },
  },
  "reject-connection": {
    async break(ctx, path) {
      const p = need(path, "serviceId", "endpointId");
      await ctx.clients.ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: p.serviceId, VpcEndpointIds: [p.endpointId] }));
      return { endpointId: p.endpointId };
    },
    async restore(ctx, path, undo) {
      if (path.endpointState?.toLowerCase() !== "rejected") return;
      await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [undo.endpointId ?? path.endpointId ?? ""] }));
      const id = await recreateEndpoint(ctx, path);
      await acceptAndWait(ctx, need(path, "serviceId").serviceId, id);
    },
  },
  "listener-port": {
    async break(ctx, path) {
      const p = need(path, "listenerArn", "listenerPort");
      await ctx.clients.elbv2.send(new ModifyListenerCommand({ ListenerArn: p.listenerArn, Port: WRONG_PORT }));
      return { listenerArn: p.listenerArn, port: String(p.listenerPort) };
    },
    async restore(ctx, path, undo) {
      const arn = undo.listenerArn ?? path.listenerArn;
      if (arn) await ctx.clients.elbv2.send(new ModifyListenerCommand({ ListenerArn: arn, Port: Number(undo.port ?? CHALLENGE_PORT) }));
    },
  },
  "deregister-target": {
    async break(ctx, path) {
      const tg = need(path, "targetGroupArn").targetGroupArn;
      const health = await ctx.clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
      const targets = (health.TargetHealthDescriptions ?? []).flatMap((h) => (h.Target?.Id ? [{ Id: h.Target.Id, Port: h.Target.Port ?? CHALLENGE_PORT }] : []));
      if (targets.length > 0) await ctx.clients.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: tg, Targets: targets }));
      return { targetGroupArn: tg, targets: JSON.stringify(targets) };
    },
    async restore(ctx, path, undo) {
      const saved = JSON.parse(undo.targets ?? "[]") as { Id: string; Port: number }[];
      const targets = saved.length > 0 ? saved : path.providerInstanceId ? [{ Id: path.providerInstanceId, Port: CHALLENGE_PORT }] : [];
      const tg = undo.targetGroupArn ?? path.targetGroupArn;
      if (tg && targets.length > 0) await ctx.clients.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: targets }));
    },
  },
};
