/** A step as the learner knows it: by its title in their language, not by the id the code uses. */
import { LabError } from "../errors.js";
import type { Lang } from "../i18n/lang.js";
import { loadManifest, loadStep } from "./lesson-content.js";

/** The step's title; an id the lesson has no step for is said as it is. */
export function stepTitle(lesson: string, id: string, lang: Lang): string {
  return loadManifest(lesson).steps.some((s) => s.id === id) ? loadStep(lesson, id, lang).title : id;
}

/** "This needs the step … first" names the step by its title (the code that found it missing knows only the id). */
export function titledMissingStep(err: unknown, lesson: string, lang: Lang): unknown {
  if (!(err instanceof LabError) || err.key !== "error.missingStep" || typeof err.vars.step !== "string") return err;
  return new LabError(err.key, { ...err.vars, step: stepTitle(lesson, err.vars.step, lang) }, { source: err.source, lists: err.lists, ...(err.cause !== undefined ? { cause: err.cause } : {}) });
}
