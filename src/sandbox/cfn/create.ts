/**
 * CreateStack's timeline. Each resource starts when its dependencies are complete (independent
 * ones in parallel) and takes roughly AWS's time; the model entities are created at once with
 * those future times, so EC2 and ELB show them only when they appear. When one resource fails,
 * resources still in progress are cancelled and the stack rolls back (deletes what it made).
 */
import type { HandlerContext } from "../handler.js";
import type { Stack, Tag } from "../world.js";
import { checkpoint } from "./checkpoint.js";
import { planDeletion } from "./delete.js";
import { evaluate, type Scope } from "./intrinsics.js";
import type { Plan } from "./plan.js";
import { providerFor, serviceOf } from "./resources/index.js";
import { ResourceFailure, type Created } from "./resources/types.js";
import { isRecord } from "./template.js";
import { handlerReason, resourceEvent, sortTimeline, span, stackStatus } from "./timeline.js";

interface Schedule {
  start: Record<string, number>;
  ready: Record<string, number>;
  /** Logical ids in the order their creation starts. */
  sequence: string[];
}

function schedule(ctx: HandlerContext, plan: Plan, t0: number): Schedule {
  const start: Record<string, number> = {};
  const ready: Record<string, number> = {};
  for (const id of plan.order) {
    const def = plan.resources[id]!;
    start[id] = Math.max(t0 + span(ctx, 1), ...(plan.deps[id] ?? []).map((d) => ready[d] ?? t0));
    ready[id] = start[id] + span(ctx, (providerFor(def.Type).createSeconds?.(def.Properties) ?? 5));
  }
  // Array.prototype.sort is stable: resources starting together keep the plan's order.
  const sequence = [...plan.order].sort((a, b) => start[a]! - start[b]!);
  return { start, ready, sequence };
}

function resourceTags(stack: Stack, logicalId: string, props: Record<string, unknown>): Tag[] {
  const own = (Array.isArray(props.Tags) ? props.Tags : [])
    .filter(isRecord)
    .map((t) => ({ Key: String(t.Key), Value: String(t.Value) }));
  const inherited = stack.Tags.filter((t) => !own.some((o) => o.Key === t.Key));
  return [
    ...own,
    ...inherited,
    { Key: "aws:cloudformation:stack-name", Value: stack.StackName },
    { Key: "aws:cloudformation:stack-id", Value: stack.StackId },
    { Key: "aws:cloudformation:logical-id", Value: logicalId },
  ];
}

function failureReason(type: string, e: unknown): string {
  if (e instanceof ResourceFailure) return e.message;
  if (e instanceof Error && "$metadata" in e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 400;
    return handlerReason(serviceOf(type), e.name, e.message, status);
  }
  if (e instanceof Error && /^Template error/.test(e.message)) return e.message;
  throw e;
}

function scopeFor(plan: Plan, region: string, created: Record<string, Created>): Scope {
  return {
    region,
    refs: plan.refs,
    conditions: plan.conditions,
    isResource: (id) => id in plan.template.Resources,
    resourceRef: (id) => created[id]?.physicalId ?? "",
    resourceAttr: (id, attr) => created[id]?.attrs[attr] ?? "",
  };
}

/** Plans the whole creation (and rollback, if a resource fails) of `stack`. */
export function runCreation(ctx: HandlerContext, stack: Stack, plan: Plan): void {
  const t0 = ctx.now;
  stackStatus(stack, "CREATE_IN_PROGRESS", t0, "User Initiated");
  const { start, ready, sequence } = schedule(ctx, plan, t0);
  const created: Record<string, Created> = {};
  const scope = scopeFor(plan, ctx.region, created);
  let failedAt = Infinity;
  const failed: string[] = [];
  for (const id of sequence) {
    const def = plan.resources[id]!;
    const at = start[id]!;
    if (at >= failedAt) continue;
    const base = { logicalId: id, type: def.Type };
    resourceEvent(stack, { ...base, status: "CREATE_IN_PROGRESS", at });
    stack.Resources.push({ LogicalResourceId: id, ResourceType: def.Type, dependsOn: plan.deps[id] ?? [] });
    const restore = checkpoint(ctx);
    try {
      const props = evaluate(def.Properties, scope) as Record<string, unknown>;
      const life = { createdAt: at, readyAt: ready[id]!, stackId: stack.StackId, speed: ctx.speed };
      const c = providerFor(def.Type).create(ctx, { logicalId: id, stackName: stack.StackName, props, life, tags: resourceTags(stack, id, props) });
      created[id] = c;
      stack.Resources[stack.Resources.length - 1]!.PhysicalResourceId = c.physicalId;
      const initiated = Math.min(at + span(ctx, 1), ready[id]!);
      resourceEvent(stack, { ...base, status: "CREATE_IN_PROGRESS", at: initiated, physicalId: c.physicalId, reason: "Resource creation Initiated" });
      resourceEvent(stack, { ...base, status: "CREATE_COMPLETE", at: ready[id]!, physicalId: c.physicalId });
    } catch (e) {
      restore();
      const failAt = Math.min(at + span(ctx, 2), ready[id]!);
      resourceEvent(stack, { ...base, status: "CREATE_FAILED", at: failAt, reason: failureReason(def.Type, e) });
      failedAt = Math.min(failedAt, failAt);
      failed.push(id);
    }
  }
  if (failed.length === 0) finishCreation(ctx, stack, plan, scope, Math.max(t0, ...Object.values(ready)));
  else rollback(ctx, stack, created, ready, failedAt, failed);
  sortTimeline(stack);
}

function finishCreation(ctx: HandlerContext, stack: Stack, plan: Plan, scope: Scope, lastReady: number): void {
  stack.Outputs = Object.entries(plan.template.Outputs)
    .filter(([, o]) => o.Condition === undefined || plan.conditions[o.Condition])
    .map(([key, o]) => {
      const v = evaluate(o.Value, scope);
      return { OutputKey: key, OutputValue: Array.isArray(v) ? v.join(",") : String(v), ...(o.Description ? { Description: o.Description } : {}) };
    });
  stackStatus(stack, "CREATE_COMPLETE", lastReady + span(ctx, 1));
}

function rollback(ctx: HandlerContext, stack: Stack, created: Record<string, Created>, ready: Record<string, number>, failedAt: number, failed: string[]): void {
  // Resources still being created when the failure happened are cancelled.
  for (const e of stack.Events) {
    if (e.ResourceStatus === "CREATE_COMPLETE" && e.LogicalResourceId in created && ready[e.LogicalResourceId]! > failedAt) {
      Object.assign(e, { ResourceStatus: "CREATE_FAILED", ResourceStatusReason: "Resource creation cancelled", Timestamp: failedAt });
      failed.push(e.LogicalResourceId);
    }
  }
  const rbAt = failedAt + span(ctx, 1);
  stackStatus(stack, "ROLLBACK_IN_PROGRESS", rbAt, `The following resource(s) failed to create: [${[...failed].sort().join(", ")}]. Rollback requested by user.`);
  const result = planDeletion(ctx, stack, stack.Resources, rbAt);
  if (result.failed.length > 0) {
    stackStatus(stack, "ROLLBACK_FAILED", result.end, `The following resource(s) failed to delete: [${result.failed.join(", ")}]. `);
  } else {
    stackStatus(stack, "ROLLBACK_COMPLETE", result.end + span(ctx, 1));
  }
}
