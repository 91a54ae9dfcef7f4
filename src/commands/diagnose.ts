/** `privatelink-lab diagnose`: the PrivateLink path link by link, and the fix for the first broken one. */
import { diagnose as run } from "../diagnose/diagnose.js";
import { LabError } from "../errors.js";
import { lessonCommand } from "../shell/lab-command.js";
import type { GlobalOptions } from "./options.js";
import { lessonContext, openSession, type Environment } from "./session.js";

export async function diagnose(opts: GlobalOptions, e: Environment): Promise<void> {
  const s = await openSession(opts, e);
  const ctx = await lessonContext(opts, e, s, false, "write", "refuse", true);
  const d = await run(ctx, ctx.found);
  ctx.io.notify({ type: "diagnosis", ...d });
  // A broken path exits 1, one still starting 7 (nothing to fix: run it again), so scripts can tell.
  // Run again where this lesson lives: with --endpoint-url when it was run with one (not the learner's own AWS account).
  const command = lessonCommand("diagnose", ctx);
  if (d.first) throw new LabError("diagnose.broken", { link: d.first.name, command });
  if (d.wait) throw new LabError("starting.diagnose", { link: d.wait.link.name, seconds: d.wait.seconds, command }, { source: "starting" });
}
