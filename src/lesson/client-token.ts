/**
 * ClientTokens make a create idempotent: a retry after a crash (or a 503 the SDK retried) returns
 * the resource the first call made instead of a second one. The token changes only when the
 * previous resource of that kind is gone (deleted or rejected), so the learner can build it again.
 */
import type { LessonContext } from "./context.js";
import { saveState } from "./context.js";

export function clientToken(ctx: LessonContext, kind: "service" | "endpoint", previousStillThere: boolean): string {
  const idKey = kind === "service" ? "serviceId" : "endpointId";
  const attemptKey = `${kind}Attempt`;
  let attempt = Number(ctx.state.ids[attemptKey] ?? "1");
  if (ctx.state.ids[idKey] && !previousStillThere) {
    attempt += 1;
    delete ctx.state.ids[idKey];
  }
  ctx.state.ids[attemptKey] = String(attempt);
  saveState(ctx);
  return `${ctx.state.prefix}-${kind}-${Date.parse(ctx.state.createdAt).toString(36)}-${attempt}`;
}
