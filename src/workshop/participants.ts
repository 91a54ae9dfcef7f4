/**
 * The room's participants: one prefix each, valid (it names their stacks, NLB and IAM role) and unique (IAM role names
 * are global in the account). From a list (`alice,bob`) or numbered from a base (`team` → team-01, team-02, ...).
 */
import { LabError, type ListEntry } from "../errors.js";
import { prefixProblem } from "../participant.js";

/** `width`: the digits of each number (default: at least 2, more when the count has more). */
export function numbered(count: number, base: string, width = Math.max(2, String(count).length)): string[] {
  return Array.from({ length: count }, (_, i) => `${base}-${String(i + 1).padStart(width, "0")}`);
}

/** Checks every prefix and reports all problems at once, so one run fixes the whole list. */
export function checkPrefixes(prefixes: string[]): string[] {
  const problems: ListEntry[] = [];
  const seen = new Set<string>();
  for (const p of prefixes) {
    const problem = prefixProblem(p) ?? (seen.has(p) ? "duplicate" : undefined);
    // Said at the edge in the facilitator's language: the prefix and a short reason (`team (too short)`).
    if (problem) problems.push({ key: `prefixReason.${problem}`, vars: { prefix: p } });
    seen.add(p);
  }
  if (prefixes.length === 0) throw new LabError("workshop.usage.noParticipants");
  if (problems.length > 0) throw new LabError("workshop.usage.badPrefixes", {}, { lists: { problems } });
  return prefixes;
}

/** A number option from `min` to `max` (`whole`: whole numbers only), else a usage error naming the option. */
export function numberOption(text: string, option: string, min: number, max: number, whole = false): number {
  const n = Number(text);
  // The message says the range: whole numbers, numbers above 0 (min: Number.MIN_VALUE), or any number from min.
  const key = whole ? "edges.usage.badWhole" : min === Number.MIN_VALUE ? "edges.usage.badPositive" : "workshop.usage.badNumber";
  if (!(whole ? Number.isInteger(n) : Number.isFinite(n)) || n < min || n > max) throw new LabError(key, { option, value: text, min, max });
  return n;
}

/** `--participants N` (plan, rehearse): how many learners, which must be said. */
export function participantCount(text: string | undefined): number {
  if (text === undefined) throw new LabError("workshop.usage.noParticipants");
  return numberOption(text, "--participants", 1, 500, true);
}

export interface PeopleOptions {
  participants?: string;
  count?: string;
  prefixBase?: string;
}

/** The digits of the numbered seats `<base>-NN` a room already has (so a later --count goes on in the same style). */
function numberWidth(existing: readonly string[], base: string): number | undefined {
  const digits = existing.map((p) => (p.startsWith(`${base}-`) ? p.slice(base.length + 1) : "")).find((rest) => /^\d+$/.test(rest));
  return digits?.length;
}

/**
 * `--participants alice,bob` or `--count N --prefix-base team` (not both: which one was meant is not for us to guess).
 * `existing`: the room's prefixes, whose numbering a --count continues.
 */
export function participantList(opts: PeopleOptions, existing: readonly string[] = []): string[] {
  if (opts.participants !== undefined && opts.count !== undefined) throw new LabError("workshop.usage.namesOrCount");
  if (opts.participants !== undefined) {
    const names = opts.participants.split(/[\s,]+/).map((p) => p.trim()).filter(Boolean);
    // `--participants 20`: a count given where names go (plan and rehearse take it so).
    if (names.length === 1 && /^\d+$/.test(names[0]!)) throw new LabError("workshop.usage.namesNotCount", { n: names[0]! });
    if (names.length === 0) throw new LabError("workshop.usage.noRoomParticipants");
    return checkPrefixes(names);
  }
  if (opts.count === undefined) throw new LabError("workshop.usage.noRoomParticipants");
  const base = opts.prefixBase ?? "team";
  const count = numberOption(opts.count, "--count", 1, 500, true);
  return checkPrefixes(numbered(count, base, numberWidth(existing, base)));
}

/** The participants named on this run, if any were (`--participants` or `--count`). */
export function askedParticipants(opts: PeopleOptions, existing: readonly string[] = []): string[] | undefined {
  return opts.participants !== undefined || opts.count !== undefined ? participantList(opts, existing) : undefined;
}
