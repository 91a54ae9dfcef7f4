/**
 * The room's participants: one prefix each, valid (it names their stacks, NLB and IAM role, see
 * `src/participant.ts`) and unique (IAM role names are global in the account). From a list
 * (`alice,bob`) or numbered from a base (`team` → team-01, team-02, ...).
 */
import { LabError } from "../errors.js";
import { prefixProblem } from "../participant.js";

export function numbered(count: number, base: string): string[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => `${base}-${String(i + 1).padStart(width, "0")}`);
}

/** Checks every prefix and reports all problems at once, so one run fixes the whole list. */
export function checkPrefixes(prefixes: string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const p of prefixes) {
    const problem = prefixProblem(p);
    if (problem) problems.push(`${p} (${problem})`);
    else if (seen.has(p)) problems.push(`${p} (duplicate)`);
    seen.add(p);
  }
  if (prefixes.length === 0) throw new LabError("workshop.usage.noParticipants");
  if (problems.length > 0) throw new LabError("workshop.usage.badPrefixes", { problems: problems.join(", ") });
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

/** `--participants alice,bob` or `--count N --prefix-base team`. */
export function participantList(opts: { participants?: string; count?: string; prefixBase?: string }): string[] {
  if (opts.participants !== undefined) {
    return checkPrefixes(opts.participants.split(/[\s,]+/).map((p) => p.trim()).filter(Boolean));
  }
  if (opts.count === undefined) throw new LabError("workshop.usage.noParticipants");
  return checkPrefixes(numbered(numberOption(opts.count, "--count", 1, 500, true), opts.prefixBase ?? "team"));
}

/** The participants named on this run, if any were (`--participants` or `--count`). */
export function askedParticipants(opts: { participants?: string; count?: string; prefixBase?: string }): string[] | undefined {
  return opts.participants !== undefined || opts.count !== undefined ? participantList(opts) : undefined;
}
