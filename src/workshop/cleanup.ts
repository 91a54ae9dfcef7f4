/** Cleaning up a room: the lesson's own teardown for each participant, a few at a time (AWS's request rate limits). */
import { awsCode, errorMessage, LabError } from "../errors.js";
import { planTeardown, teardown, type PlannedDeletion } from "../lesson/teardown.js";
import { actAs, type Facilitator } from "./facilitator.js";
import { mapPool } from "./pool.js";
import { QuietHost } from "./quiet-host.js";
import type { ParticipantCloud } from "./room-read.js";

/** Participants cleaned up at once: each runs a handful of calls a second; EC2 allows far more. */
const CLEANUP_CONCURRENCY = 5;

export interface CleanupOutcome {
  prefix: string;
  /** What the room read showed for this participant before anything was deleted. */
  planned: PlannedDeletion[];
  /** Deleted and verified gone (empty when it failed). */
  removed: PlannedDeletion[];
  /** Why it could not finish: a message key with its values, or AWS's own code and message. */
  failure?: { key: string; vars: Record<string, string | number> };
}

function failureOf(e: unknown): NonNullable<CleanupOutcome["failure"]> {
  if (e instanceof LabError) return { key: e.key, vars: e.vars };
  const code = awsCode(e);
  if (code) return { key: "workshop.cleanup.awsFailed", vars: { code, message: errorMessage(e) } };
  return { key: "error.internal", vars: { message: errorMessage(e) } };
}

export interface CleanupOptions {
  /** Runs the work for one participant (the command holds their lock meanwhile). */
  actFor?: <T>(prefix: string, work: () => Promise<T>) => Promise<T>;
  /** Called as each participant finishes (for a progress line). */
  onDone?: (outcome: CleanupOutcome, done: number, total: number) => void;
}

export async function cleanupRoom(f: Facilitator, participants: ParticipantCloud[], options: CleanupOptions = {}): Promise<CleanupOutcome[]> {
  let done = 0;
  return mapPool(participants, CLEANUP_CONCURRENCY, async (p) => {
    const planned = planTeardown(p.view);
    const ctx = actAs(f, p.prefix, new QuietHost(f.lang));
    let outcome: CleanupOutcome;
    try {
      const { deleted: removed } = options.actFor ? await options.actFor(p.prefix, () => teardown(ctx)) : await teardown(ctx);
      outcome = { prefix: p.prefix, planned, removed };
    } catch (e) {
      outcome = { prefix: p.prefix, planned, removed: [], failure: failureOf(e) };
    }
    options.onDone?.(outcome, ++done, participants.length);
    return outcome;
  });
}
