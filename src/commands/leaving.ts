/** Leaving the lesson with resources still up: say what they cost and how to clean up. */
import { destroyCommand } from "../interrupt-notice.js";
import { readCloud, type CloudView } from "../lesson/cloud-view.js";
import type { LessonContext } from "../lesson/context.js";
import { costReport } from "../lesson/pricing.js";
import { isEmpty } from "../lesson/teardown.js";

/**
 * `view`: the cloud as the lesson last read it, when it ended normally (else it is read now). `advise`: false when stopped
 * by Ctrl-C, whose notice (bin.ts) already says how to continue or delete: said once.
 */
export async function reportCostOnExit(ctx: LessonContext, last?: CloudView, advise = true): Promise<void> {
  const view = last ?? (await readCloud(ctx.clients, ctx.names).catch(() => undefined));
  if (!view || isEmpty(view)) return;
  ctx.io.notify({ type: "cost", ...costReport(ctx, view) });
  if (advise) ctx.io.notify({ type: "notice", level: "info", message: ctx.t("leaving.cleanupLater", { destroy: destroyCommand(ctx.state) }) });
}
