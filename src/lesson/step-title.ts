/** A step as the learner knows it: by its title in their language, not by the id the code uses. */
import { loadStep } from "../content/lesson-content.js";
import { LabError } from "../errors.js";
import type { Lang } from "../i18n/lang.js";
import { LESSON_ID } from "../state/schema.js";
import { STEPS } from "./steps/index.js";

/** The step's title; an id no step has is said as it is. */
export function stepTitle(id: string, lang: Lang, lesson = LESSON_ID): string {
  return STEPS.some((s) => s.id === id) ? loadStep(lesson, id, lang).title : id;
}

/** "This needs the step … first" names the step by its title (the code that found it missing knows only the id). */
export function titledMissingStep(err: unknown, lang: Lang): unknown {
  if (!(err instanceof LabError) || err.key !== "error.missingStep" || typeof err.vars.step !== "string") return err;
  return new LabError(err.key, { ...err.vars, step: stepTitle(err.vars.step, lang) }, { source: err.source, lists: err.lists, ...(err.cause !== undefined ? { cause: err.cause } : {}) });
}
