/**
 * Closing HTTP in security groups, as the challenges that break a group do: every group on the part that lets HTTP through
 * (a learner's own group beside the lesson's would keep the door open), each with what it revoked to put back, and the
 * rules it had (to tell what a fix added since). Kept in the undo as JSON, so a kill anywhere loses nothing.
 */
import type { IpPermission, SecurityGroupRule } from "@aws-sdk/client-ec2";
import type { LessonContext } from "../lesson/context.js";
import { awsPort } from "../aws/port.js";
import { ignoreDuplicate, ignoreGone } from "./aws-misses.js";

type Undo = Record<string, string>;

/** The port curl asks for. */
export const CHALLENGE_PORT = 80;

/** One group a break closed: the rules it revoked (to put back) and their ids, every rule it had on each side. */
interface Closure {
  groupId: string;
  /** IpPermission[] as JSON. */
  permissions: string;
  /** The revoked rules' ids, as JSON. */
  ruleIds: string;
  /** Every rule id the group had on the break's side, and on the other side, as JSON. */
  before: string;
  beforeOther: string;
  /** The break added this rule to the group (it had none like it): give-up takes it away again. */
  added?: IpPermission;
}

/** A rule the learner added that the build does not need: where it is, how it reads, and whether it is outbound. */
export interface ExtraRule {
  groupId: string;
  ruleId: string;
  egress: boolean;
  rule: string;
}

/** Does the rule let TCP `port` through (a TCP range covering it, or all traffic)? */
export function covers(r: SecurityGroupRule, port: number): boolean {
  if (r.IpProtocol === "-1") return true;
  return (r.IpProtocol === "tcp" || r.IpProtocol === "6") && (r.FromPort ?? 0) <= port && port <= (r.ToPort ?? r.FromPort ?? 0);
}

export function permission(r: SecurityGroupRule): IpPermission {
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

const idsOf = (list: SecurityGroupRule[]): string => JSON.stringify(list.map((r) => r.SecurityGroupRuleId ?? ""));

/** What closing a group's HTTP would revoke; `add`: a rule the break adds to it, kept only if the group has none like it. */
async function planClose(ctx: LessonContext, groupId: string, egress: boolean, add?: { rule: IpPermission; like: (r: SecurityGroupRule) => boolean }): Promise<Closure> {
  const all = await groupRules(ctx, groupId, egress);
  const rules = all.filter((r) => covers(r, CHALLENGE_PORT));
  const other = await groupRules(ctx, groupId, !egress);
  const adds = add && !all.some(add.like) ? { added: add.rule } : {};
  return { groupId, permissions: JSON.stringify(rules.map(permission)), ruleIds: idsOf(rules), before: idsOf(all), beforeOther: idsOf(other), ...adds };
}

/** The groups a break closed: the undo's list, or (a record from an older version) its one group. */
export function closures(undo: Undo): Closure[] {
  if (undo.closed) return JSON.parse(undo.closed) as Closure[];
  if (!undo.groupId) return [];
  return [{ groupId: undo.groupId, permissions: undo.permissions ?? "[]", ruleIds: undo.ruleIds ?? "[]", before: undo.before ?? "", beforeOther: undo.beforeOther ?? "" }];
}

interface ClosePlan {
  /** The groups on the part, the lesson's first. */
  groupIds: string[];
  egress: boolean;
  /** The lesson's group: closed (a no-op) when none lets HTTP through, so give-up knows where to put it back. */
  fallback: string;
  /** A rule the break adds to the first group it closes (no-way-out's HTTPS out, which SSM needs). */
  add?: { rule: IpPermission; like: (r: SecurityGroupRule) => boolean };
  /** The undo of an earlier start this one resumes: the groups it closed already keep what they had. */
  earlier?: Undo | undefined;
}

/** Every group on the part that lets HTTP through, each planned to close; those an earlier start planned stay as it saved them. */
export async function planCloseAll(ctx: LessonContext, p: ClosePlan): Promise<Undo> {
  const kept = closures(p.earlier ?? {});
  const known = new Set(kept.map((c) => c.groupId));
  const open: string[] = [];
  for (const id of p.groupIds) if (!known.has(id) && (await groupRules(ctx, id, p.egress)).some((r) => covers(r, CHALLENGE_PORT))) open.push(id);
  if (kept.length === 0 && open.length === 0) open.push(p.fallback);
  const planned = await Promise.all(open.map((id, i) => planClose(ctx, id, p.egress, kept.length === 0 && i === 0 ? p.add : undefined)));
  return { closed: JSON.stringify([...kept, ...planned]) };
}

/** Adds the break's own rule, then revokes the planned rules still there (one already gone, from an earlier run, is skipped). */
export async function closeAll(ctx: LessonContext, undo: Undo, egress: boolean): Promise<void> {
  const ec2 = awsPort(ctx.clients).ec2;
  for (const c of closures(undo)) {
    if (c.added) await (egress ? ec2.authorizeSecurityGroupEgress({ GroupId: c.groupId, IpPermissions: [c.added] }) : ec2.authorizeSecurityGroupIngress({ GroupId: c.groupId, IpPermissions: [c.added] })).catch(ignoreDuplicate);
    const present = new Set((await groupRules(ctx, c.groupId, egress)).map((r) => r.SecurityGroupRuleId));
    const ids = (JSON.parse(c.ruleIds) as string[]).filter((id) => id && present.has(id));
    if (ids.length === 0) continue;
    const input = { GroupId: c.groupId, SecurityGroupRuleIds: ids };
    await (egress ? ec2.revokeSecurityGroupEgress(input) : ec2.revokeSecurityGroupIngress(input)).catch(ignoreGone);
  }
}

/**
 * Puts back what was revoked in every closed group, one rule a call (a duplicate stops none of the others), then takes
 * the break's own rule away where HTTPS is let through again without it. With no closure (from `workshop challenge`, or a
 * break recognised in the cloud), `fallback`'s rule in `group`. Nothing is added to a group while one lets HTTP through.
 */
export async function reopenAll(ctx: LessonContext, undo: Undo, group: string | undefined, fallback: IpPermission, egress: boolean): Promise<void> {
  const list = closures(undo);
  if (list.length === 0 && group) await reopen(ctx, group, [fallback], egress);
  for (const c of list) {
    const saved = JSON.parse(c.permissions) as IpPermission[];
    await reopen(ctx, c.groupId, saved.length > 0 ? saved : [fallback], egress);
    if (c.added) await takeBackAdded(ctx, c, egress);
  }
}

async function reopen(ctx: LessonContext, groupId: string, permissions: IpPermission[], egress: boolean): Promise<void> {
  if ((await groupRules(ctx, groupId, egress)).some((r) => covers(r, CHALLENGE_PORT))) return;
  const ec2 = awsPort(ctx.clients).ec2;
  for (const p of permissions) {
    const input = { GroupId: groupId, IpPermissions: [p] };
    await (egress ? ec2.authorizeSecurityGroupEgress(input) : ec2.authorizeSecurityGroupIngress(input)).catch(ignoreDuplicate);
  }
}

/** The rule the break added, revoked once another rule of the group lets the same port through (nothing is cut off). */
async function takeBackAdded(ctx: LessonContext, c: Closure, egress: boolean): Promise<void> {
  const port = c.added?.FromPort ?? CHALLENGE_PORT;
  const had = new Set(JSON.parse(c.before || "[]") as string[]);
  const rules = await groupRules(ctx, c.groupId, egress);
  const ours = rules.filter((r) => r.SecurityGroupRuleId && !had.has(r.SecurityGroupRuleId) && samePermission(permission(r), c.added!));
  const others = rules.filter((r) => !ours.includes(r) && covers(r, port));
  if (ours.length === 0 || others.length === 0) return;
  const input = { GroupId: c.groupId, SecurityGroupRuleIds: ours.map((r) => r.SecurityGroupRuleId!) };
  const ec2 = awsPort(ctx.clients).ec2;
  await (egress ? ec2.revokeSecurityGroupEgress(input) : ec2.revokeSecurityGroupIngress(input)).catch(ignoreGone);
}

const samePermission = (a: IpPermission, b: IpPermission): boolean =>
  a.IpProtocol === b.IpProtocol && a.FromPort === b.FromPort && a.ToPort === b.ToPort && a.IpRanges?.[0]?.CidrIp === b.IpRanges?.[0]?.CidrIp;

/** How the console shows a rule: `TCP 8080 ← 10.0.1.23/32` (inbound) or `TCP 80 → 0.0.0.0/0` (outbound). */
function ruleWords(r: SecurityGroupRule): string {
  const proto = r.IpProtocol === "-1" ? "ALL" : String(r.IpProtocol).replace(/^6$/, "tcp").toUpperCase();
  const ports = r.IpProtocol === "-1" ? "" : r.FromPort === r.ToPort ? ` ${r.FromPort}` : ` ${r.FromPort}-${r.ToPort}`;
  const peer = r.CidrIpv4 ?? r.CidrIpv6 ?? r.ReferencedGroupInfo?.GroupId ?? r.PrefixListId ?? "?";
  return `${proto}${ports} ${r.IsEgress ? "→" : "←"} ${peer}`;
}

/**
 * The rules added to the closed groups since the break (absent from `before`) that `needed` does not want. A record
 * without `before` (started by an older version, or a break recognised in the cloud) cannot tell them: none.
 */
export async function addedNotNeeded(ctx: LessonContext, undo: Undo, egress: boolean, needed: (r: SecurityGroupRule) => boolean): Promise<ExtraRule[]> {
  const found: ExtraRule[] = [];
  for (const c of closures(undo)) {
    // The other direction needs nothing new (an outbound rule tried at an inbound break, say); a record from before it was kept: unjudged.
    found.push(...(await addedSince(ctx, c.groupId, c.before, egress, needed)), ...(await addedSince(ctx, c.groupId, c.beforeOther, !egress, () => false)));
  }
  return found;
}

async function addedSince(ctx: LessonContext, groupId: string, before: string, egress: boolean, needed: (r: SecurityGroupRule) => boolean): Promise<ExtraRule[]> {
  if (!before) return [];
  const had = new Set(JSON.parse(before) as string[]);
  const added = (await groupRules(ctx, groupId, egress)).filter((r) => r.SecurityGroupRuleId && !had.has(r.SecurityGroupRuleId));
  return added.filter((r) => !needed(r)).map((r) => ({ groupId, ruleId: r.SecurityGroupRuleId!, egress, rule: ruleWords(r) }));
}
