/** `privatelink-lab challenge [list | start <id> | check | fix | give-up]`. */
import { LabError } from "../errors.js";
import type { GlobalOptions } from "./options.js";
import { lessonContext, openSession, type Environment } from "./session.js";

export type ChallengeAction = "list" | "start" | "check" | "fix" | "give-up";

export async function challenge(action: ChallengeAction, id: string | undefined, opts: GlobalOptions, e: Environment): Promise<void> {
  const s = await openSession(opts, e);
  // No progress file: the read that finds the lesson is the command's first (fix asks the learner first: it reads afresh).
  const ctx = await lessonContext(opts, e, s, false, "write", "refuse", action !== "list" && action !== "fix").catch((err: unknown) => {
    // No lesson on this computer at all: `list` shows the catalogue all the same (a mistyped prefix is still told the ones there are).
    if (action === "list" && err instanceof LabError && err.key === "stateFixes.usage.noLessonAtAll") return undefined;
    throw err;
  });
  if (!ctx) return (await import("./challenge-catalogue.js")).challengeCatalogue(s);
  const { found } = ctx;
  const run = await import("../challenge/run.js");
  if (action === "list") return run.listChallenges(ctx, found);
  if (action === "start") {
    await run.startChallenge(ctx, id ?? "", found);
    // In the sandbox, the learner's AWS CLI needs a served sandbox to fix it by hand.
    if (ctx.clients.sandbox) ctx.io.notify({ type: "notice", level: "info", message: (await import("../challenge/by-hand.js")).fixByHandInSandbox(ctx) });
    return;
  }
  if (action === "give-up") return run.giveUp(ctx, found);
  // `fix`: the forms, then the check.
  if (action === "fix") await (await import("../challenge/forms.js")).fixWithForms(ctx);
  // A check that fails is an answer with a hint, and exit 1 so a script can tell.
  if (!(await run.checkChallenge(ctx, action === "check" ? found : undefined))) throw new LabError("challenge.stillBroken");
}
