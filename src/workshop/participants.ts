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

export function parseCount(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new LabError("workshop.usage.badNumber", { option, value: text });
  return n;
}

export function parseHours(text: string | undefined): number {
  if (text === undefined) return 3;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > 240) throw new LabError("workshop.usage.badNumber", { option: "--hours", value: text });
  return n;
}

/** `--participants alice,bob` or `--count N --prefix-base team`. */
export function participantList(opts: { participants?: string; count?: string; prefixBase?: string }): string[] {
  if (opts.participants !== undefined) {
    return checkPrefixes(opts.participants.split(/[\s,]+/).map((p) => p.trim()).filter(Boolean));
  }
  const count = parseCount(opts.count, "--count");
  if (count === undefined) throw new LabError("workshop.usage.noParticipants");
  return checkPrefixes(numbered(count, opts.prefixBase ?? "team"));
}

/** The participants named on this run, if any were (`--participants` or `--count`). */
export function askedParticipants(opts: { participants?: string; count?: string; prefixBase?: string }): string[] | undefined {
  return opts.participants !== undefined || opts.count !== undefined ? participantList(opts) : undefined;
}
