/** Where the learner is: detect every step in order against one read of the cloud. */
import type { CloudView } from "./cloud-view.js";
import type { LessonState } from "../state/schema.js";
import type { Detection, Step } from "./step.js";

export interface StepStatus {
  step: Step;
  detection: Detection;
  /** When a later step passed this one (`detection.passed`): what it detected itself, e.g. a quiz the progress file says was not taken. */
  own?: Detection;
}

/** Detects every step; steps before one that `supersedes` count as passed (e.g. during cleanup). */
export function detectAll(steps: Step[], view: CloudView, state: LessonState): StepStatus[] {
  const statuses = steps.map((step) => ({ step, detection: step.detect(view, state) }));
  const from = steps.findIndex((s) => s.supersedes?.(view, state) === true);
  if (from < 0) return statuses;
  return statuses.map((st, i) => (i < from && !st.detection.done ? { step: st.step, detection: { done: true, why: "detect.passed", passed: true }, own: st.detection } : st));
}

/** The first step not done is current; undefined when the lesson is complete. */
export function currentStep(statuses: StepStatus[]): StepStatus | undefined {
  return statuses.find((s) => !s.detection.done);
}

/** Steps `id` requires that are not done (so `step <id>` can refuse with a reason). */
export function missingBefore(statuses: StepStatus[], id: string): string[] {
  const index = statuses.findIndex((s) => s.step.id === id);
  if (index < 0) return [];
  const done = new Set(statuses.filter((s) => s.detection.done).map((s) => s.step.id));
  const needed = new Set<string>();
  const visit = (stepId: string) => {
    const st = statuses.find((s) => s.step.id === stepId);
    for (const r of st?.step.requires ?? []) {
      if (!done.has(r)) needed.add(r);
      visit(r);
    }
  };
  visit(id);
  return statuses.map((s) => s.step.id).filter((sid) => needed.has(sid));
}

/**
 * With the cloud cleaned up, the furthest step the progress file (a hint) says an unfinished learner reached (a concept
 * or note shown, or its mark); undefined when they finished or it shows no progress.
 */
export function stoppedAt(steps: Step[], state: LessonState): number | undefined {
  if (state.quiz?.score !== undefined || state.marks.review !== undefined) return undefined;
  const reached = new Set([...(state.taught ?? []).map((item) => item.split("/")[0]!), ...Object.keys(state.marks)]);
  const at = steps.reduce((far, step, i) => (step.id !== "cleanup" && reached.has(step.id) ? i : far), -1);
  return at >= 0 ? at : undefined;
}
