/**
 * Deletes a participant's lesson in AWS's order, from any state, safe to run twice: endpoints (until gone: their ENIs
 * sit in the subnet) → their group and the groups the learner made by hand in the lab's VPCs (`group-removal.ts`) →
 * services → both stacks → a read proving nothing is left. A stack DELETE_FAILED
 * because something outside it uses its resources (an endpoint's ENI: DependencyViolation; a group the learner made; a
 * service on the NLB: ResourceInUse): tagged blockers are ours to remove; others are only named.
 */
import type { Filter, UnsuccessfulItem } from "@aws-sdk/client-ec2";
import { LabError } from "../errors.js";
import type { AwsClients } from "../aws/clients.js";
import { listEndpoints, listGroups, listServices } from "../aws/pages.js";
import { readCloud, readDeleteFailure, readEndpointsById, readStack, readServicesById, type CloudView, type StackView } from "./cloud-view.js";
import { stackMade } from "./cloud-shapes.js";
import { mark, saveState, type LessonContext } from "./context.js";
import { removeGroups } from "./group-removal.js";
import type { HandMadeGroup } from "./relations.js";
import { waitFor } from "./wait.js";
import { awsPort } from "../aws/port.js";
import { kindsAndIds } from "../ui/render-data.js";
import { WAIT_WORDS, type WaitWords } from "./wait-words.js";

export interface PlannedDeletion {
  kind: "endpoint" | "security-group" | "endpoint-service" | "stack";
  id: string;
  name?: string;
}

/** A stack with the participant's name is theirs by its tag or (made by hand, untagged) its `Prefix`; someone else's is never touched. */
function isOwnStack(s: StackView): boolean {
  const prefix = s.name.replace(/-(consumer|provider)$/, "");
  return s.participant !== undefined ? s.participant === prefix : s.prefixParameter === prefix;
}

export function ownStacks(view: CloudView): StackView[] {
  return [view.consumer, view.provider].filter((s): s is StackView => s !== undefined && isOwnStack(s));
}

/** The VPCs of the participant's own stacks: the only place a group the learner made by hand is deleted from. */
function labVpcs(view: CloudView): string[] {
  return ownStacks(view).flatMap((s) => (s.resources.Vpc ? [s.resources.Vpc] : []));
}

/** Groups the learner made by hand in the lab's VPCs: no VPC goes while they live in it. */
function handMadeGroups(view: CloudView): HandMadeGroup[] {
  const vpcs = labVpcs(view);
  return (view.handMadeGroups ?? []).filter((g) => vpcs.includes(g.vpcId));
}

/** What a teardown would delete, in order (for `--dry-run` and the confirmation). */
export function planTeardown(view: CloudView): PlannedDeletion[] {
  const plan: PlannedDeletion[] = [];
  for (const e of view.endpoints) plan.push({ kind: "endpoint", id: e.id });
  for (const g of [...view.endpointSgs.filter((g) => g.owned), ...handMadeGroups(view)]) plan.push({ kind: "security-group", id: g.id, name: g.name });
  for (const s of view.services) plan.push({ kind: "endpoint-service", id: s.id, name: s.name });
  for (const st of ownStacks(view)) plan.push({ kind: "stack", id: st.id, name: st.name });
  return plan;
}

export function isEmpty(view: CloudView): boolean {
  return planTeardown(view).length === 0;
}

interface Blocker {
  kind: "endpoint" | "security-group" | "endpoint-service";
  id: string;
  /** The participant's (by relation to their VPC or NLB, or by tag; any group in their VPC but its default): the tool may delete it. */
  ours: boolean;
  state?: string;
}

/** CloudFormation wraps the service's words ("Resource handler returned message: "…" (RequestToken: …)"): just those words. */
function serviceWords(reason: string): string {
  const quoted = /returned message: "(.*)"/s.exec(reason)?.[1] ?? reason;
  return quoted.replace(/\s*\(Service: [^)]*\)\s*$/, "").replace(/[.\s]+$/, "");
}

/** Why AWS could not delete the stack (as read with it): the failed resource and its reason, else the stack's own status reason. */
export function failureReason(stack: StackView): string {
  return stack.failure ? `${stack.failure.resource}: ${serviceWords(stack.failure.reason)}` : (stack.reason ?? "");
}

/** What outside the stack still uses its VPC or NLB. */
async function findBlockers(clients: AwsClients, stack: StackView): Promise<Blocker[]> {
  const blockers: Blocker[] = [];
  const vpc = stack.resources.Vpc;
  const nlb = stack.resources.NLB;
  const aws = awsPort(clients);
  const inVpc: Filter[] = [{ Name: "vpc-id", Values: [vpc ?? ""] }];
  const [endpoints, groups, services] = await Promise.all([
    vpc ? listEndpoints(aws, inVpc) : [],
    vpc ? listGroups(aws, inVpc) : [],
    nlb ? listServices(aws) : [],
  ]);
  const gone = (state: unknown) => /^(deleting|deleted)$/i.test(String(state));
  for (const e of endpoints) {
    // An endpoint in the participant's own Consumer VPC is theirs, tagged or not (made by hand).
    if (e.VpcEndpointId && !stackMade(e.Tags) && !gone(e.State)) blockers.push({ kind: "endpoint", id: e.VpcEndpointId, ours: true, state: String(e.State ?? "") });
  }
  for (const g of groups) {
    if (!g.GroupId || g.GroupName === "default" || stackMade(g.Tags)) continue;
    // In the participant's own VPC and none of the stacks': theirs (the lesson's endpoint group, or one made by hand).
    blockers.push({ kind: "security-group", id: g.GroupId, ours: true });
  }
  for (const sv of services) {
    // A service on the participant's own NLB is theirs (the console adds no tag).
    if (sv.ServiceId && nlb && (sv.NetworkLoadBalancerArns ?? []).includes(nlb) && !gone(sv.ServiceState)) blockers.push({ kind: "endpoint-service", id: sv.ServiceId, ours: true });
  }
  return blockers;
}

/** EC2's batch deletes report failures in `Unsuccessful`, not as errors; "already gone" is fine. */
function failOnUnsuccessful(unsuccessful: UnsuccessfulItem[] | undefined): void {
  const failed = (unsuccessful ?? []).filter((u) => !String(u.Error?.Code).includes("NotFound"));
  if (failed.length > 0) {
    throw new LabError("error.deleteFailed", { what: failed.map((f) => f.ResourceId).join(", "), reason: failed[0]?.Error?.Message ?? "" }, { source: "aws" });
  }
}

async function waitGone(ctx: LessonContext, words: WaitWords, ids: string[], read: () => Promise<{ id: string; state: string }[]>, usualSeconds: number): Promise<void> {
  await waitFor(ctx, {
    step: "cleanup",
    ...words,
    read,
    check: (items) => (items.some((x) => ids.includes(x.id)) ? undefined : true),
    describe: (items) => items.map((x) => `${x.id} ${x.state}`).join(", "),
    state: (items) => [...new Set(items.map((x) => x.state))].join(", "),
    usualSeconds,
  });
}

/** Deletes the endpoints (those already `deleting` are only waited for) and waits until all are gone. */
async function deleteEndpoints(ctx: LessonContext, endpoints: { id: string; state?: string }[]): Promise<void> {
  if (endpoints.length === 0) return;
  const ids = endpoints.map((e) => e.id);
  const toDelete = endpoints.filter((e) => !/^deleting$/i.test(e.state ?? "")).map((e) => e.id);
  if (toDelete.length > 0) {
    const out = await awsPort(ctx.clients).ec2.deleteVpcEndpoints({ VpcEndpointIds: toDelete });
    failOnUnsuccessful(out.Unsuccessful);
  }
  await waitGone(ctx, WAIT_WORDS.endpointGone, ids, () => readEndpointsById(ctx.clients, ids), 90);
}

/** The security groups the lesson's own stacks hold (they go with the stacks). */
function stackGroups(view: CloudView): string[] {
  return ownStacks(view).flatMap((s) => Object.values(s.resources).filter((id) => id.startsWith("sg-")));
}

/** Endpoints of other accounts/participants still connected to our service are rejected first. */
async function releaseConnections(clients: AwsClients, serviceId: string): Promise<void> {
  const conns = await awsPort(clients).ec2.describeVpcEndpointConnections({ Filters: [{ Name: "service-id", Values: [serviceId] }] });
  const live = (conns.VpcEndpointConnections ?? []).filter((c) => /pendingAcceptance|available|pending/i.test(String(c.VpcEndpointState)));
  const ids = live.map((c) => c.VpcEndpointId).filter((id): id is string => Boolean(id));
  if (ids.length > 0) await awsPort(clients).ec2.rejectVpcEndpointConnections({ ServiceId: serviceId, VpcEndpointIds: ids });
}

async function deleteServices(ctx: LessonContext, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  let out = await awsPort(ctx.clients).ec2.deleteVpcEndpointServiceConfigurations({ ServiceIds: ids });
  const busy = (out.Unsuccessful ?? []).filter((u) => u.Error?.Code === "ExistingVpcEndpointConnections");
  if (busy.length > 0) {
    for (const b of busy) if (b.ResourceId) await releaseConnections(ctx.clients, b.ResourceId);
    out = await awsPort(ctx.clients).ec2.deleteVpcEndpointServiceConfigurations({ ServiceIds: busy.map((b) => b.ResourceId ?? "") });
  }
  failOnUnsuccessful(out.Unsuccessful);
  await waitGone(ctx, WAIT_WORDS.serviceGone, ids, () => readServicesById(ctx.clients, ids), 30);
}

/** Deletes the stacks in parallel and waits; returns the ones that ended DELETE_FAILED. */
async function deleteStacksOnce(ctx: LessonContext, stacks: StackView[]): Promise<StackView[]> {
  await Promise.all(stacks.map((s) => awsPort(ctx.clients).cfn.deleteStack({ StackName: s.id })));
  const views = await waitFor(ctx, {
    step: "cleanup",
    ...WAIT_WORDS.stackDelete,
    read: () => Promise.all(stacks.map((s) => readStack(ctx.clients, s.name))),
    check: (vs) => (vs.every((v) => v === undefined || v.status === "DELETE_FAILED") ? true : undefined),
    describe: (vs) => vs.map((v) => (v ? `${v.name} ${v.status}` : "")).filter(Boolean).join(" · "),
    state: (vs) => [...new Set(vs.flatMap((v) => (v ? [v.status] : [])))].join(", "),
    usualSeconds: 300,
  });
  return views.filter((v): v is StackView => v !== undefined);
}

/** A DELETE_FAILED stack: name its blocker; remove it if it is ours, else stop and say what it is. */
async function clearBlockers(ctx: LessonContext, failed: StackView): Promise<void> {
  const failure = await readDeleteFailure(ctx.clients, failed.id);
  const blockers = await findBlockers(ctx.clients, failed);
  const message = ctx.t("teardown.blocked", { stack: failed.name, resource: failure?.resource ?? "?", reason: failure?.reason ?? failed.reason ?? "" });
  ctx.io.notify({ type: "notice", level: "warn", message });
  const foreign = blockers.filter((b) => !b.ours);
  if (foreign.length > 0 || blockers.length === 0) {
    throw new LabError(
      "error.stackBlocked",
      { stack: failed.name, reason: failure?.reason ?? failed.reason ?? "", blockers: kindsAndIds(foreign, ctx.t) || "?" },
      { source: "aws" },
    );
  }
  ctx.io.notify({ type: "notice", level: "info", message: ctx.t("teardown.removing", { what: kindsAndIds(blockers, ctx.t) }) });
  await deleteEndpoints(ctx, blockers.filter((b) => b.kind === "endpoint"));
  const vpc = failed.resources.Vpc;
  await removeGroups(ctx, blockers.filter((b) => b.kind === "security-group").map((b) => b.id), vpc ? [vpc] : [], []);
  await deleteServices(ctx, blockers.filter((b) => b.kind === "endpoint-service").map((b) => b.id));
}

async function deleteStacks(ctx: LessonContext, stacks: StackView[]): Promise<void> {
  let pending = stacks;
  for (let round = 0; pending.length > 0; round++) {
    const failed = await deleteStacksOnce(ctx, pending);
    if (failed.length === 0) return;
    if (round >= 2) throw new LabError("error.stackDeleteFailed", { stack: failed[0]!.name, reason: failed[0]!.reason ?? "" }, { source: "aws" });
    for (const f of failed) await clearBlockers(ctx, f);
    pending = failed;
  }
}

/** The whole teardown from `known` (the view the learner saw planned) or a new read; returns what went and the cloud after. */
export async function teardown(ctx: LessonContext, known?: CloudView): Promise<{ deleted: PlannedDeletion[]; after: CloudView }> {
  const view = known ?? (await readCloud(ctx.clients, ctx.names));
  const plan = planTeardown(view);
  // A hint for the moments before the cloud shows it (see cleanup-state.ts): a rerun goes on deleting.
  if (plan.length > 0) mark(ctx, "cleanupStarted");
  // A stack deleted earlier before what uses it: named with AWS's reason; the order below (endpoints first) lets it go.
  for (const failed of ownStacks(view).filter((s) => s.status === "DELETE_FAILED")) {
    ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("teardown.failedBefore", { stack: failed.name, reason: failureReason(failed) }) });
  }
  await deleteEndpoints(ctx, view.endpoints);
  const handMade = handMadeGroups(view);
  await removeGroups(ctx, [...view.endpointSgs.filter((g) => g.owned), ...handMade].map((g) => g.id), labVpcs(view), stackGroups(view));
  if (handMade.length > 0) {
    const what = handMade.map((g) => (g.name ? `${g.id} (${g.name})` : g.id)).join(", ");
    ctx.io.notify({ type: "notice", level: "info", message: ctx.t("teardown.handMadeGroupsDeleted", { what }) });
  }
  await deleteServices(ctx, view.services.map((s) => s.id));
  const stacks = ownStacks(view);
  if (stacks.length > 0) await deleteStacks(ctx, stacks);
  const after = await readCloud(ctx.clients, ctx.names);
  const left = planTeardown(after);
  if (left.length > 0) throw new LabError("error.leftovers", { what: kindsAndIds(left, ctx.t) });
  // A challenge in progress went with the build it broke: left recorded, it would stand in the way of the next build's.
  if (ctx.state.challenges.active) {
    delete ctx.state.challenges.active;
    saveState(ctx);
  }
  return { deleted: plan, after };
}
