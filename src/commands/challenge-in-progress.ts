/** The break-and-fix challenge a learner is in the middle of, as `status` reports it and the lesson says it. */
import { loadChallenges, loadChallengeText } from "../challenge/definitions.js";
import type { CloudView } from "../lesson/cloud-view.js";
import type { LessonContext } from "../lesson/context.js";
import { learnerCommand } from "../shell/lab-command.js";
import type { LabEvent } from "../ui/io-host.js";

export type ChallengeReport = NonNullable<Extract<LabEvent, { type: "status" }>["challenge"]>;

/** The challenge in progress, as `challenge` commands find it: the progress file's, else the one the Consumer instance's tags say is broken. */
export function challengeInProgress(ctx: LessonContext, view: CloudView): ChallengeReport | undefined {
  const mark = view.consumerInstance?.challenge;
  const id = ctx.state.challenges.active?.id ?? (mark?.state === "broken" ? mark.id : undefined);
  // A tag this version does not know (written by another one) names no challenge to go on with here.
  if (!id || !loadChallenges(ctx.lesson).some((c) => c.id === id)) return undefined;
  const title = loadChallengeText(ctx.lesson, id, ctx.io.lang).title;
  const commands = { check: learnerCommand("challenge check", ctx), fix: learnerCommand("challenge fix", ctx), giveUp: learnerCommand("challenge give-up", ctx) };
  return { id, title, state: "in-progress", commands, text: ctx.t("status.challenge", { title, check: commands.check, fix: commands.fix, giveUp: commands.giveUp }) };
}
