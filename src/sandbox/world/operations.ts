/** CloudFormation stacks and SSM commands: records of operations, with their timelines. */
import type { Tagged } from "./network.js";

export interface StackEvent {
  EventId: string;
  StackId: string;
  StackName: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  /** ms epoch; the event is visible from this time on. */
  Timestamp: number;
}

export interface StackResource {
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  /** Logical ids this resource depends on (Ref, GetAtt, Sub, DependsOn): the deletion order. */
  dependsOn?: string[];
}

export interface Stack extends Tagged {
  StackId: string;
  StackName: string;
  Description?: string;
  Parameters: { ParameterKey: string; ParameterValue: string; ResolvedValue?: string }[];
  Capabilities: string[];
  Outputs: { OutputKey: string; OutputValue: string; Description?: string }[];
  TemplateBody: string;
  Resources: StackResource[];
  /** The full timeline; DescribeStackEvents shows the part whose Timestamp has passed. */
  Events: StackEvent[];
  /** Stack-level status changes over time: the current one is the last whose `at` has passed. */
  StatusTimeline: { at: number; status: string; reason?: string }[];
  CreationTime: number;
  DeletionTime?: number;
}

export interface CommandInvocation {
  InstanceId: string;
  /** When the invocation becomes visible to GetCommandInvocation. */
  visibleAt: number;
  /** When it finishes; before this it is InProgress. */
  finishedAt: number;
  Status: "Success" | "Failed" | "TimedOut";
  ResponseCode: number;
  StandardOutputContent: string;
  StandardErrorContent: string;
  /** Machine-readable reason from the reachability model, for the product to explain. */
  reason?: string;
}

export interface SsmCommand {
  CommandId: string;
  DocumentName: string;
  Commands: string[];
  InstanceIds: string[];
  RequestedDateTime: number;
  Invocations: CommandInvocation[];
}
