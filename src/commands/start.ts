/** `privatelink-lab [start]`: start the lesson, or continue it where the cloud actually is. */
import { readCloud } from "../lesson/cloud-view.js";
import { saveState } from "../lesson/context.js";
import { runLesson } from "../lesson/engine.js";
import { cleanup } from "../lesson/steps/cleanup.js";
import type { GlobalOptions } from "./options.js";
import { lessonContext, openSession, type Environment } from "./session.js";
import { reportCostOnExit } from "./leaving.js";

export async function start(opts: GlobalOptions & { restart?: boolean }, e: Environment): Promise<void> {
  // The SDK and the sandbox load while the learner reads the first question (the prompt's own
  // modules are requested first, so it is not kept waiting).
  setTimeout(() => void Promise.all([import("../aws/clients.js"), import("../sandbox/middleware.js")]).catch(() => undefined), 0);
  const s = await openSession(opts, e, true);
  const ctx = await lessonContext(opts, e, s, true);
  if (opts.restart) {
    // What the cloud shows of the last run (deleted stacks, curl history) counts only after this.
    ctx.state.marks = { restart: new Date(ctx.clock.now()).toISOString() };
    delete ctx.state.quiz;
    saveState(ctx);
  }
  ctx.io.notify({ type: "lesson-started", lesson: ctx.lesson, backend: ctx.state.backend, region: ctx.state.region, prefix: ctx.state.prefix, lang: s.lang, mode: ctx.mode });
  // Cleaned up (by the tool, `destroy` or by hand, as the cloud shows): do not quietly build
  // everything again (on AWS that costs money); `--restart` does.
  if (cleanup.detect(await readCloud(ctx.clients, ctx.names), ctx.state).done) {
    const quiz = ctx.state.quiz;
    ctx.io.notify({ type: "notice", level: "success", message: quiz ? ctx.t("start.finished", { score: quiz.score, total: quiz.total }) : ctx.t("start.cleanedUp") });
    return;
  }
  try {
    await runLesson(ctx);
  } finally {
    await reportCostOnExit(ctx);
  }
}
