/**
 * How long a learner usually spends on each step, AWS waits and reading included (minutes). A
 * participant past this on a step is flagged as possibly stuck: a hint for the facilitator to
 * walk over, not a verdict.
 */
import { STEPS } from "../lesson/steps/index.js";

export const USUAL_MINUTES: Record<string, number> = {
  preflight: 3,
  deploy: 12,
  tour: 5,
  "endpoint-service": 6,
  "interface-endpoint": 6,
  "allow-http": 5,
  accept: 5,
  curl: 6,
  review: 6,
  cleanup: 10,
};

/** The usual minutes from the start of step `from` to the end of step `to` (in lesson order). */
export function usualBetween(from: string, to: string): number {
  const ids = STEPS.map((s) => s.id);
  const a = ids.indexOf(from);
  const b = ids.indexOf(to);
  if (a < 0 || b < 0 || b < a) return USUAL_MINUTES[to] ?? 10;
  return ids.slice(a, b + 1).reduce((sum, id) => sum + (USUAL_MINUTES[id] ?? 10), 0);
}
