/**
 * Has the cleanup begun, as the cloud shows it? Once it has, a rerun must go on deleting and never
 * build anything again, however the cleanup was started (the tool's step, `destroy`, or the
 * learner's own console clicks) and whatever happened to the progress file. The signs, any of:
 * - a stack of the participant is being deleted, or its deletion failed;
 * - CloudFormation lists a stack of theirs as deleted (and none was created again after it);
 * - the Provider's page came back through PrivateLink (Run Command history) and no endpoint is left,
 *   unless a break-and-fix challenge is recorded (progress file, or the Consumer instance's tags):
 *   then the missing endpoint is the challenge's (give-up replacing a rejected one), not a cleanup;
 * - the progress file says the tool began the teardown (a hint, for the moments before the cloud shows it).
 * Everything counts only after the last `--restart`.
 */
import type { CloudView } from "./cloud-view.js";
import type { LessonState } from "../state/schema.js";

const DELETING = /^(DELETE_IN_PROGRESS|DELETE_FAILED)$/;

function since(state: LessonState): number {
  const restart = state.marks.restart;
  return restart ? Date.parse(restart) : 0;
}

export function cleanupStarted(view: CloudView, state: LessonState): boolean {
  const from = since(state);
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
