/** Step 9: delete everything, in the order AWS requires, and prove nothing billable is left. */
import { cleanupStarted } from "../cleanup-state.js";
import { setInterruptNotice } from "../../interrupt-notice.js";
import { destroyCommand } from "../../shell/lab-command.js";
import { failureReason, ownStacks, planTeardown, teardown } from "../teardown.js";
import type { Detection, Step } from "../step.js";
import type { CloudView } from "../cloud-view.js";
import { mark, type LessonContext } from "../context.js";
import { costReport } from "../pricing.js";
import { twinNotices } from "../twin-notice.js";

const GOING = /^(deleting|deleted)$/i;
const GONE = /^deleted$/i;

/** No endpoint left to delete: each is `deleting` or already gone (AWS answers a second delete with NotFound). */
function endpointGoing(view: CloudView): boolean {
  return view.endpoints.every((e) => GOING.test(e.state));
}

/** No endpoint there at all any more (none listed, or each `deleted`): not something to wait for. */
function endpointGone(view: CloudView): boolean {
  return view.endpoints.every((e) => GONE.test(e.state));
}

/**
 * What is no longer there to delete, as the variant's name: `endpoint-going` (`endpoint-gone` once it has gone), then
 * `+sg-gone` (the endpoint's own security group deleted) and `+service-gone` (the endpoint service deleted or being deleted), e.g. by the learner's
 * own commands. Neither can go while the endpoint is there (AWS refuses), so both follow `endpoint-going`; and
 * `+stacks-going` (both stacks `DELETE_IN_PROGRESS`: a cleanup stopped after it started them) follows all three.
 */
function goneVariant(view: CloudView): string | undefined {
  if (!endpointGoing(view)) return undefined;
  const sgGone = !view.endpointSgs.some((g) => g.owned);
  const serviceGone = view.services.every((s) => GOING.test(s.state));
  const stacks = ownStacks(view);
  const stacksGoing = sgGone && serviceGone && stacks.length > 0 && stacks.every((s) => s.status === "DELETE_IN_PROGRESS");
  const gone = [endpointGone(view) ? "endpoint-gone" : "endpoint-going", ...(sgGone ? ["sg-gone"] : []), ...(serviceGone ? ["service-gone"] : []), ...(stacksGoing ? ["stacks-going"] : [])];
  return gone.join("+");
}

/** Each second endpoint to the learner's service: it is billed like theirs, and the cleanup deletes it too. */
function tellTwins(ctx: LessonContext, view: CloudView): void {
  for (const { message } of twinNotices(ctx, view)) ctx.io.notify({ type: "notice", level: "warn", message });
}

export const cleanup: Step = {
  id: "cleanup",
  requires: ["review"],
  supersedes: cleanupStarted,
  // In an account that bills nothing (the sandbox), `## done: sandbox` says what AWS would have billed.
  conceptVariant: (_view, free) => (free ? "sandbox" : undefined),
  // The endpoint already being deleted (a cleanup stopped midway), its security group or the endpoint service already
  // gone, the stacks already being deleted: said so, and their delete commands left out.
  cloudVariant: goneVariant,
  detect(view, state): Detection {
    // Not started after the step ran: the learner chose to keep everything running.
    if (!cleanupStarted(view, state)) return { done: false, why: "detect.cleanup.todo", doneVariant: "left-running" };
    const left = planTeardown(view);
    const done = left.length === 0;
    // All that is left is being deleted: on its way, not something still to do.
    const deleting =
      view.endpoints.every((e) => e.state.toLowerCase() === "deleting") &&
      view.services.every((s) => s.state.toLowerCase() === "deleting") &&
      !view.endpointSgs.some((g) => g.owned) &&
      ownStacks(view).every((s) => s.status === "DELETE_IN_PROGRESS");
    // A stack deleted before what uses it (the endpoint in its subnet): named, with AWS's reason and the order that works.
    const failed = ownStacks(view).find((s) => s.status === "DELETE_FAILED");
    if (!done && failed) return { done, why: "detect.cleanup.stackFailed", vars: { stack: failed.name, reason: failureReason(failed) } };
    // What is still there, by the name a learner finds it under (a stack's, else the id): the first three.
    const what = left.slice(0, 3).map((p) => (p.kind === "stack" && p.name ? p.name : p.id)).join(", ") + (left.length > 3 ? ", …" : "");
    // (Waited for, the states of what is left, for a line with no room for the sentence: "deleting, DELETE_IN_PROGRESS".)
    const states = [...new Set([...view.endpoints.map((e) => e.state), ...view.services.map((s) => s.state), ...ownStacks(view).map((s) => s.status)])].join(", ");
    const waiting = !done && deleting;
    return { done, why: done ? "detect.cleanup.done" : "detect.cleanup.inProgress", vars: { n: String(left.length), what, ...(waiting ? { state: states } : {}) }, ...(waiting ? { settling: true as const } : {}) };
  },
  async perform(ctx, view) {
    const plan = planTeardown(view);
    ctx.io.notify({ type: "resources", action: "delete", resources: plan.map((p) => ({ kind: p.kind, id: p.id, ...(p.name ? { name: p.name } : {}) })) });
    tellTwins(ctx, view);
    const go = ctx.noConsent ? false : await ctx.io.confirm(ctx.t("cleanup.confirm"), true);
    if (!go) {
      if (ctx.noConsent) ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("cleanup.notAsked") });
      const cost = costReport(ctx, view);
      ctx.io.notify({ type: "cost", ...cost });
      ctx.io.notify({ type: "notice", level: "warn", message: ctx.t(cost.sandbox ? "cleanup.laterSandbox" : "cleanup.later", { usd: cost.perHourUsd.toFixed(3), destroy: destroyCommand(ctx) }) });
      return;
    }
    setInterruptNotice("destroy.interrupted");
    const { deleted, after } = await teardown(ctx, view);
    mark(ctx, "cleanup");
    ctx.io.notify({ type: "notice", level: "success", message: ctx.t("cleanup.empty", { n: deleted.length }) });
    return after;
  },
};
