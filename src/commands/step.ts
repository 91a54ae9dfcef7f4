/** `privatelink-lab step <id>`: redo or jump to one step, refusing when an earlier one is missing. */
import { LabError } from "../errors.js";
import { setLessonCommands } from "../interrupt-notice.js";
import { continueCommand, learnerCommand, lessonCommands } from "../shell/lab-command.js";
import { cleanupStarted } from "../lesson/cleanup-state.js";
import { readCloud, type CloudView } from "../lesson/cloud-view.js";
import { runLesson } from "../lesson/engine.js";
import { detectAll, missingBefore } from "../lesson/progress.js";
import { cleanup } from "../lesson/steps/cleanup.js";
import { STEPS, stepById } from "../lesson/steps/index.js";
import type { LessonState } from "../state/schema.js";
import type { GlobalOptions } from "./options.js";
import { lessonContext, openSession, type Environment } from "./session.js";

/**
 * Once the cleanup has begun, the steps before it count as passed (detectAll), so `step <id>` would run a step of a build
 * that is deleted or being deleted: one whose earlier steps are gone, or, with everything deleted, one that builds
 * (like `npx privatelink-lab`, only `--restart` builds it all again). Redoing a step whose own resource alone was deleted stays allowed.
 */
function buildDeleted(id: string, view: CloudView, state: LessonState): boolean {
  if (id === cleanup.id || !cleanupStarted(view, state)) return false;
  const asTheCloudIs = STEPS.map((st) => ({ step: st, detection: st.detect(view, state) }));
  return missingBefore(asTheCloudIs, id).length > 0 || (!stepById(id)!.traceless && cleanup.detect(view, state).done);
}

export async function step(id: string, opts: GlobalOptions, e: Environment): Promise<void> {
  if (!stepById(id)) throw new LabError("usage.badStep", { step: id, steps: STEPS.map((s) => s.id).join(", ") });
  const s = await openSession(opts, e);
  const ctx = await lessonContext(opts, e, s, false);
  setLessonCommands(lessonCommands(ctx));
  const view = await readCloud(ctx.clients, ctx.names);
  const missing = missingBefore(detectAll(STEPS, view, ctx.state), id);
  // The commands named for this learner's lesson (prefix, target, profile), as the stop notice names them.
  if (missing.length > 0) throw new LabError("error.stepRequires", { step: id, again: continueCommand(ctx), one: learnerCommand("step <id>", ctx) }, { lists: { missing: missing.map((m) => ({ key: "error.stepNamed", vars: { step: m, id: m } })) } });
  if (buildDeleted(id, view, ctx.state)) throw new LabError("error.stepAfterCleanup", { step: id, restart: learnerCommand("--restart", ctx), again: continueCommand(ctx) });
  await runLesson(ctx, { only: id, view });
}
