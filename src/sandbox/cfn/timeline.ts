/**
 * A stack's history is planned when the command runs: every event and status change is written
 * with the time it happens, and readers show the part whose time has passed ("lazy time").
 */
import type { HandlerContext } from "../handler.js";
import { randomUuid, type Stack } from "../world.js";

/** `seconds` of AWS time as a duration in ms at the sandbox's speed. */
export function span(ctx: HandlerContext, seconds: number): number {
  return ctx.after(seconds) - ctx.now;
}

export function resourceEvent(
  stack: Stack,
  e: { logicalId: string; type: string; status: string; at: number; physicalId?: string; reason?: string | undefined },
  eventId = `${e.logicalId}-${e.status}-${new Date(e.at).toISOString()}-${randomUuid().slice(0, 8)}`,
): void {
  stack.Events.push({
    EventId: eventId,
    StackId: stack.StackId,
    StackName: stack.StackName,
    LogicalResourceId: e.logicalId,
    ...(e.physicalId ? { PhysicalResourceId: e.physicalId } : {}),
    ResourceType: e.type,
    ResourceStatus: e.status,
    ...(e.reason ? { ResourceStatusReason: e.reason } : {}),
    Timestamp: e.at,
  });
}

/** A stack status change: an event for the stack itself and an entry in its status timeline. */
export function stackStatus(stack: Stack, status: string, at: number, reason?: string): void {
  resourceEvent(stack, { logicalId: stack.StackName, type: "AWS::CloudFormation::Stack", status, at, physicalId: stack.StackId, reason }, randomUuid());
  stack.StatusTimeline.push({ at, status, ...(reason ? { reason } : {}) });
}

/** Puts events and status changes in time order (Array.prototype.sort is stable: same-time entries keep their order). */
export function sortTimeline(stack: Stack): void {
  stack.Events = [...stack.Events].sort((a, b) => a.Timestamp - b.Timestamp);
  stack.StatusTimeline = [...stack.StatusTimeline].sort((a, b) => a.at - b.at);
}


/** When the stack's planned history ends (the current operation is over). */
export function timelineEnd(stack: Stack): number {
  return Math.max(...stack.StatusTimeline.map((s) => s.at), stack.CreationTime);
}

/** The reason CloudFormation shows for a resource whose AWS call failed. */
export function handlerReason(service: string, code: string, message: string, status: number): string {
  const handlerCode = code === "DependencyViolation" || code === "ResourceInUse" ? "ResourceConflict" : code.endsWith("LimitExceeded") ? "ServiceLimitExceeded" : "InvalidRequest";
  return (
    `Resource handler returned message: "${message} (Service: ${service}, Status Code: ${status}, Error Code: ${code}, Request ID: ${randomUuid()})" ` +
    `(RequestToken: ${randomUuid()}, HandlerErrorCode: ${handlerCode})`
  );
}
