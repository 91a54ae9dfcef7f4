/**
 * A stack's history is planned when the command runs: every event and status change is written
 * with the time it happens, and readers show the part whose time has passed ("lazy time").
 */
import type { HandlerContext } from "../handler.js";
import { randomUuid, type Stack, type StackEvent } from "../world.js";

/** `seconds` of AWS time as a duration in ms at the sandbox's speed. */
export function span(ctx: HandlerContext, seconds: number): number {
  return ctx.after(seconds) - ctx.now;
}

export function resourceEvent(
  stack: Stack,
  e: { logicalId: string; type: string; status: string; at: number; physicalId?: string; reason?: string },
): StackEvent {
  const event: StackEvent = {
    EventId: `${e.logicalId}-${e.status}-${new Date(e.at).toISOString()}-${randomUuid().slice(0, 8)}`,
    StackId: stack.StackId,
    StackName: stack.StackName,
    LogicalResourceId: e.logicalId,
    ...(e.physicalId ? { PhysicalResourceId: e.physicalId } : {}),
    ResourceType: e.type,
    ResourceStatus: e.status,
    ...(e.reason ? { ResourceStatusReason: e.reason } : {}),
    Timestamp: e.at,
  };
  stack.Events.push(event);
  return event;
}

/** A stack status change: an event for the stack itself and an entry in its status timeline. */
export function stackStatus(stack: Stack, status: string, at: number, reason?: string): void {
  stack.Events.push({
    EventId: randomUuid(),
    StackId: stack.StackId,
    StackName: stack.StackName,
    LogicalResourceId: stack.StackName,
    PhysicalResourceId: stack.StackId,
    ResourceType: "AWS::CloudFormation::Stack",
    ResourceStatus: status,
    ...(reason ? { ResourceStatusReason: reason } : {}),
    Timestamp: at,
  });
  stack.StatusTimeline.push({ at, status, ...(reason ? { reason } : {}) });
}

/** Puts events and status changes in time order (stable: same-time entries keep their order). */
export function sortTimeline(stack: Stack): void {
  stack.Events = stack.Events.map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.Timestamp - b.e.Timestamp || a.i - b.i)
    .map((x) => x.e);
  stack.StatusTimeline = stack.StatusTimeline.map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.at - b.s.at || a.i - b.i)
    .map((x) => x.s);
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
