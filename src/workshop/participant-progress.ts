/**
 * Where one learner is, by the lesson's own `detect()` over their view of the cloud: step, time on it, what looks
 * stuck, cost. Steps that leave no trace (preflight, tour, review) cannot be seen: a learner is shown on the first
 * step the cloud can tell is not done, and as finished once every such step is done.
 */
import { ourEndpoint } from "../lesson/cloud-view.js";
import { costPerHour, inventoryOf, spentSince } from "../lesson/pricing.js";
import { detectAll } from "../lesson/progress.js";
import { detectionVars } from "../lesson/step.js";
import { isEmpty } from "../lesson/teardown.js";
import { STEPS } from "../lesson/steps/index.js";
import { freshState, type LessonState } from "../state/schema.js";
import type { ChallengeMark } from "../challenge-mark.js";
import type { Signal } from "../ui/event-schema.js";
import type { ParticipantCloud } from "./room-read.js";

/**
 * Where a seat is: nothing in the cloud yet, on a step, done, or its lab deleted (both stacks, nothing left). Deleted
 * is not finished: `workshop cleanup` deletes a lab half-way as the last step deletes a done one (see `Deletion`).
 */
export type Phase = "not-started" | "on-step" | "finished" | "cleaned-up";

/**
 * How a deleted lab ended: `after-finish` when its curl through the endpoint had brought back the Provider's page (Run
 * Command's history, found by the terminated instance AWS lists an hour) or this watch saw it finished; `midway` when
 * the instance is listed with no such curl or this watch saw it on an earlier step; `unknown` when neither is left.
 */
export type Deletion = "after-finish" | "midway" | "unknown";

/** Where the cloud shows a learner. */
interface Position {
  phase: Phase;
  /** The step the learner is on, as far as the cloud shows (the last one when finished). */
  step: string;
  /** Every step the cloud can show is done (the quiz may still be going on). */
  finished: boolean;
  /** Why, as the step's detect() says it (a message key and its values). */
  why: string;
  whyVars: Record<string, string>;
  /** The cloud's latest trace before or on this step, and which step left it. */
  anchor?: { at: number; from: string };
  /** A deleted lab (`cleaned-up`): how it ended; `step` is where it was deleted when `midway` and known. */
  deletion?: Deletion;
}

export interface ParticipantProgress extends Omit<Position, "anchor"> {
  prefix: string;
  stepIndex: number;
  /** ms epoch since when they are on the step; undefined when the cloud shows no time. */
  since?: number;
  /** `since` was seen by this watch (the step changed while watching), not inferred. */
  observed: boolean;
  minutesOnStep?: number;
  signals: Signal[];
  perHourUsd: number;
  costSoFarUsd: number;
  /** The challenge the learner is on (`workshop challenge --all`), and whether they fixed it. */
  challenge?: ChallengeMark;
}

/**
 * The minutes a learner usually spends on each step, AWS waits and reading included. Past this a participant is flagged
 * as possibly stuck: a hint for the facilitator to walk over, not a verdict.
 */
const USUAL_MINUTES: Record<string, number> = {
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
function usualBetween(from: string, to: string): number {
  const ids = STEPS.map((s) => s.id);
  const a = ids.indexOf(from);
  const b = ids.indexOf(to);
  if (a < 0 || b < 0 || b < a) return USUAL_MINUTES[to] ?? 10;
  return ids.slice(a, b + 1).reduce((sum, id) => sum + (USUAL_MINUTES[id] ?? 10), 0);
}

const FAILED_STACK = /(ROLLBACK_COMPLETE|ROLLBACK_FAILED|CREATE_FAILED|DELETE_FAILED)$/;

function position(p: ParticipantCloud, state: LessonState): Position {
  const stacks = [p.view.consumer, p.view.provider];
  // Nothing left: a seat never used, or a lab deleted (CloudFormation lists deleted stacks for 90 days), finished or not.
  if (isEmpty(p.view)) {
    const deleted = p.view.deletedStacks[0];
    if (!deleted) return { phase: "not-started", step: "deploy", finished: false, why: "roster.why.notStarted", whyVars: {} };
    const deletion = p.view.curls.some((c) => c.verdict.ok) ? "after-finish" : p.deletedInstance ? "midway" : "unknown";
    return { phase: "cleaned-up", step: "cleanup", finished: false, why: "roster.why.cleanedUp", whyVars: {}, anchor: { at: deleted.deletedAt, from: "cleanup" }, deletion };
  }
  if (stacks.some((s) => s?.status.startsWith("DELETE_"))) {
    const failed = stacks.find((s) => s?.status === "DELETE_FAILED");
    return {
      phase: "on-step",
      step: "cleanup",
      finished: false,
      why: "workshop.why.deleting",
      whyVars: { status: (failed ?? stacks.find((s) => s))?.status ?? "" },
      ...(p.deletingAt ? { anchor: { at: p.deletingAt, from: "cleanup" } } : {}),
    };
  }
  const statuses = detectAll(STEPS, p.view, state);
  const cur = statuses.find((s) => !s.step.traceless && !s.detection.done);
  const finished = !cur || cur.step.id === "cleanup";
  const shown = finished ? [...statuses].reverse().find((s) => !s.step.traceless && s.detection.done && s.step.id !== "cleanup") : cur;
  const step = shown?.step.id ?? "deploy";
  const index = STEPS.findIndex((s) => s.id === step);
  const afterEndpoint = index >= STEPS.findIndex((s) => s.id === "interface-endpoint");
  const anchor =
    p.endpointAt !== undefined && afterEndpoint
      ? { at: p.endpointAt, from: "interface-endpoint" }
      : p.firstStackAt !== undefined
        ? { at: step === "deploy" ? p.firstStackAt : (p.lastStackAt ?? p.firstStackAt), from: "deploy" }
        : undefined;
  return { phase: finished ? "finished" : "on-step", step, finished, why: shown?.detection.why ?? "detect.deploy.todo", whyVars: shown ? detectionVars(shown.detection, { state: { backend: state.backend, prefix: state.prefix } }) : {}, ...(anchor ? { anchor } : {}) };
}

function problems(p: ParticipantCloud): Signal[] {
  const out: Signal[] = [];
  for (const s of [p.view.consumer, p.view.provider]) {
    if (s && FAILED_STACK.test(s.status)) out.push({ kind: "stack-failed", stack: s.name, status: s.status, ...(s.reason ? { reason: s.reason } : {}) });
  }
  const rejected = p.view.endpoints.find((e) => /^(rejected|failed)$/i.test(e.state));
  if (rejected && !ourEndpoint(p.view)) out.push({ kind: "endpoint-rejected", id: rejected.id, state: rejected.state });
  return out;
}

/** Remembers each learner's step between refreshes, so a change seen while watching gives an exact time. */
export class StepMemory {
  private readonly seen = new Map<string, { step: string; since?: number }>();
  /** The last step each lab was seen on while it stood (not being deleted), and whether it was finished. */
  readonly standing = new Map<string, { step: string; finished: boolean }>();

  /** The observed start of `step` for `prefix`, if this watch saw the step change. */
  observe(prefix: string, step: string, at: number): number | undefined {
    const before = this.seen.get(prefix);
    if (before?.step !== step) this.seen.set(prefix, before ? { step, since: at } : { step });
    return this.seen.get(prefix)?.since;
  }
}

export function progressOf(p: ParticipantCloud, at: number, region: string, backend: "aws" | "sandbox", memory?: StepMemory): ParticipantProgress {
  // A participant's state as the facilitator sees it: nothing but the cloud (and what this watch saw of it).
  const { anchor, ...pos } = endingSeen(p.prefix, position(p, freshState(p.prefix, region, backend)), memory);
  const observed = memory?.observe(p.prefix, `${pos.step}:${pos.finished}`, at);
  const since = observed ?? anchor?.at;
  const minutesOnStep = since !== undefined ? Math.max(0, (at - since) / 60_000) : undefined;
  const signals = problems(p);
  const budget = observed !== undefined ? usualBetween(pos.step, pos.step) : anchor ? usualBetween(anchor.from, pos.step) : undefined;
  // Whole minutes, as the On step column and the page count them (never "≈40m" beside "41 min on it", nor "16 (usual 16)").
  const whole = minutesOnStep === undefined ? undefined : Math.floor(minutesOnStep);
  if (pos.phase === "on-step" && whole !== undefined && budget !== undefined && whole > budget && signals.length === 0) {
    signals.push({ kind: "slow", minutes: whole, usual: budget });
  }
  // The sandbox bills nothing: no cost, rather than what AWS would charge.
  const cost = backend === "sandbox" ? undefined : costPerHour(region, inventoryOf(p.view));
  // Counted as the lesson counts its own: each endpoint from when AWS made it, one being deleted with its hours.
  const so = cost && p.firstStackAt !== undefined ? spentSince(region, p.view, p.firstStackAt, at) : undefined;
  return {
    prefix: p.prefix,
    ...pos,
    stepIndex: STEPS.findIndex((s) => s.id === pos.step),
    ...(since !== undefined ? { since } : {}),
    observed: observed !== undefined,
    ...(minutesOnStep !== undefined ? { minutesOnStep } : {}),
    signals,
    perHourUsd: cost?.perHourUsd ?? 0,
    costSoFarUsd: so?.usd ?? 0,
    ...(p.challenge ? { challenge: p.challenge } : {}),
  };
}

/** What this watch saw of a lab before it was deleted settles how it ended, when the cloud no longer can; a finished one counts as finished. */
function endingSeen(prefix: string, pos: Position, memory: StepMemory | undefined): Position {
  if (pos.phase === "on-step" && pos.step === "cleanup") return pos;
  if (pos.phase !== "cleaned-up") {
    if (pos.phase !== "not-started") memory?.standing.set(prefix, { step: pos.step, finished: pos.finished });
    return pos;
  }
  const seen = memory?.standing.get(prefix);
  if (pos.deletion === "after-finish" || seen?.finished) return { ...pos, finished: true, why: "labDeletion.why.afterFinish", deletion: "after-finish" };
  if (seen) return { ...pos, step: seen.step, why: "labDeletion.why.midwayAt", whyVars: { n: String(STEPS.findIndex((s) => s.id === seen.step)) }, deletion: "midway" };
  return pos.deletion === "midway" ? { ...pos, why: "labDeletion.why.midway" } : pos;
}
