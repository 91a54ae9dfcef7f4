/** How the room looks on a terminal (flagged learners first) and in CSV. Pure: status and translator in, text out. */
import { loadStep } from "../content/lesson-content.js";
import type { Lang } from "../i18n/lang.js";
import type { Translate } from "../i18n/messages.js";
import { STEPS } from "../lesson/steps/index.js";
import { displayWidth, truncate } from "../ui/text-width.js";
import type { ParticipantProgress } from "./participant-progress.js";
import type { Signal } from "../ui/event-schema.js";
import type { RoomStatus } from "./room-status.js";

export function signalText(s: Signal, t: Translate): string {
  switch (s.kind) {
    case "slow":
      return t("workshop.signal.slow", { minutes: s.minutes, usual: s.usual });
    case "stack-failed":
      return t("workshop.signal.stackFailed", { stack: s.stack, status: s.status });
    case "endpoint-rejected":
      return t("workshop.signal.rejected", { id: s.id, state: s.state });
  }
}

const TITLE_COLUMNS = 30;
/** What a table leaves at least for its last column (the signals) before it puts them under the row (ui/render-event.ts, live-screen.ts). */
export const REASON_COLUMNS = 16;

/** A seat not on a step: its mark and words (`- not started`, `✔ finished, cleaned up`, `✕ lab deleted at step 4`). */
export function seatText(p: Pick<ParticipantProgress, "phase" | "deletion"> & { stepIndex: number | null }, t: Translate): [string, string] | undefined {
  if (p.phase === "not-started") return ["-", t("roster.notStarted")];
  if (p.phase === "cleaned-up" && p.deletion === "after-finish") return ["✔", t("labDeletion.afterFinish")];
  if (p.phase === "cleaned-up" && p.deletion === "midway") return ["✕", p.stepIndex !== null && STEPS[p.stepIndex]?.id !== "cleanup" ? t("labDeletion.midwayAt", { n: p.stepIndex }) : t("labDeletion.midway")];
  if (p.phase === "cleaned-up") return ["✕", t("roster.cleanedUp")];
  if (p.phase === "finished") return ["✔", t("workshop.status.finished")];
  return undefined;
}

/** `4/9 Consumer side: create an…`: the step's number and its title, cut to `titleColumns` (default: a narrow table's). */
export function stepText(p: ParticipantProgress, t: Translate, lang: Lang, titleColumns = TITLE_COLUMNS): string {
  const seat = seatText(p, t);
  if (seat) return seat.join(" ");
  const title = loadStep("privatelink", p.step, lang).title;
  return `${p.stepIndex}/${STEPS.length - 1} ${truncate(title, titleColumns)}`;
}

/** A step title's columns on a `columns`-wide terminal: what the other columns leave, at least a narrow table's. */
function titleRoom(rows: string[][], columns: number): number {
  const widest = (i: number) => Math.max(...rows.map((r) => displayWidth(r[i] ?? "")));
  const last = rows[0]!.length - 1;
  const others = rows[0]!.slice(0, last).reduce((sum, _, i) => (i === 1 ? sum : sum + widest(i) + 2), 0);
  // The signals wrap under their column: it keeps room for their longest word (a stack name is not broken).
  const words = rows.slice(1).flatMap((r) => (r[last] ?? "").split(" ").filter(Boolean));
  const reasons = words.length > 0 ? Math.max(REASON_COLUMNS, ...words.map(displayWidth)) : 0;
  // The table's indent (2), the step column's gap (2), the step's number ("9/9 ").
  return Math.max(TITLE_COLUMNS, columns - 2 - others - 2 - reasons - displayWidth(`${STEPS.length - 1}/${STEPS.length - 1} `));
}

/** `12m`, `1h05m`, `<1m`; `≈` when the start was inferred, not seen. */
function onStepText(p: ParticipantProgress): string {
  if (p.minutesOnStep === undefined) return "-";
  const m = Math.floor(p.minutesOnStep);
  const text = m < 1 ? "<1m" : m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m` : `${m}m`;
  return (p.observed ? "" : "≈") + text;
}

/** Learners with a signal first, then the furthest behind, then by prefix (the table and the room page). */
export function tableOrder<P extends Pick<ParticipantProgress, "finished" | "prefix"> & { stepIndex: number | null; signals: readonly unknown[] }>(participants: readonly P[]): P[] {
  return [...participants].sort(
    (a, b) =>
      Number(b.signals.length > 0) - Number(a.signals.length > 0) ||
      Number(a.finished) - Number(b.finished) ||
      (a.stepIndex ?? -1) - (b.stepIndex ?? -1) ||
      a.prefix.localeCompare(b.prefix),
  );
}

export const CHALLENGE_MARK: Record<string, string> = { broken: "✖", fixed: "✔", "given-up": "○" };

/** `wrong-number ✔ fixed`: the learner's challenge and whether they fixed it. */
function challengeText(p: ParticipantProgress, t: Translate): string {
  if (!p.challenge) return "-";
  return `${p.challenge.id} ${CHALLENGE_MARK[p.challenge.state] ?? ""} ${t(`workshop.challenge.state.${p.challenge.state}`)}`;
}

const withChallenges = (status: RoomStatus): boolean => status.participants.some((p) => p.challenge !== undefined);
/** Some seat was joined from more than one computer: the table says how many each. */
const sharedSeats = (status: RoomStatus): boolean => Object.values(status.computers ?? {}).some((n) => n > 1);

/** `2 computers ⚠`: a seat joined from more than one computer stands out (`-`: not joined yet). */
function computersText(n: number, t: Translate): string {
  return n > 1 ? t("workshop.status.computers", { n }) : n === 1 ? t("workshop.status.computer") : "-";
}

/** The table's rows, its step titles as whole as `width` (the terminal's columns) allows. */
export function statusRows(status: RoomStatus, t: Translate, lang: Lang, width = 80): string[][] {
  // Signals last: on a narrow terminal only they are cut. The challenge column appears once one runs.
  const challenges = withChallenges(status);
  const shared = sharedSeats(status);
  // The sandbox bills nothing: no cost columns.
  const billed = status.backend === "aws";
  const columns = ["participant", "step", "onStep", ...(billed ? ["perHour", "soFar"] : []), ...(challenges ? ["challenge"] : []), ...(shared ? ["computers"] : []), "signals"];
  const header = columns.map((c) => t(`workshop.status.col.${c}`));
  const ordered = tableOrder(status.participants);
  const rows = ordered.map((p) => [
    (p.signals.length > 0 ? "! " : "  ") + p.prefix,
    "",
    onStepText(p),
    ...(billed ? [`$${p.perHourUsd.toFixed(3)}`, `$${p.costSoFarUsd.toFixed(2)}`] : []),
    ...(challenges ? [challengeText(p, t)] : []),
    ...(shared ? [computersText(status.computers?.[p.prefix] ?? 0, t)] : []),
    p.signals.map((s) => signalText(s, t)).join("; "),
  ]);
  // The step's title as whole as the terminal's width allows, once the other columns are known.
  const titles = titleRoom([header, ...rows], width);
  rows.forEach((r, i) => (r[1] = stepText(ordered[i]!, t, lang, titles)));
  return [header, ...rows];
}

/** Each seat's step as the status table at this width words it (rehearse says the room in the same words). */
export function stepColumn(status: RoomStatus, t: Translate, lang: Lang, width = 80): Map<string, string> {
  const [, ...rows] = statusRows(status, t, lang, width);
  return new Map(tableOrder(status.participants).map((p, i) => [p.prefix, rows[i]![1]!]));
}

/** The totals line (the terminal and the room page): in the sandbox, that nothing is billed instead of a cost. */
export function statusSummary(status: Pick<RoomStatus, "totals" | "region" | "backend">, t: Translate): string {
  const { totals } = status;
  return t(status.backend === "aws" ? "roster.summary" : "roster.summarySandbox", {
    n: totals.participants,
    notStarted: totals.notStarted,
    finished: totals.finished,
    flagged: totals.flagged,
    perHour: totals.perHourUsd.toFixed(3),
    soFar: totals.costSoFarUsd.toFixed(2),
    region: status.region,
  });
}

function csvCell(value: string | number | boolean | undefined): string {
  const text = value === undefined ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_COLUMNS = ["participant", "phase", "step_index", "step", "finished", "state", "on_step_minutes", "on_step_observed", "signals", "per_hour_usd", "cost_so_far_usd", "read_at", "deletion", "state_id"];

export function statusCsv(status: RoomStatus, t: Translate): string {
  const at = new Date(status.at).toISOString();
  const challenges = withChallenges(status);
  const lines = status.participants.map((p) =>
    [
      p.prefix,
      p.phase,
      // A seat not started is on no step.
      p.phase === "not-started" ? undefined : p.stepIndex,
      p.phase === "not-started" ? undefined : p.step,
      p.finished,
      t(p.why, p.whyVars),
      p.minutesOnStep === undefined ? undefined : p.minutesOnStep.toFixed(1),
      p.observed,
      p.signals.map((s) => s.kind).join(";"),
      p.perHourUsd.toFixed(4),
      p.costSoFarUsd.toFixed(2),
      at,
      p.deletion,
      p.why,
      ...(challenges ? [p.challenge?.id, p.challenge?.state] : []),
      ...(status.computers ? [status.computers[p.prefix] ?? 0] : []),
    ]
      .map(csvCell)
      .join(","),
  );
  const header = [...CSV_COLUMNS, ...(challenges ? ["challenge", "challenge_state"] : []), ...(status.computers ? ["computers"] : [])];
  return [header.join(","), ...lines].join("\n") + "\n";
}
