/** CloudFormation cancels every resource in progress once one fails: the root cause is the earliest failure not a cancellation. */
import type { StackEvent } from "@aws-sdk/client-cloudformation";

const CANCELLED = /cancell?ed|was not (created|deleted) because|Resource creation Initiated/i;

/** The root-cause event among failures of one or more stacks (any order), or undefined. */
export function rootCause(events: readonly StackEvent[]): StackEvent | undefined {
  const failed = events
    .filter((e) => /_FAILED$/.test(e.ResourceStatus ?? "") && e.ResourceType !== "AWS::CloudFormation::Stack" && e.ResourceStatusReason)
    .sort((a, b) => (a.Timestamp?.getTime() ?? 0) - (b.Timestamp?.getTime() ?? 0));
  return failed.find((e) => !CANCELLED.test(e.ResourceStatusReason ?? "")) ?? failed[0];
}
