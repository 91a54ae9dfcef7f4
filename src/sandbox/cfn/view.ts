/** What a stack looks like at a given moment: its status, the events so far, its resources. */
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
  const out: ResourceState[] = [];
  for (const r of stack.Resources) {
    const events = stack.Events.filter((e) => e.LogicalResourceId === r.LogicalResourceId && e.ResourceType === r.ResourceType && e.Timestamp <= now);
    const last = events[events.length - 1];
    if (!last) continue;
    const physicalId = [...events].reverse().find((e) => e.PhysicalResourceId)?.PhysicalResourceId;
    out.push({ resource: r, last, ...(physicalId ? { physicalId } : {}) });
  }
  return out;
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
