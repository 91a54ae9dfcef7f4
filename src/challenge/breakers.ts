/** How a challenge breaks a finished build, through the SDK calls a person would make, and how give-up undoes it. */
import type { IpPermission, SecurityGroupRule } from "@aws-sdk/client-ec2";
import type { LessonContext } from "../lesson/context.js";
import type { LinkId } from "../reachability/chain.js";
import { need, type LearnerPath } from "./learner-path.js";
import { acceptAndWait, recreateEndpoint } from "./repairs.js";
import { awsPort } from "../aws/port.js";

type Undo = Record<string, string>;

/**
 * In two halves so a kill between them loses nothing: `plan` only reads (saved as the undo first), `apply` changes.
 * `restore` puts a working path back from what the cloud shows now (the undo, else the build's own shape), rerunnable.
 * `leaves`: how the break's link fails (a diagnose problem), its own evidence. `signs`: other links that fail while the
 * break or its repair is half done; they count only for a challenge on record (a missing endpoint is no rejected one).
 */
interface Breaker {
  plan(ctx: LessonContext, path: LearnerPath): Promise<Undo>;
  apply(ctx: LessonContext, path: LearnerPath, undo: Undo): Promise<void>;
  restore(ctx: LessonContext, path: LearnerPath, undo: Undo): Promise<void>;
  leaves: string;
  signs?: LinkId[];
}

const CHALLENGE_PORT = 80;
/** The port a challenge moves the listener to. */
const WRONG_PORT = 8080;

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
  const out = await awsPort(ctx.clients).ec2.describeSecurityGroupRules({ Filters: [{ Name: "group-id", Values: [groupId] }] });
  return (out.SecurityGroupRules ?? []).filter((r) => Boolean(r.IsEgress) === egress && covers(r, CHALLENGE_PORT));
}

/** What closing a group's HTTP would revoke: the rules (to put back) and their ids (to revoke). */
async function planClose(ctx: LessonContext, groupId: string, egress: boolean): Promise<Undo> {
  const rules = await rulesCovering(ctx, groupId, egress);
  return { groupId, permissions: JSON.stringify(rules.map(permission)), ruleIds: JSON.stringify(rules.map((r) => r.SecurityGroupRuleId ?? "")) };
}

/** Revokes the planned rules; a rule already gone (an earlier run revoked it) is no error. */
async function revoke(ctx: LessonContext, undo: Undo, egress: boolean): Promise<void> {
  const ids = (JSON.parse(undo.ruleIds ?? "[]") as string[]).filter(Boolean);
  if (!undo.groupId || ids.length === 0) return;
  const input = { GroupId: undo.groupId, SecurityGroupRuleIds: ids };
  await (egress ? awsPort(ctx.clients).ec2.revokeSecurityGroupEgress(input) : awsPort(ctx.clients).ec2.revokeSecurityGroupIngress(input)).catch(ignoreGone);
}

/**
 * Puts back what was revoked, one rule a call (a duplicate stops none of the others); with no undo (from `workshop
 * challenge`, or a break recognised in the cloud) the build's own rule. Nothing is added while one lets HTTP through.
 */
async function reopen(ctx: LessonContext, group: string | undefined, undo: Undo, fallback: IpPermission, egress: boolean): Promise<void> {
  if (!group) return;
  if ((await rulesCovering(ctx, group, egress)).length > 0) return;
  const saved = JSON.parse(undo.permissions ?? "[]") as IpPermission[];
  for (const permission of saved.length > 0 ? saved : [fallback]) {
    const input = { GroupId: group, IpPermissions: [permission] };
    await (egress ? awsPort(ctx.clients).ec2.authorizeSecurityGroupEgress(input) : awsPort(ctx.clients).ec2.authorizeSecurityGroupIngress(input)).catch(ignoreDuplicate);
  }
}

const http = (cidr: string): IpPermission => ({ IpProtocol: "tcp", FromPort: CHALLENGE_PORT, ToPort: CHALLENGE_PORT, IpRanges: [{ CidrIp: cidr }] });

/** A catch that lets through only AWS errors named like `name` (what an earlier run already did). */
const ignoring = (name: RegExp) => (e: unknown): void => {
  if (!name.test(String((e as { name?: string }).name))) throw e;
};
const ignoreDuplicate = ignoring(/^InvalidPermission\.Duplicate$/);
const ignoreInvalidTarget = ignoring(/^InvalidTarget/);
const ignoreGone = ignoring(/NotFound$/);

const HTTPS_OUT: IpPermission = { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] };
/** AWS's default outbound rule. */
const ALL_OUT: IpPermission = { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] };

type Target = { Id: string; Port: number };
const savedTargets = (undo: Undo): Target[] => JSON.parse(undo.targets ?? "[]") as Target[];

const GONE = /^(deleting|deleted|rejected|failed|expired)$/i;

export const BREAKERS: Record<string, Breaker> = {
  "revoke-endpoint-http": {
    leaves: "no-rule",
    plan: (ctx, path) => planClose(ctx, need(path, "endpointSgId").endpointSgId, false),
    apply: (ctx, _path, undo) => revoke(ctx, undo, false),
    restore: (ctx, path, undo) => reopen(ctx, undo.groupId ?? path.endpointSgId, undo, http(`${path.consumerIp ?? "0.0.0.0"}/32`), false),
  },
  "revoke-provider-http": {
    leaves: "no-rule",
    plan: (ctx, path) => planClose(ctx, need(path, "providerSgId").providerSgId, false),
    apply: (ctx, _path, undo) => revoke(ctx, undo, false),
    // The Provider template's own rule.
    restore: (ctx, path, undo) => reopen(ctx, undo.groupId ?? path.providerSgId, undo, http("0.0.0.0/0"), false),
  },
  /** Outbound tightened to HTTPS only: SSM still works (it uses 443), HTTP does not leave. */
  "consumer-egress": {
    leaves: "no-rule",
    plan: (ctx, path) => planClose(ctx, need(path, "consumerSgId").consumerSgId, true),
    async apply(ctx, _path, undo) {
      if (!undo.groupId) return;
      await awsPort(ctx.clients).ec2.authorizeSecurityGroupEgress({ GroupId: undo.groupId, IpPermissions: [HTTPS_OUT] }).catch(ignoreDuplicate);
      await revoke(ctx, undo, true);
    },
    restore: (ctx, path, undo) => reopen(ctx, undo.groupId ?? path.consumerSgId, undo, ALL_OUT, true),
  },
  "reject-connection": {
    leaves: "rejected",
    signs: ["endpoint", "dns-name"],
    plan: async (_ctx, path) => ({ endpointId: need(path, "endpointId").endpointId }),
    async apply(ctx, path, undo) {
      const serviceId = need(path, "serviceId").serviceId;
      await awsPort(ctx.clients).ec2.rejectVpcEndpointConnections({ ServiceId: serviceId, VpcEndpointIds: [undo.endpointId ?? ""] });
    },
    /** A rejected endpoint cannot be accepted again: replaced by one like it, each part only while still needed. */
    async restore(ctx, path) {
      const serviceId = need(path, "serviceId").serviceId;
      let id = path.endpointId;
      if (id && GONE.test(path.endpointState ?? "")) {
        if (!/^(deleting|deleted)$/i.test(path.endpointState ?? "")) await awsPort(ctx.clients).ec2.deleteVpcEndpoints({ VpcEndpointIds: [id] });
        id = undefined;
      }
      id ??= await recreateEndpoint(ctx, path);
      await acceptAndWait(ctx, serviceId, id);
    },
  },
  "listener-port": {
    leaves: "wrong-port",
    plan: async (_ctx, path) => {
      const p = need(path, "listenerArn", "listenerPort");
      return { listenerArn: p.listenerArn, port: String(p.listenerPort) };
    },
    apply: async (ctx, _path, undo) => {
      await awsPort(ctx.clients).elbv2.modifyListener({ ListenerArn: undo.listenerArn, Port: WRONG_PORT });
    },
    async restore(ctx, path, undo) {
      const arn = undo.listenerArn ?? path.listenerArn;
      const port = Number(undo.port ?? CHALLENGE_PORT);
      if (arn && path.listenerPort !== port) await awsPort(ctx.clients).elbv2.modifyListener({ ListenerArn: arn, Port: port });
    },
  },
  "deregister-target": {
    leaves: "no-targets",
    // The targets as the path's read found them (its target group's health).
    plan: async (_ctx, path) => {
      const tg = need(path, "targetGroupArn").targetGroupArn;
      const health = path.view.path?.lb.targetHealth[tg] ?? [];
      const targets = health.flatMap((h) => (h.Target?.Id ? [{ Id: h.Target.Id, Port: h.Target.Port ?? CHALLENGE_PORT }] : []));
      return { targetGroupArn: tg, targets: JSON.stringify(targets) };
    },
    async apply(ctx, _path, undo) {
      const targets = savedTargets(undo);
      // A retry after a lost answer finds the targets gone already (InvalidTarget): the break is done.
      if (undo.targetGroupArn && targets.length > 0) await awsPort(ctx.clients).elbv2.deregisterTargets({ TargetGroupArn: undo.targetGroupArn, Targets: targets }).catch(ignoreInvalidTarget);
    },
    async restore(ctx, path, undo) {
      const saved = savedTargets(undo);
      const targets = saved.length > 0 ? saved : path.providerInstanceId ? [{ Id: path.providerInstanceId, Port: CHALLENGE_PORT }] : [];
      const tg = undo.targetGroupArn ?? path.targetGroupArn;
      // Registering a target that is already registered changes nothing (as AWS does).
      if (tg && targets.length > 0) await awsPort(ctx.clients).elbv2.registerTargets({ TargetGroupArn: tg, Targets: targets });
    },
  },
};
