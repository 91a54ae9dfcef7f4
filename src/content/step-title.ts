/** A step as the learner knows it: by its title in their language, not by the id the code uses. */
import { LabError, type ListEntry } from "../errors.js";
import type { Lang } from "../i18n/lang.js";
import { loadManifest, loadStep } from "./lesson-content.js";

/** The step's title; an id the lesson has no step for is said as it is. */
export function stepTitle(lesson: string, id: string, lang: Lang): string {
  return loadManifest(lesson).steps.some((s) => s.id === id) ? loadStep(lesson, id, lang).title : id;
}

/**
 * An error that names steps ("This needs the step … first", "Step … needs these steps first: …") names each by its
 * title: whatever threw it knows only ids. Every value called `step`, in the error's values and in its lists' entries,
 * is a step id by convention; an entry that also needs the id to type (`step <id>`) carries it as `id`.
 */
export function titledSteps(err: unknown, lesson: string, lang: Lang): unknown {
  if (!(err instanceof LabError)) return err;
  const titled = (vars: Record<string, string | number>) => (typeof vars.step === "string" ? { ...vars, step: stepTitle(lesson, vars.step, lang) } : vars);
  const lists = Object.fromEntries(Object.entries(err.lists).map(([k, entries]) => [k, entries.map((e): ListEntry => ({ key: e.key, vars: titled(e.vars) }))]));
  return new LabError(err.key, titled(err.vars), { source: err.source, lists, ...(err.cause !== undefined ? { cause: err.cause } : {}) });
}
