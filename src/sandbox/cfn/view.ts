/**
 * What a stack looks like at a given moment (its status, the events so far, its resources), and
 * as the CloudFormation API shows it.
 */
import type { Stack as SdkStack, StackEvent as SdkEvent, StackResource as SdkResource, StackResourceSummary, StackSummary } from "@aws-sdk/client-cloudformation";
import type { HandlerContext } from "../handler.js";
import { exists, type Stack, type StackEvent, type StackResource } from "../world.js";

export function statusAt(stack: Stack, now: number): { status: string; reason?: string } {
  let current: (typeof stack.StatusTimeline)[number] | undefined;
  for (const s of stack.StatusTimeline) if (s.at <= now) current = s;
  if (!current) return { status: "CREATE_IN_PROGRESS" };
  return current.reason ? { status: current.status, reason: current.reason } : { status: current.status };
}

/** Events that have happened by `now`, newest first (as DescribeStackEvents lists them). */
export function visibleEvents(stack: Stack, now: number): StackEvent[] {
  return stack.Events.filter((e) => e.Timestamp <= now).reverse();
}

export interface ResourceState {
  resource: StackResource;
  last: StackEvent;
  physicalId?: string;
}

/** Each resource that has started by `now`, with its latest event. */
export function resourceStates(stack: Stack, now: number): ResourceState[] {
  return stack.Resources.flatMap((r) => {
    const events = stack.Events.filter((e) => e.LogicalResourceId === r.LogicalResourceId && e.ResourceType === r.ResourceType && e.Timestamp <= now);
    const last = events.at(-1);
    const physicalId = [...events].reverse().find((e) => e.PhysicalResourceId)?.PhysicalResourceId;
    return last ? [{ resource: r, last, ...(physicalId ? { physicalId } : {}) }] : [];
  });
}

const isStackId = (s: string): boolean => s.startsWith("arn:aws:cloudformation:");

/** The stack a StackName parameter names: a live stack by name, or any stack (even deleted) by id. */
export function findStack(ctx: HandlerContext, nameOrId: string): Stack | undefined {
  if (isStackId(nameOrId)) return ctx.rw.stacks[nameOrId];
  return Object.values(ctx.rw.stacks).find((s) => s.StackName === nameOrId && exists(s.life, ctx.now));
}

/** Like findStack, but a missing stack is AWS's ValidationError. */
export function requireStack(ctx: HandlerContext, nameOrId: string | undefined): Stack {
  const stack = findStack(ctx, nameOrId ?? "");
  if (!stack) return ctx.fail("ValidationError", `Stack with id ${nameOrId ?? ""} does not exist`);
  return stack;
}

export function describeStack(stack: Stack, now: number): SdkStack {
  const { status, reason } = statusAt(stack, now);
  const completed = stack.StatusTimeline.some((s) => s.status === "CREATE_COMPLETE" && s.at <= now);
  return {
    StackId: stack.StackId,
    StackName: stack.StackName,
    ...(stack.Description ? { Description: stack.Description } : {}),
    Parameters: stack.Parameters.map((p) => ({ ...p })),
    CreationTime: new Date(stack.CreationTime),
    ...(stack.DeletionTime !== undefined && stack.DeletionTime <= now ? { DeletionTime: new Date(stack.DeletionTime) } : {}),
    StackStatus: status as SdkStack["StackStatus"],
    ...(reason ? { StackStatusReason: reason } : {}),
    DisableRollback: false,
    NotificationARNs: [],
    Capabilities: [...stack.Capabilities] as SdkStack["Capabilities"],
    ...(completed && stack.Outputs.length > 0 ? { Outputs: stack.Outputs.map((o) => ({ ...o })) } : {}),
    Tags: stack.Tags.map((t) => ({ ...t })),
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: "NOT_CHECKED" },
    RollbackConfiguration: {},
  };
}

/** A stack as ListStacks lists it (read for every stack the account keeps: nothing else is copied). */
export function summarizeStack(stack: Stack, now: number): StackSummary {
  const { status, reason } = statusAt(stack, now);
  return {
    StackId: stack.StackId,
    StackName: stack.StackName,
    CreationTime: new Date(stack.CreationTime),
    ...(stack.DeletionTime !== undefined && stack.DeletionTime <= now ? { DeletionTime: new Date(stack.DeletionTime) } : {}),
    StackStatus: status as StackSummary["StackStatus"],
    ...(reason ? { StackStatusReason: reason } : {}),
    ...(stack.Description ? { TemplateDescription: stack.Description } : {}),
  };
}

export function describeEvent(e: StackEvent): SdkEvent {
  return {
    StackId: e.StackId,
    EventId: e.EventId,
    StackName: e.StackName,
    LogicalResourceId: e.LogicalResourceId,
    ...(e.PhysicalResourceId ? { PhysicalResourceId: e.PhysicalResourceId } : {}),
    ResourceType: e.ResourceType,
    Timestamp: new Date(e.Timestamp),
    ResourceStatus: e.ResourceStatus as SdkEvent["ResourceStatus"],
    ...(e.ResourceStatusReason ? { ResourceStatusReason: e.ResourceStatusReason } : {}),
  };
}

function shape(s: ResourceState) {
  return {
    LogicalResourceId: s.resource.LogicalResourceId,
    ...(s.physicalId ? { PhysicalResourceId: s.physicalId } : {}),
    ResourceType: s.resource.ResourceType,
    ResourceStatus: s.last.ResourceStatus as SdkResource["ResourceStatus"],
    ...(s.last.ResourceStatusReason ? { ResourceStatusReason: s.last.ResourceStatusReason } : {}),
    DriftInformation: { StackResourceDriftStatus: "NOT_CHECKED" as const },
  };
}

export function describeResources(stack: Stack, now: number): SdkResource[] {
  return resourceStates(stack, now).map((s) => ({
    StackName: stack.StackName,
    StackId: stack.StackId,
    ...shape(s),
    Timestamp: new Date(s.last.Timestamp),
  }));
}

export function summarizeResources(stack: Stack, now: number): StackResourceSummary[] {
  return resourceStates(stack, now).map((s) => ({ ...shape(s), LastUpdatedTimestamp: new Date(s.last.Timestamp) }));
}
