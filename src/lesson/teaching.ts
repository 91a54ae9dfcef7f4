/** Shows lesson text filled with real values, remembered so the quiz asks only what was shown (`<step>`, `<step>/<note>`). */
import type { StepContent } from "../content/lesson-content.js";
import { cmdNotes, shellMarkdown } from "../shell/in-text.js";
import type { CloudView } from "./cloud-view.js";
import { saveState, type LessonContext } from "./context.js";
import { cleanupVars, lessonVars } from "./vars.js";

type Section = "concept" | "console" | "cli" | "done" | "note" | "hint";

export function explain(ctx: LessonContext, step: string, section: Section, text: string, view: CloudView): void {
  if (!text.trim()) return;
  // Commands are rendered for the learner's shell (bash, PowerShell or cmd.exe) and also sent as data.
  const shell = ctx.io.shell ?? "bash";
  const { markdown, commands } = shellMarkdown(text, shell, step === "cleanup" ? cleanupVars(ctx, view) : lessonVars(ctx, view), cmdNotes(ctx.t));
  ctx.io.notify({ type: "explain", step, section, markdown, ...(commands.length > 0 ? { commands, shell } : {}) });
}

/** Records that the learner saw `item`, saved at once: a run stopped (Ctrl-C, kill -9) with it on screen still counts it. */
function taught(ctx: LessonContext, item: string): void {
  const list = (ctx.state.taught ??= []);
  if (list.includes(item)) return;
  list.push(item);
  saveState(ctx);
}

/** Shows each note once per step run (`shown` remembers which); unknown keys are skipped. */
export function explainNotes(ctx: LessonContext, content: StepContent, keys: readonly string[], view: CloudView, shown: Set<string>): void {
  for (const key of keys) {
    const text = content.notes[key];
    if (!text || shown.has(key)) continue;
    shown.add(key);
    explain(ctx, content.id, "note", text, view);
    taught(ctx, `${content.id}/${key}`);
  }
}

/** The concept is on screen: the step's own teaching counts as shown. */
export function explainConcept(ctx: LessonContext, content: StepContent, view: CloudView, variant?: string): void {
  explain(ctx, content.id, "concept", (variant && content.conceptVariants[variant]) || content.concept, view);
  taught(ctx, content.id);
}
