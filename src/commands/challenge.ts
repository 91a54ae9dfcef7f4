/** `privatelink-lab challenge [list | start <id> | check | fix | give-up]`. */
import { loadChallenges, loadChallengeText } from "../challenge/definitions.js";
import { LabError } from "../errors.js";
import { freshState } from "../state/schema.js";
import { setInterruptNotice, setLessonCommands } from "../interrupt-notice.js";
import { learnerCommand, lessonCommands } from "../shell/lab-command.js";
import type { GlobalOptions } from "./options.js";
import { lessonContext, openSession, type Environment, type Session } from "./session.js";

type ChallengeAction = "list" | "start" | "check" | "fix" | "give-up";

/** `challenge list` with no lesson here yet: the catalogue all the same, each challenge waiting for a finished lesson. */
function challengeCatalogue(s: Session): void {
  const lesson = freshState("", "", "sandbox").lesson;
  const items = loadChallenges(lesson).map((c) => ({ id: c.id, level: c.level, state: "needs-lesson", ...loadChallengeText(lesson, c.id, s.lang) }));
  s.io.notify({
    type: "table",
    rows: items.map((i) => ["·", i.id, "★".repeat(i.level), i.title, s.t("edges.challenge.needsLesson", { summary: i.summary })]),
    data: { name: "challenges", items: items.map(({ id, level, state, title, summary }) => ({ id, level, state, title, summary })) },
  });
  s.io.notify({ type: "notice", level: "info", message: s.t("edges.challenge.buildFirst") });
}

export async function challenge(action: ChallengeAction, id: string | undefined, opts: GlobalOptions, e: Environment): Promise<void> {
  const s = await openSession(opts, e);
  // Stopped midway, the same challenge command goes on from what the cloud shows (the lesson would go on to its cleanup).
  const rerun = `challenge ${action}${action === "start" && id ? ` ${id}` : ""}`;
  if (action !== "list") setInterruptNotice("challenge.interrupted", `npx privatelink-lab ${rerun}`);
  // No progress file: the read that finds the lesson is the command's first (fix asks the learner first: it reads afresh).
  const ctx = await lessonContext(opts, e, s, false, "write", "refuse", action !== "list" && action !== "fix").catch((err: unknown) => {
    // No lesson on this computer at all: `list` shows the catalogue all the same (a mistyped prefix is still told the ones there are).
    if (action === "list" && err instanceof LabError && err.key === "stateFixes.usage.noLessonAtAll") return undefined;
    throw err;
  });
  if (!ctx) return challengeCatalogue(s);
  setLessonCommands(lessonCommands(ctx));
  // Once the learner is known, the command to run again is theirs: their prefix, and where their lesson lives.
  if (action !== "list") setInterruptNotice("challenge.interrupted", learnerCommand(rerun, ctx));
  const { found } = ctx;
  const run = await import("../challenge/run.js");
  if (action === "list") return run.listChallenges(ctx, found);
  if (action === "start") {
    await run.startChallenge(ctx, id ?? "", found);
    // In the sandbox, the learner's AWS CLI needs a served sandbox to fix it by hand.
    if (ctx.clients.sandbox) ctx.io.notify({ type: "notice", level: "info", message: run.fixByHandInSandbox(ctx) });
    return;
  }
  if (action === "give-up") return run.giveUp(ctx, found);
  if (action === "fix") {
    // No form before it is known there is something to fix: edits made for nothing would stay in the build.
    if (!(await run.challengeToFix(ctx))) return;
    await (await import("../challenge/forms.js")).fixWithForms(ctx);
  }
  // A check that fails is an answer with a hint, and exit 1 so a script can tell.
  if (!(await run.checkChallenge(ctx, action === "check" ? found : undefined))) throw new LabError("challenge.stillBroken");
}
