/**
 * When the lesson waits: right after the concept, so at 80×24 it is still on screen; the console and CLI reference is
 * folded behind a choice. Without a learner (--yes, no TTY, --json) nothing is folded.
 */
import { LabError } from "../errors.js";
import { continueCommand } from "../shell/lab-command.js";
import type { StepContent } from "../content/lesson-content.js";
import { consoleLeftOut, type LessonContext } from "./context.js";
import type { Step } from "./step.js";

/** The question and the "go" answer for a step: read-only steps just continue, the quiz starts. */
function wording(step: Step): { ask: string; go: string } {
  if (step.pace === "read-only") return { ask: "engine.continueAsk", go: "engine.continue" };
  if (step.pace === "quiz") return { ask: "engine.quizAsk", go: "engine.quizStart" };
  return { ask: "engine.runAsk", go: "engine.run" };
}

/** Whether the step has a reference (console path or CLI) to unfold. */
export function hasReference(content: StepContent): boolean {
  return Boolean(content.console.trim() || content.cli.trim());
}

/** The choice that unfolds the reference: the console's path and the AWS CLI, or the AWS CLI alone where the console is left out. */
export function showReferenceLabel(ctx: LessonContext): string {
  return ctx.t(consoleLeftOut(ctx) ? "engine.showCli" : "engine.showReference");
}

/** Guided: asks whether to go on ("show how" prints the reference and asks again; "stop" pauses). */
export async function askToGo(ctx: LessonContext, step: Step, content: StepContent, showReference: () => void): Promise<void> {
  const { ask, go } = wording(step);
  let show = hasReference(content) ? showReference : undefined;
  while (await goOrStop(ctx, ask, go, show)) show = undefined;
}

/**
 * 1 go · 2 show how (while there is something to show) · 0 stop; true when "show how" was chosen (and done).
 * Stop has a digit no other question uses: in hands-on mode 3 is "let the tool do it" on the step before, and a
 * learner pressing it again on a read-only step must not end the lesson.
 */
export async function goOrStop(ctx: LessonContext, ask: string, go: string, show?: () => void): Promise<boolean> {
  const answer = await ctx.io.select<"go" | "show" | "stop">(
    ctx.t(ask),
    [
      // Each keeps its digit once "show how" is gone (1 go · 0 stop), as on the first screen.
      { value: "go", name: ctx.t(go), key: 1 },
      ...(show ? [{ value: "show" as const, name: showReferenceLabel(ctx), key: 2 }] : []),
      { value: "stop", name: ctx.t("engine.stopHere"), key: 0 },
    ],
    "go",
    { inline: true },
  );
  if (answer === "stop") throw new LabError("engine.paused", { again: continueCommand(ctx) }, { source: "user" });
  if (answer !== "show" || !show) return false;
  show();
  return true;
}
