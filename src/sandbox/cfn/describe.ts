/** Stacks, events and resources shaped as the CloudFormation API returns them (at `now`). */
import type { Stack as SdkStack, StackEvent as SdkEvent, StackResource as SdkResource, StackResourceSummary, StackSummary } from "@aws-sdk/client-cloudformation";
import type { Stack, StackEvent } from "../world.js";
import { resourceStates, statusAt, type ResourceState } from "./view.js";

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
