/**
 * Has the cleanup begun (by the step, `destroy` or the console)? Then a rerun goes on deleting and never builds again.
 * Signs, after the last `--restart`: a stack of theirs deleting or DELETE_FAILED; a stack of theirs listed deleted (and
 * none made since); the Provider's page came back and no endpoint is left, unless a challenge is recorded (then the
 * missing endpoint is the challenge's); the progress file's mark (for the moments before the cloud shows it).
 */
import type { CloudView } from "./cloud-view.js";
import type { LessonState } from "../state/schema.js";

const DELETING = /^(DELETE_IN_PROGRESS|DELETE_FAILED)$/;

export function cleanupStarted(view: CloudView, state: LessonState): boolean {
  const restart = state.marks.restart;
  const from = restart ? Date.parse(restart) : 0;
  const live = [view.consumer, view.provider].filter((s) => s !== undefined);
  if (live.some((s) => DELETING.test(s.status))) return true;
  const newest = Math.max(0, ...live.map((s) => s.createdAt ?? 0));
  if (view.deletedStacks.some((d) => d.deletedAt > from && d.deletedAt > newest)) return true;
  const curled = view.curls.some((c) => c.verdict.ok && c.at > from);
  // A rejected or failed endpoint still exists (e.g. a challenge broke it): only a deleted one counts.
  const endpointLeft = view.endpoints.some((e) => !/^(deleting|deleted)$/i.test(e.state));
  const challenge = state.challenges.active !== undefined || view.consumerInstance?.challenge?.state === "broken";
  if (curled && view.consumer && !endpointLeft && !challenge) return true;
  const marked = state.marks.cleanupStarted;
  return marked !== undefined && Date.parse(marked) >= from;
}
