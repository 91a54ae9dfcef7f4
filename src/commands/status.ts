/** `privatelink-lab status`: where the learner is, what exists, what it costs, what is next, as one `status` event. */
import { loadStep, stepDeletes } from "../content/lesson-content.js";
import { readCloud } from "../lesson/cloud-view.js";
import { currentStep, detectAll, stoppedAt, type StepStatus } from "../lesson/progress.js";
import { STEPS } from "../lesson/steps/index.js";
import { isEmpty, planTeardown } from "../lesson/teardown.js";
import { costReport } from "../lesson/pricing.js";
import type { LabEvent } from "../ui/io-host.js";
import type { GlobalOptions } from "./options.js";
import { lessonStarted, preflightTarget } from "../lesson/context.js";
import { awsPlace } from "../preflight/check.js";
import { lessonContext, openSession, type Environment } from "./session.js";
import { challengeInProgress, type ChallengeReport } from "./challenge-in-progress.js";
import type { CloudView } from "../lesson/cloud-view.js";
import { detectionVars, type Detection } from "../lesson/step.js";
import { continueCommand, learnerCommand } from "../shell/lab-command.js";

type StatusEvent = Extract<LabEvent, { type: "status" }>;

/** The curl step's proof is Run Command history, not a fresh curl: with a challenge in progress it says the break came since. */
function seenThroughChallenge(stepId: string, d: Detection, challenge: ChallengeReport | undefined): Detection {
  return challenge && stepId === "curl" && d.why === "detect.curl.done" ? { ...d, why: "status.curlBeforeChallenge", vars: { dns: d.vars?.dns ?? "", title: challenge.title } } : d;
}

/** What exists, in teardown order; an endpoint AWS is deleting is said so (it is on its way out, and no longer billed). */
function existing(view: CloudView): StatusEvent["resources"] {
  const deleting = new Set(view.endpoints.filter((e) => e.state.toLowerCase() === "deleting").map((e) => e.id));
  return planTeardown(view).map((p) => ({ kind: p.kind, id: p.id, ...(p.name ? { name: p.name } : {}), ...(deleting.has(p.id) ? { deleting: true as const } : {}) }));
}

export async function status(opts: GlobalOptions, e: Environment): Promise<void> {
  const s = await openSession(opts, e);
  const ctx = await lessonContext(opts, e, s, false, "read", "refuse");
  const view = ctx.found ?? (await readCloud(ctx.clients, ctx.names));
  const statuses = detectAll(STEPS, view, ctx.state);
  const cur = currentStep(statuses);
  const { t, io } = ctx;
  // The `aws` commands a step's text names go to the lesson's account (in the sandbox, where it is served on this computer).
  const place = await awsPlace(preflightTarget(ctx));
  // Both stacks gone midway (as the progress file tells): the steps after the one reached count as passed by the cleanup, not as done.
  const stopped = cur ? undefined : stoppedAt(STEPS, ctx.state);
  const unreached = (index: number, passed?: true) => stopped !== undefined && index > stopped && passed === true;
  // A step kept in the progress file (the quiz) is as the file says while the cleanup is under way and after it stopped
  // midway: passing it did not do it. (A cleanup finished with no such record, say by hand, finished the lesson.)
  const cleaning = cur !== undefined && stepDeletes(ctx.lesson, cur.step.id);
  const recorded = (st: StepStatus): Detection => ((stopped !== undefined || cleaning) && st.step.traceless && st.own ? st.own : st.detection);
  const title = (id: string) => loadStep(ctx.lesson, id, s.lang).title;
  // A challenge matters while the lesson's build is there (the cleanup done, it ended with the build).
  const challenge = cur ? challengeInProgress(ctx, view) : undefined;
  // `--json` promises one `status` event; the header line is for a person.
  if (!opts.json) io.notify(lessonStarted(ctx, s.lang));
  const report: StatusEvent = {
    type: "status",
    lesson: ctx.lesson,
    steps: statuses.map((st, index) => {
      const notReached = unreached(index, st.detection.passed);
      const detection = seenThroughChallenge(st.step.id, recorded(st), challenge);
      return {
        id: st.step.id,
        index,
        title: title(st.step.id),
        done: detection.done && !notReached,
        current: st === cur,
        reason: notReached ? "texts.notReached" : detection.why,
        text: notReached ? t("texts.notReached") : t(detection.why, detectionVars(detection, place)),
      };
    }),
    resources: existing(view),
  };
  if (!isEmpty(view)) report.cost = costReport(ctx, view);
  const quiz = ctx.state.quiz;
  if (stopped !== undefined) {
    const first = STEPS[0]!.id;
    report.next = { step: first, title: title(first), command: "npx privatelink-lab --restart", text: t("texts.stoppedMidway", { n: stopped, title: title(STEPS[stopped]!.id), restart: learnerCommand("--restart", ctx) }) };
  } else if (!cur) {
    report.finished = quiz?.score !== undefined ? { score: quiz.score, total: quiz.total, text: t("start.finished", { score: quiz.score, total: quiz.total }) } : { text: t("start.cleanedUp") };
  } else if (challenge) {
    // The path is broken on purpose: finishing (or giving up) the challenge comes before the lesson's next step.
    report.challenge = challenge;
  } else {
    // The text names this learner's own commands (prefix, sandbox or endpoint), as the other screens do; `command` stays the bare one (data).
    const text = t("status.next", { title: title(cur.step.id), again: continueCommand(ctx), step: learnerCommand(`step ${cur.step.id}`, ctx) });
    report.next = { step: cur.step.id, title: title(cur.step.id), command: "npx privatelink-lab", text };
  }
  io.notify(report);
}
