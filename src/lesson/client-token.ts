/**
 * ClientTokens make a create idempotent after a crash or a lost answer. Made of what is never lost (account, region,
 * prefix, kind, the request's parameters), not the progress file; another request gets another token (no
 * `IdempotentParameterMismatch`). A gone resource's token answers with it dead: then the next token in a fixed sequence.
 */
import type { GetCallerIdentityCommandOutput } from "@aws-sdk/client-sts";
import { stableHash } from "../stable-hash.js";
import { awsCode, LabError } from "../errors.js";
import { saveState, type LessonContext } from "./context.js";
import { awsPort } from "../aws/port.js";

const MAX_GENERATIONS = 30;

type TokenKind = "service" | "endpoint";

/** STS's answer to this command (one context, one command): the preflight step does not ask again. */
const asked = new WeakMap<LessonContext, GetCallerIdentityCommandOutput>();
export const callerAsked = (ctx: LessonContext): GetCallerIdentityCommandOutput | undefined => asked.get(ctx);

/** When the progress does not know the account yet: STS's answer, its id kept in the state (the caller saves it). */
export async function askAccount(at: Pick<LessonContext, "clients" | "state">): Promise<GetCallerIdentityCommandOutput | undefined> {
  if (at.state.ids.accountId) return undefined;
  const me = await awsPort(at.clients).sts.getCallerIdentity({});
  if (me.Account) at.state.ids.accountId = me.Account;
  return me;
}

/** The account id, from the progress file or else from STS (cached in the progress file). */
export async function knowAccount(ctx: LessonContext): Promise<string> {
  const me = await askAccount(ctx);
  if (me) asked.set(ctx, me);
  if (me?.Account) saveState(ctx);
  return ctx.state.ids.accountId ?? "";
}

/** A token (≤ 64 ASCII characters, as EC2 allows) for generation `n` of this exact request. */
export function clientToken(ctx: LessonContext, kind: TokenKind, params: Record<string, unknown>, n = 0): string {
  const basis = JSON.stringify([ctx.state.ids.accountId ?? "", ctx.state.region, ctx.state.prefix, kind, params, n]);
  return `pll-${kind}-${stableHash(basis)}`;
}

/** Sends `create` with the request's token (the next one while a token's resource is gone); returns the live resource. */
export async function createOnce<T>(
  ctx: LessonContext,
  kind: TokenKind,
  params: Record<string, unknown>,
  create: (token: string) => Promise<T>,
  isGone: (made: T) => boolean,
): Promise<T> {
  await knowAccount(ctx); // part of the token: asked of AWS when the progress file does not have it
  for (let n = 0; n < MAX_GENERATIONS; n++) {
    let made: T;
    try {
      made = await create(clientToken(ctx, kind, params, n));
    } catch (e) {
      if (awsCode(e) === "IdempotentParameterMismatch") continue;
      throw e;
    }
    if (!isGone(made)) return made;
  }
  throw new LabError("error.tokensUsedUp", { kind }, { source: "internal" });
}
