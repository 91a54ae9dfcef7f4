/**
 * The hook the curl step calls when curl fails: walk the path and show which link broke and how
 * to fix it. Diagnosing is a help, never a second failure: if it cannot run, curl's own error stands.
 */
import type { CloudView } from "../lesson/cloud-view.js";
import type { LessonContext } from "../lesson/context.js";
import { diagnose } from "./diagnose.js";

export async function explainCurlFailure(ctx: LessonContext, view?: CloudView): Promise<void> {
  try {
    const d = await diagnose(ctx, view);
    ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("diagnose.curlFailed") });
    ctx.io.notify({ type: "diagnosis", ...d });
  } catch {
    // curl's error is reported by the step; a diagnosis that cannot be made adds nothing.
  }
}
