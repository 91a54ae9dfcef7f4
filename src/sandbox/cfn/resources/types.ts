/** What the engine needs from each resource type: create, delete, what blocks a delete, timings. */
import type { HandlerContext } from "../../handler.js";
import { markDeleted, type Life, type Tag } from "../../world.js";

export interface CreateRequest {
  logicalId: string;
  stackName: string;
  props: Record<string, unknown>;
  /** createdAt = when creation starts, readyAt = when CloudFormation marks it CREATE_COMPLETE. */
  life: Life;
  /** The resource's own tags, the stack's tags and the aws:cloudformation:* tags. */
  tags: Tag[];
}

export interface Created {
  /** What `Ref` returns and DescribeStackResources shows as PhysicalResourceId. */
  physicalId: string;
  attrs: Record<string, unknown>;
}

/** Why a delete cannot happen now (AWS's error), and how long CloudFormation keeps retrying it. */
export interface Blocked {
  code: string;
  message: string;
  retrySeconds: number;
}

export interface ResourceProvider {
  /** Attributes Fn::GetAtt may ask for. */
  attributes: readonly string[];
  /** Seconds of AWS time from CREATE_IN_PROGRESS to CREATE_COMPLETE (5 when not given); likewise to DELETE_COMPLETE. */
  createSeconds?(props: Record<string, unknown>): number;
  deleteSeconds?(ctx: HandlerContext, physicalId: string): number;
  /** True when the resource is a named IAM resource (needs CAPABILITY_NAMED_IAM). */
  namedIam?(props: Record<string, unknown>): boolean;
  create(ctx: HandlerContext, req: CreateRequest): Created;
  /** Evaluated with `ctx.now` set to the moment the delete is attempted. */
  blocker?(ctx: HandlerContext, physicalId: string, stackId: string): Blocked | undefined;
  delete(ctx: HandlerContext, physicalId: string, at: number): void;
}

/** A blocker from a model's check (a message while something still uses the resource): AWS's `code`, retried for `retrySeconds`. */
export function blockedBy(
  find: (ctx: HandlerContext, id: string, ignoreStackId?: string) => string | undefined,
  code: string,
  retrySeconds: number,
): NonNullable<ResourceProvider["blocker"]> {
  return (ctx, id, stackId) => {
    const message = find(ctx, id, stackId);
    return message ? { code, message, retrySeconds } : undefined;
  };
}

/** CloudFormation retries a DependencyViolation for about 15 minutes before it gives up. */
export const dependencyViolation = (find: Parameters<typeof blockedBy>[0]) => blockedBy(find, "DependencyViolation", 900);

/** A delete that only marks the entity of `table` deleted. */
export const markDeletedIn =
  (table: (ctx: HandlerContext) => Record<string, { life: Life }>): ResourceProvider["delete"] =>
  (ctx, id, at) => markDeleted(table(ctx)[id]?.life, ctx.now, at);

/** A resource failed in a way CloudFormation reports with its own wording (not an API error). */
export class ResourceFailure extends Error {
  override name = "ResourceFailure";
}

export function propString(props: Record<string, unknown>, key: string): string | undefined {
  const v = props[key];
  return v === undefined || v === null ? undefined : typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
}

export function propStrings(props: Record<string, unknown>, key: string): string[] {
  const v = props[key];
  return Array.isArray(v) ? v.map((x) => String(x)) : v === undefined ? [] : [String(v)];
}

export function propBool(props: Record<string, unknown>, key: string): boolean | undefined {
  const v = props[key];
  return v === undefined ? undefined : v === true || v === "true";
}

export function requireProp(props: Record<string, unknown>, key: string): string {
  const v = propString(props, key);
  if (v === undefined) throw new ResourceFailure(`Properties validation failed for resource with message: #: required key [${key}] not found`);
  return v;
}

/** A name CloudFormation makes up when the template gives none: `<stack>-<logical id>-<random>`. */
export function generatedName(stackName: string, logicalId: string, max = 64): string {
  const suffix = Math.random().toString(36).slice(2, 14).toUpperCase().padEnd(12, "X");
  const head = `${stackName}-${logicalId}`.slice(0, Math.max(1, max - suffix.length - 1));
  return `${head}-${suffix}`;
}
