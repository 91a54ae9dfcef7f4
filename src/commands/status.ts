/** `privatelink-lab status`: where the learner is, what exists, what it costs, what is next. */
import { loadStep } from "../content/lesson-content.js";
import { readCloud } from "../lesson/cloud-view.js";
import { costPerHour, costSince, FULL_LESSON } from "../lesson/pricing.js";
import { currentStep, detectAll } from "../lesson/progress.js";
import { STEPS } from "../lesson/steps/index.js";
import { isEmpty, planTeardown } from "../lesson/teardown.js";
import type { GlobalOptions } from "./options.js";
import { lessonContext, openSession, type Environment } from "./session.js";

export async function status(opts: GlobalOptions, e: Environment): Promise<void> {
  const s = await openSession(opts, e);
  const ctx = await lessonContext(opts, e, s, false, "read");
  const view = await readCloud(ctx.clients, ctx.names);
  const statuses = detectAll(STEPS, view, ctx.state);
  const cur = currentStep(statuses);
  const { t, io } = ctx;
  io.notify({ type: "lesson-started", lesson: ctx.lesson, backend: ctx.state.backend, region: ctx.state.region, prefix: ctx.state.prefix, lang: s.lang, mode: ctx.mode });
  io.notify({
    type: "table",
    rows: statuses.map((st, i) => [
      st.detection.done ? "✔" : st === cur ? "▶" : "·",
      String(i),
      loadStep(ctx.lesson, st.step.id, s.lang).title,
      t(st.detection.why, st.detection.vars),
    ]),
  });
  const plan = planTeardown(view);
  if (plan.length > 0) io.notify({ type: "table", rows: plan.map((p) => ["+", p.kind, p.id, p.name ?? ""]) });
  if (!isEmpty(view)) {
    const cost = costPerHour(ctx.state.region, FULL_LESSON);
    const since = costSince(cost, ctx.state.resourcesSince, ctx.clock.now());
    io.notify({ type: "cost", perHourUsd: cost.perHourUsd, region: ctx.state.region, sandbox: ctx.clients.sandbox !== undefined, ...(since ? { sinceUsd: since.usd, hours: since.hours } : {}) });
  }
  const quiz = ctx.state.quiz;
  if (!cur) {
    io.notify({ type: "notice", level: "success", message: quiz ? t("start.finished", { score: quiz.score, total: quiz.total }) : t("start.cleanedUp") });
  } else {
    io.notify({ type: "notice", level: "info", message: t("status.next", { title: loadStep(ctx.lesson, cur.step.id, s.lang).title, id: cur.step.id }) });
  }
}
