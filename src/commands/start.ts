/** `privatelink-lab [start]`: start or continue the lesson; the engine loads once the first question is on screen. */
import { isPromptExit, setLessonCommands } from "../interrupt-notice.js";
import { learnerCommand, lessonCommands } from "../shell/lab-command.js";
import { afterFirstQuestion } from "../ui/first-question.js";
import type { GlobalOptions } from "./options.js";
import { lessonStarted, type LessonContext } from "../lesson/context.js";
import type { CloudView } from "../lesson/cloud-view.js";
import type { ChallengeReport } from "./challenge-in-progress.js";
import { lessonContext, openSession, type Environment } from "./session.js";

const lessonModules = () =>
  Promise.all([import("../lesson/cloud-view.js"), import("../lesson/context.js"), import("../lesson/engine.js"), import("../lesson/steps/cleanup.js"), import("./leaving.js"), import("../lesson/progress.js"), import("../lesson/steps/index.js"), import("../content/lesson-content.js")]);

/** While the learner reads: the lesson, and the clients (the sandbox's too: most first runs use it). */
const preload = () => Promise.all([lessonModules(), import("../aws/clients.js"), import("../sandbox/middleware.js")]);

/** The challenge in progress, when the cloud shows a step before curl not done: what it broke is not the lesson's to build again. */
async function challengeFirst(ctx: LessonContext, view: CloudView): Promise<ChallengeReport | undefined> {
  const [{ currentStep, detectAll }, { STEPS }, { challengeInProgress }] = await Promise.all([import("../lesson/progress.js"), import("../lesson/steps/index.js"), import("./challenge-in-progress.js")]);
  const cur = currentStep(detectAll(STEPS, view, ctx.state));
  const curl = STEPS.findIndex((s) => s.id === "curl");
  return cur && STEPS.indexOf(cur.step) < curl ? challengeInProgress(ctx, view) : undefined;
}

export async function start(opts: GlobalOptions & { restart?: boolean }, e: Environment): Promise<void> {
  afterFirstQuestion(() => void preload().catch(() => undefined));
  const s = await openSession(opts, e, true);
  const ctx = await lessonContext(opts, e, s, true);
  setLessonCommands(lessonCommands(ctx));
  const [{ readCloud }, { saveState }, { runLesson }, { cleanup }, { reportCostOnExit }, { stoppedAt }, { STEPS }, { loadStep }] = await lessonModules();
  if (opts.restart) {
    // What the cloud shows of the last run (deleted stacks, curl history) counts only after this.
    ctx.state.marks = { restart: new Date(ctx.clock.now()).toISOString() };
    delete ctx.state.quiz;
    delete ctx.state.quizAnswers;
    delete ctx.state.taught;
    saveState(ctx);
  }
  ctx.io.notify(lessonStarted(ctx, s.lang));
  // Cleaned up (as the cloud shows): never quietly build it all again (on AWS that costs money); `--restart` does.
  const view = await readCloud(ctx.clients, ctx.names);
  if (cleanup.detect(view, ctx.state).done) {
    const quiz = ctx.state.quiz;
    // Stopped midway (as the progress file tells): the stacks are gone and the lesson begins again, not "finished".
    const stopped = stoppedAt(STEPS, ctx.state);
    if (stopped !== undefined) ctx.io.notify({ type: "notice", level: "info", message: ctx.t("texts.stoppedMidway", { n: stopped, title: loadStep(ctx.lesson, STEPS[stopped]!.id, ctx.io.lang).title, restart: learnerCommand("--restart", ctx) }) });
    else ctx.io.notify({ type: "notice", level: "success", message: quiz?.score !== undefined ? ctx.t("start.finished", { score: quiz.score, total: quiz.total }) : ctx.t("start.cleanedUp") });
    return;
  }
  // A challenge broke the build on purpose: the lesson does not build it again (it would go back to a step before curl).
  const challenge = await challengeFirst(ctx, view);
  if (challenge) {
    ctx.io.notify({ type: "notice", level: "info", message: ctx.t("start.inChallenge", { challenge: challenge.text }) });
    return;
  }
  // The lesson starts from the cloud just read, and what it last read is what is left at the end.
  let last: Awaited<ReturnType<typeof runLesson>> | undefined;
  let stopped = false;
  try {
    last = await runLesson(ctx, { view });
  } catch (err) {
    stopped = isPromptExit(err);
    throw err;
  } finally {
    await reportCostOnExit(ctx, last, !stopped);
  }
}
