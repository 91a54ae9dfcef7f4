/** `privatelink-lab [start]`: start the lesson, or continue it where the cloud actually is. */
import { runLesson } from "../lesson/engine.js";
import type { GlobalOptions } from "./options.js";
import { lessonContext, openSession, type Environment } from "./session.js";
import { reportCostOnExit } from "./leaving.js";

export async function start(opts: GlobalOptions & { restart?: boolean }, e: Environment): Promise<void> {
  const s = await openSession(opts, e, true);
  const ctx = await lessonContext(opts, e, s, true);
  if (opts.restart) {
    ctx.state.marks = {};
    delete ctx.state.quiz;
  }
  ctx.io.notify({ type: "lesson-started", lesson: ctx.lesson, backend: ctx.state.backend, region: ctx.state.region, prefix: ctx.state.prefix, lang: s.lang, mode: ctx.mode });
  try {
    await runLesson(ctx);
  } finally {
    await reportCostOnExit(ctx);
  }
}
