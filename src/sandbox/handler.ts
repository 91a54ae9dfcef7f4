/** The shape of a sandbox command handler, typed with the SDK's own input and output types. */
import type { RegionWorld, World } from "./world.js";
import type { Speed } from "./clock.js";
import type { ServiceKey } from "./aws-error.js";

export interface HandlerContext {
  world: World;
  region: string;
  /** The region's part of the world. */
  rw: RegionWorld;
  /** ms epoch of this call. */
  now: number;
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

/** Registers a typed handler in a table whose entries are checked by command name at run time. */
export function handler<I, O>(fn: Handler<I, O>): Handler<never, object> {
  return fn as unknown as Handler<never, object>;
}

export type HandlerTables = Record<ServiceKey, HandlerTable>;
