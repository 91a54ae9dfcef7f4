/** How a challenge breaks a finished build, through the SDK calls a person would make, and how give-up undoes it. */
import type { IpPermission, SecurityGroupRule } from "@aws-sdk/client-ec2";
import type { LessonContext } from "../lesson/context.js";
import type { LinkId } from "../reachability/chain.js";
import { need, type LearnerPath } from "./learner-path.js";
import { acceptAndWait, recreateEndpoint } from "./repairs.js";
import { awsPort } from "../aws/port.js";
import { admits } from "../lesson/http-rule.js";
import { cidrContains } from "../reachability/security-groups.js";
import { learnersEndpoint } from "../lesson/cloud-view.js";

type Undo = Record<string, string>;

/**
 * In two halves so a kill between them loses nothing: `plan` only reads (saved as the undo first), `apply` changes.
 * `restore` puts a working path back from what the cloud shows now (the undo, else the build's own shape), rerunnable.
 * `leaves`: how the break's link fails (a diagnose problem), its own evidence. `signs`: other links that fail while the
 * break or its repair is half done; they count only for a challenge on record (a missing endpoint is no rejected one).
 */
interface Breaker {
  plan(ctx: LessonContext, path: LearnerPath): Promise<Undo>;
  /** Rules the learner added besides the fix, which the build does not need (told at check, never removed for them). */
  extras?(ctx: LessonContext, path: LearnerPath, undo: Undo): Promise<ExtraRule[]>;
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

async function groupRules(ctx: LessonContext, groupId: string, egress: boolean): Promise<SecurityGroupRule[]> {
  const out = await awsPort(ctx.clients).ec2.describeSecurityGroupRules({ Filters: [{ Name: "group-id", Values: [groupId] }] });
  return (out.SecurityGroupRules ?? []).filter((r) => Boolean(r.IsEgress) === egress);
}

async function rulesCovering(ctx: LessonContext, groupId: string, egress: boolean): Promise<SecurityGroupRule[]> {
  return (await groupRules(ctx, groupId, egress)).filter((r) => covers(r, CHALLENGE_PORT));
}

/**
 * Of the groups on an ENI, the first that lets HTTP through (a learner's fix may have added a group beside the lesson's:
 * closing the other would break nothing), else `fallback`. Two groups that both let it through stay one open: not handled.
 */
async function httpGroup(ctx: LessonContext, groupIds: string[], egress: boolean, fallback: string): Promise<string> {
  for (const id of groupIds) if ((await rulesCovering(ctx, id, egress)).length > 0) return id;
  return fallback;
}

/** What closing a group's HTTP would revoke: the rules (to put back) and their ids (to revoke); `before`: every rule it had. */
async function planClose(ctx: LessonContext, groupId: string, egress: boolean): Promise<Undo> {
  const all = await groupRules(ctx, groupId, egress);
  const rules = all.filter((r) => covers(r, CHALLENGE_PORT));
  const ids = (list: SecurityGroupRule[]) => JSON.stringify(list.map((r) => r.SecurityGroupRuleId ?? ""));
  const other = await groupRules(ctx, groupId, !egress);
  return { groupId, permissions: JSON.stringify(rules.map(permission)), ruleIds: ids(rules), before: ids(all), beforeOther: ids(other) };
}

/** A rule the learner added that the build does not need: where it is, how it reads, and whether it is outbound. */
export interface ExtraRule {
  groupId: string;
  ruleId: string;
  egress: boolean;
  rule: string;
}

/** How the console shows a rule: `TCP 8080 ← 10.0.1.23/32` (inbound) or `TCP 80 → 0.0.0.0/0` (outbound). */
function ruleWords(r: SecurityGroupRule): string {
  const proto = r.IpProtocol === "-1" ? "ALL" : String(r.IpProtocol).replace(/^6$/, "tcp").toUpperCase();
  const ports = r.IpProtocol === "-1" ? "" : r.FromPort === r.ToPort ? ` ${r.FromPort}` : ` ${r.FromPort}-${r.ToPort}`;
  const peer = r.CidrIpv4 ?? r.CidrIpv6 ?? r.ReferencedGroupInfo?.GroupId ?? r.PrefixListId ?? "?";
  return `${proto}${ports} ${r.IsEgress ? "→" : "←"} ${peer}`;
}

/**
 * The rules added to the broken group since the break (absent from `before`) that `needed` does not want. A record
 * without `before` (started by an older version, or a break recognised in the cloud) cannot tell them: none.
 */
async function addedNotNeeded(ctx: LessonContext, undo: Undo, egress: boolean, needed: (r: SecurityGroupRule) => boolean): Promise<ExtraRule[]> {
  // The other direction needs nothing new (an outbound rule tried at an inbound break, say); a record from before it was kept: unjudged.
  return [...(await addedSince(ctx, undo, undo.before, egress, needed)), ...(await addedSince(ctx, undo, undo.beforeOther, !egress, () => false))];
}

async function addedSince(ctx: LessonContext, undo: Undo, before: string | undefined, egress: boolean, needed: (r: SecurityGroupRule) => boolean): Promise<ExtraRule[]> {
  if (!undo.groupId || before === undefined) return [];
  const had = new Set(JSON.parse(before) as string[]);
  const added = (await groupRules(ctx, undo.groupId, egress)).filter((r) => r.SecurityGroupRuleId && !had.has(r.SecurityGroupRuleId));
  return added.filter((r) => !needed(r)).map((r) => ({ groupId: undo.groupId!, ruleId: r.SecurityGroupRuleId!, egress, rule: ruleWords(r) }));
}

/** Is the CIDR `inner` inside `outer` (a /32 of the VPC, the VPC itself; never a wider range)? */
function cidrWithin(inner: string | undefined, outer: string | undefined): boolean {
  if (!inner || !outer) return false;
  const [base, bits] = inner.split("/");
  return Number(bits ?? "32") >= Number(outer.split("/")[1] ?? "32") && cidrContains(outer, base ?? "");
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

const isHttpsOut = (r: SecurityGroupRule): boolean => r.IpProtocol === "tcp" && r.FromPort === 443 && r.ToPort === 443 && r.CidrIpv4 === "0.0.0.0/0";

/** The learner's endpoint's ENI addresses, as the path's read found them. */
function endpointIps(path: LearnerPath): string[] {
  const shapes = path.view.path?.shapes;
  const ep = shapes?.vpcEndpoints.find((e) => e.VpcEndpointId === path.endpointId);
  return (ep?.NetworkInterfaceIds ?? []).flatMap((id) => shapes?.networkInterfaces.find((n) => n.NetworkInterfaceId === id)?.PrivateIpAddress ?? []);
}

/** Does an outbound rule let HTTP reach the endpoint? With its addresses unseen, any HTTP out is given the benefit of the doubt. */
function httpToEndpoint(path: LearnerPath, r: SecurityGroupRule): boolean {
  const ips = endpointIps(path);
  if (ips.length === 0) return covers(r, CHALLENGE_PORT);
  return ips.some((ip) => admits([permission(r)], CHALLENGE_PORT, { ip, sgIds: path.endpointSgId ? [path.endpointSgId] : [] }));
}

/** The wrong port, or the next one no listener of the NLB holds (a listener left on 8080 by an earlier fix: AWS refuses a duplicate). */
function freePort(path: LearnerPath): number {
  const used = new Set((path.view.path?.lb.listeners ?? []).map((l) => l.Port));
  let port = WRONG_PORT;
  while (used.has(port)) port++;
  return port;
}

type Target = { Id: string; Port: number };
const savedTargets = (undo: Undo): Target[] => JSON.parse(undo.targets ?? "[]") as Target[];

const GONE = /^(deleting|deleted|rejected|failed|expired)$/i;

export const BREAKERS: Record<string, Breaker> = {
  "revoke-endpoint-http": {
    leaves: "no-rule",
    plan: async (ctx, path) => planClose(ctx, await httpGroup(ctx, learnersEndpoint(path.view)?.sgIds ?? [], false, need(path, "endpointSgId").endpointSgId), false),
    apply: (ctx, _path, undo) => revoke(ctx, undo, false),
    restore: (ctx, path, undo) => reopen(ctx, undo.groupId ?? path.endpointSgId, undo, http(`${path.consumerIp ?? "0.0.0.0"}/32`), false),
    // The endpoint needs HTTP from the Consumer instance (its address, a range holding it, or its group), nothing else.
    extras: (ctx, path, undo) =>
      addedNotNeeded(ctx, undo, false, (r) => Boolean(path.consumerIp) && admits([permission(r)], CHALLENGE_PORT, { ip: path.consumerIp ?? "", sgIds: path.consumerSgId ? [path.consumerSgId] : [] })),
  },
  "revoke-provider-http": {
    leaves: "no-rule",
    plan: (ctx, path) => planClose(ctx, need(path, "providerSgId").providerSgId, false),
    apply: (ctx, _path, undo) => revoke(ctx, undo, false),
    // The Provider template's own rule.
    restore: (ctx, path, undo) => reopen(ctx, undo.groupId ?? path.providerSgId, undo, http("0.0.0.0/0"), false),
    // Only the NLB's nodes reach the Provider: HTTP from inside its own VPC, no more ("only what is needed").
    extras: (ctx, path, undo) => addedNotNeeded(ctx, undo, false, (r) => covers(r, CHALLENGE_PORT) && cidrWithin(r.CidrIpv4, path.providerVpcCidr)),
  },
  /** Outbound tightened to HTTPS only: SSM still works (it uses 443), HTTP does not leave. */
  "consumer-egress": {
    leaves: "no-rule",
    plan: async (ctx, path) => planClose(ctx, await httpGroup(ctx, path.view.consumerInstance?.sgIds ?? [], true, need(path, "consumerSgId").consumerSgId), true),
    async apply(ctx, _path, undo) {
      if (!undo.groupId) return;
      await awsPort(ctx.clients).ec2.authorizeSecurityGroupEgress({ GroupId: undo.groupId, IpPermissions: [HTTPS_OUT] }).catch(ignoreDuplicate);
      await revoke(ctx, undo, true);
    },
    restore: (ctx, path, undo) => reopen(ctx, undo.groupId ?? path.consumerSgId, undo, ALL_OUT, true),
    // HTTP out to the endpoint is the fix (its address, a range holding it, or its group); the HTTPS rule is the break's own (SSM needs it).
    extras: (ctx, path, undo) => addedNotNeeded(ctx, undo, true, (r) => isHttpsOut(r) || httpToEndpoint(path, r)),
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
      return { listenerArn: p.listenerArn, port: String(p.listenerPort), wrongPort: String(freePort(path)) };
    },
    apply: async (ctx, _path, undo) => {
      await awsPort(ctx.clients).elbv2.modifyListener({ ListenerArn: undo.listenerArn, Port: Number(undo.wrongPort ?? WRONG_PORT) });
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
