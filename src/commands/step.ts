/** `privatelink-lab step <id>`: redo or jump to one step, refusing when an earlier one is missing. */
import { LabError } from "../errors.js";
import { readCloud } from "../lesson/cloud-view.js";
import { runLesson } from "../lesson/engine.js";
import { detectAll, missingBefore } from "../lesson/progress.js";
import { STEPS, stepById } from "../lesson/steps/index.js";
import type { GlobalOptions } from "./options.js";
import { lessonContext, openSession, type Environment } from "./session.js";

export async function step(id: string, opts: GlobalOptions, e: Environment): Promise<void> {
  if (!stepById(id)) throw new LabError("usage.badStep", { step: id, steps: STEPS.map((s) => s.id).join(", ") });
  const s = await openSession(opts, e);
  const ctx = await lessonContext(opts, e, s, false);
  const view = await readCloud(ctx.clients, ctx.names);
  const missing = missingBefore(detectAll(STEPS, view, ctx.state), id);
  if (missing.length > 0) throw new LabError("error.stepRequires", { step: id, missing: missing.join(", ") });
  await runLesson(ctx, { only: id, view });
}
