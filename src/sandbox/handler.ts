/** The shape of a sandbox command handler, typed with the SDK's own input and output types. */
import type { CommandImpl } from "@smithy/core/client";
import type { RegionWorld, World } from "./world.js";
import type { Speed } from "./clock.js";
import type { ServiceKey } from "./aws-error.js";

/** Operations (or SDK commands) that only read: they change nothing, so any room participant may send them. */
export const READ_ONLY = /^(Describe|Get|List|Validate)/;

export interface HandlerContext {
  world: World;
  region: string;
  /** The region's part of the world. */
  rw: RegionWorld;
  /** ms epoch of this call. */
  now: number;
  /** The IAM user name of whoever signed the call (a room's participant; else the sandbox's learner). */
  caller: string;
  speed: Speed;
  /** The time `seconds` of real AWS duration from now, at this sandbox's speed. */
  after(seconds: number): number;
  /** Throws the AWS error `code` as this service's ServiceException. */
  fail(code: string, message: string, status?: number): never;
}

/** A handler returns the command output without `$metadata` (the middleware adds it). */
export type Handler<I, O> = (ctx: HandlerContext, input: I) => Omit<O, "$metadata">;

/** Handlers of one service, keyed by SDK command name (`DescribeVpcsCommand`). */
export type HandlerTable = Record<string, Handler<never, object>>;

/** The handler of an SDK command class, typed with its `<Name>CommandInput` and `<Name>CommandOutput`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the command's config and service unions do not matter here
type HandlerOf<C> = C extends new (input: never) => CommandImpl<infer I, infer O, any, any, any> ? Handler<I, O> : never;

/** Handlers of an SDK module's commands (`typeof import("@aws-sdk/client-ec2")`), each typed by its command name. */
export type Handlers<M> = { [K in keyof M & `${string}Command`]?: HandlerOf<M[K]> };

/** A table of typed handlers, checked by command name at run time. */
export function handlers<M>(table: Handlers<M>): HandlerTable {
  return table as HandlerTable;
}

export type Ec2 = typeof import("@aws-sdk/client-ec2");
export type Cfn = typeof import("@aws-sdk/client-cloudformation");
export type Elbv2 = typeof import("@aws-sdk/client-elastic-load-balancing-v2");
export type Ssm = typeof import("@aws-sdk/client-ssm");
export type Sts = typeof import("@aws-sdk/client-sts");
export type Iam = typeof import("@aws-sdk/client-iam");
export type Quotas = typeof import("@aws-sdk/client-service-quotas");

export type HandlerTables = Record<ServiceKey, HandlerTable>;
