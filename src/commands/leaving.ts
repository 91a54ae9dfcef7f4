/** Leaving the lesson with resources still up: say what they cost and how to clean up. */
import { continueCommand, destroyCommand } from "../shell/lab-command.js";
import { readCloud, type CloudView } from "../lesson/cloud-view.js";
import type { LessonContext } from "../lesson/context.js";
import { costReport } from "../lesson/pricing.js";
import { isEmpty } from "../lesson/teardown.js";

/** `last`: the cloud as the lesson last read it (else read now). `advise`: false after Ctrl-C (its notice says it). */
export async function reportCostOnExit(ctx: LessonContext, last?: CloudView, advise = true): Promise<void> {
  const view = last ?? (await readCloud(ctx.clients, ctx.names).catch(() => undefined));
  if (!view || isEmpty(view)) return;
  ctx.io.notify({ type: "cost", ...costReport(ctx, view) });
  if (advise) ctx.io.notify({ type: "notice", level: "info", message: ctx.t("leaving.cleanupLater", { again: continueCommand(ctx), destroy: destroyCommand(ctx) }) });
}
