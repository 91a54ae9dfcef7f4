/**
 * CloudFormation keeps retrying a blocked delete while the stack is DELETE_IN_PROGRESS (about 15
 * minutes for a DependencyViolation). The sandbox plans a delete when DeleteStack is called, so
 * after every change to the world it looks again at deletes planned to fail later: if what
 * blocked them is gone now (the learner deleted the endpoint two minutes later), the rest of the
 * delete is planned again from now — and the stack ends DELETE_COMPLETE, as on AWS.
 */
import { untracked } from "../account/tracked-world.js";
import type { HandlerContext } from "../handler.js";
import type { Stack } from "../world.js";
import { planStackDeletion, readingAt } from "./delete.js";
import { providerFor } from "./resources/index.js";
import { span } from "./timeline.js";
import { resourceStates, statusAt } from "./view.js";

const FOREVER = Number.MAX_SAFE_INTEGER;

/** A delete in progress now whose plan ends DELETE_FAILED later. */
function pendingFailure(stack: Stack, now: number): boolean {
  const last = stack.StatusTimeline[stack.StatusTimeline.length - 1];
  // (the planned failure first: it rules out every finished stack without reading its timeline through)
  return last?.status === "DELETE_FAILED" && last.at > now && statusAt(stack, now).status === "DELETE_IN_PROGRESS";
}

/** Does some blocked resource stay blocked until the planned failure (checked every 30 AWS seconds)? */
function stillBlocked(ctx: HandlerContext, stack: Stack, failedIds: string[], failAt: number): boolean {
  const step = Math.max(1, span(ctx, 30));
  return failedIds.some((id) => {
    const r = stack.Resources.find((x) => x.LogicalResourceId === id);
    const blocker = r && providerFor(r.ResourceType).blocker;
    if (!r?.PhysicalResourceId || !blocker) return false;
    for (let t = ctx.now; t <= failAt; t += step) if (!blocker(readingAt(ctx, t), r.PhysicalResourceId, stack.StackId)) return false;
    return true;
  });
}

function replan(ctx: HandlerContext, stack: Stack): void {
  const unfinished = resourceStates(stack, FOREVER).filter((s) => s.last.ResourceStatus !== "DELETE_COMPLETE");
  const failedIds = unfinished.filter((s) => s.last.ResourceStatus === "DELETE_FAILED").map((s) => s.resource.LogicalResourceId);
  const failAt = stack.StatusTimeline[stack.StatusTimeline.length - 1]!.at;
  if (failedIds.length === 0 || stillBlocked(ctx, stack, failedIds, failAt)) return;
  const ids = new Set(unfinished.map((s) => s.resource.LogicalResourceId));
  // Forget the planned failure (it has not happened yet) and plan the rest from now.
  stack.Events = stack.Events.filter((e) => e.Timestamp <= ctx.now || !(e.ResourceStatus === "DELETE_FAILED" && (ids.has(e.LogicalResourceId ?? "") || e.ResourceType === "AWS::CloudFormation::Stack")));
  stack.StatusTimeline = stack.StatusTimeline.filter((s) => s.at <= ctx.now || s.status !== "DELETE_FAILED");
  planStackDeletion(ctx, stack, unfinished.map((s) => s.resource), ctx.now);
}

/** Runs after every command that changed the world. */
export function retryBlockedDeletes(ctx: HandlerContext): void {
  // Looked for in the plain stacks (an account keeps every deleted stack 90 days); replanned through the view.
  for (const [id, stack] of Object.entries(untracked(ctx.rw).stacks)) if (pendingFailure(stack, ctx.now)) replan(ctx, ctx.rw.stacks[id]!);
}
