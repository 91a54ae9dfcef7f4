/** `privatelink-lab status`: where the learner is, what exists, what it costs, what is next, as one `status` event. */
import { loadStep } from "../content/lesson-content.js";
import { readCloud } from "../lesson/cloud-view.js";
import { currentStep, detectAll, stoppedAt } from "../lesson/progress.js";
import { STEPS } from "../lesson/steps/index.js";
import { isEmpty, planTeardown } from "../lesson/teardown.js";
import { costReport } from "../lesson/pricing.js";
import type { LabEvent } from "../ui/io-host.js";
import type { GlobalOptions } from "./options.js";
import { lessonStarted } from "../lesson/context.js";
import { lessonContext, openSession, type Environment } from "./session.js";

type StatusEvent = Extract<LabEvent, { type: "status" }>;

export async function status(opts: GlobalOptions, e: Environment): Promise<void> {
  const s = await openSession(opts, e);
  const ctx = await lessonContext(opts, e, s, false, "read", "refuse");
  const view = ctx.found ?? (await readCloud(ctx.clients, ctx.names));
  const statuses = detectAll(STEPS, view, ctx.state);
  const cur = currentStep(statuses);
  const { t, io } = ctx;
  // Both stacks gone midway (as the progress file tells): the steps after the one reached count as passed by the cleanup, not as done.
  const stopped = cur ? undefined : stoppedAt(STEPS, ctx.state);
  const unreached = (index: number, passed?: true) => stopped !== undefined && index > stopped && passed === true;
  const title = (id: string) => loadStep(ctx.lesson, id, s.lang).title;
  // `--json` promises one `status` event; the header line is for a person.
  if (!opts.json) io.notify(lessonStarted(ctx, s.lang));
  const report: StatusEvent = {
    type: "status",
    lesson: ctx.lesson,
    steps: statuses.map((st, index) => {
      const notReached = unreached(index, st.detection.passed);
      return {
        id: st.step.id,
        index,
        title: title(st.step.id),
        done: st.detection.done && !notReached,
        current: st === cur,
        reason: notReached ? "texts.notReached" : st.detection.why,
        text: notReached ? t("texts.notReached") : t(st.detection.why, st.detection.vars),
      };
    }),
    resources: planTeardown(view).map((p) => ({ kind: p.kind, id: p.id, ...(p.name ? { name: p.name } : {}) })),
  };
  if (!isEmpty(view)) report.cost = costReport(ctx, view);
  const quiz = ctx.state.quiz;
  if (stopped !== undefined) {
    const first = STEPS[0]!.id;
    report.next = { step: first, title: title(first), command: "npx privatelink-lab --restart", text: t("texts.stoppedMidway", { n: stopped, title: title(STEPS[stopped]!.id) }) };
  } else if (!cur) {
    report.finished = quiz?.score !== undefined ? { score: quiz.score, total: quiz.total, text: t("start.finished", { score: quiz.score, total: quiz.total }) } : { text: t("start.cleanedUp") };
  } else {
    report.next = { step: cur.step.id, title: title(cur.step.id), command: "npx privatelink-lab", text: t("status.next", { title: title(cur.step.id), id: cur.step.id }) };
  }
  io.notify(report);
}
