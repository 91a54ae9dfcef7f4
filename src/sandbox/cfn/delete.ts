/**
 * Deleting a stack's resources (DeleteStack, and rollback after a failed create): dependents
 * first, each when everything that depends on it is gone. If something outside the stack still
 * uses a resource, CloudFormation retries for a while (about 15 minutes for a DependencyViolation)
 * and then marks it DELETE_FAILED; what it depends on is then left alone, the rest is deleted.
 */
import { untracked } from "../account/tracked-world.js";
import type { HandlerContext } from "../handler.js";
import type { Stack, StackResource } from "../world.js";
import { creationOrder } from "./graph.js";
import { providerFor, serviceOf } from "./resources/index.js";
import { handlerReason, resourceEvent, sortTimeline, span, stackStatus, timelineEnd } from "./timeline.js";
import { resourceStates, statusAt } from "./view.js";

/** How often CloudFormation tries a blocked delete again (AWS seconds). */
const RETRY_STEP_SECONDS = 30;

/**
 * What a blocker reads at `now`: the plain world, not the change-tracking view (a blocker only
 * reads, and it is asked again at every retry step, each time over the whole account).
 */
export const readingAt = (ctx: HandlerContext, now: number): HandlerContext => ({ ...ctx, now, world: untracked(ctx.world), rw: untracked(ctx.rw) });

/** The first time from `start` on when nothing blocks the delete, or the block that stayed. */
function waitUntilFree(ctx: HandlerContext, stack: Stack, r: StackResource, start: number) {
  const provider = providerFor(r.ResourceType);
  if (!provider.blocker || !r.PhysicalResourceId) return { freeAt: start };
  let t = start;
  let block = provider.blocker(readingAt(ctx, t), r.PhysicalResourceId, stack.StackId);
  if (!block) return { freeAt: start };
  const deadline = start + span(ctx, block.retrySeconds);
  while (t < deadline) {
    t = Math.min(deadline, t + Math.max(1, span(ctx, RETRY_STEP_SECONDS)));
    block = provider.blocker(readingAt(ctx, t), r.PhysicalResourceId, stack.StackId);
    if (!block) return { freeAt: t };
  }
  return { block, failAt: Math.max(deadline, start + span(ctx, 1)) };
}

/** Plans the deletion of `items` starting at `t0`: events, model changes. Returns when it ends and which resources failed. */
export function planDeletion(ctx: HandlerContext, stack: Stack, items: StackResource[], t0: number): { end: number; failed: string[] } {
  const ids = new Set(items.map((r) => r.LogicalResourceId));
  const deps = Object.fromEntries(items.map((r) => [r.LogicalResourceId, (r.dependsOn ?? []).filter((d) => ids.has(d))]));
  const byId = new Map(items.map((r) => [r.LogicalResourceId, r]));
  const doneAt = new Map<string, number>();
  const blocked = new Set<string>();
  const failed: string[] = [];
  let end = t0;
  for (const id of creationOrder(deps).reverse()) {
    const r = byId.get(id)!;
    const dependents = items.filter((x) => deps[x.LogicalResourceId]?.includes(id)).map((x) => x.LogicalResourceId);
    if (dependents.some((d) => blocked.has(d))) {
      blocked.add(id); // never attempted: something that needs it could not be deleted
      continue;
    }
    const start = Math.max(t0, ...dependents.map((d) => doneAt.get(d) ?? t0));
    const base = { logicalId: id, type: r.ResourceType, ...(r.PhysicalResourceId ? { physicalId: r.PhysicalResourceId } : {}) };
    resourceEvent(stack, { ...base, status: "DELETE_IN_PROGRESS", at: start });
    const wait = waitUntilFree(ctx, stack, r, start);
    if (wait.block) {
      const reason = handlerReason(serviceOf(r.ResourceType), wait.block.code, wait.block.message, 400);
      resourceEvent(stack, { ...base, status: "DELETE_FAILED", at: wait.failAt, reason });
      blocked.add(id);
      failed.push(id);
      end = Math.max(end, wait.failAt);
      continue;
    }
    const provider = providerFor(r.ResourceType);
    const gone = r.PhysicalResourceId ? wait.freeAt + span(ctx, (provider.deleteSeconds?.(ctx, r.PhysicalResourceId) ?? 5)) : wait.freeAt;
    if (r.PhysicalResourceId) provider.delete({ ...ctx, now: wait.freeAt }, r.PhysicalResourceId, gone);
    resourceEvent(stack, { ...base, status: "DELETE_COMPLETE", at: gone });
    doneAt.set(id, gone);
    end = Math.max(end, gone);
  }
  return { end, failed };
}

/**
 * DeleteStack. A stack still being created or rolled back is deleted once that operation ends (the
 * sandbox plans histories ahead, so it does not cut one short).
 */
export function deleteStack(ctx: HandlerContext, stack: Stack): void {
  const status = statusAt(stack, ctx.now).status;
  if (status === "DELETE_COMPLETE" || status === "DELETE_IN_PROGRESS") return;
  const t0 = Math.max(ctx.now, timelineEnd(stack));
  stackStatus(stack, "DELETE_IN_PROGRESS", t0, "User Initiated");
  stack.life.deleteRequestedAt = t0;
  const remaining = resourceStates(stack, t0)
    .filter((s) => s.last.ResourceStatus !== "DELETE_COMPLETE")
    .map((s) => s.resource);
  planStackDeletion(ctx, stack, remaining, t0);
}

/** Plans deleting `resources` from `t0`, and the stack's own end: DELETE_FAILED, or DELETE_COMPLETE. */
export function planStackDeletion(ctx: HandlerContext, stack: Stack, resources: StackResource[], t0: number): void {
  const { end, failed } = planDeletion(ctx, stack, resources, t0);
  if (failed.length > 0) {
    stackStatus(stack, "DELETE_FAILED", end, `The following resource(s) failed to delete: [${failed.join(", ")}]. `);
  } else {
    const doneAt = end + span(ctx, 1);
    stackStatus(stack, "DELETE_COMPLETE", doneAt);
    stack.DeletionTime = doneAt;
    stack.life.deletedAt = doneAt;
  }
  sortTimeline(stack);
}
