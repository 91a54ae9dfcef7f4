/** Preflight results as table rows: a mark, the group, the sentence, and the fix under a failure. */
import type { Translate } from "../i18n/messages.js";
import type { CheckGroup, CheckResult } from "./check.js";

const MARK = { ok: "✔", warn: "!", fail: "✖" } as const;

/** The fix for a result (its key's `.hint`), when there is one. */
export function fixOf(r: CheckResult, t: Translate): string | undefined {
  const key = `${r.key}.hint`;
  const hint = t(key, r.vars);
  return hint === key ? undefined : hint;
}

export function checkRows(results: CheckResult[], t: Translate, groups?: CheckGroup[]): string[][] {
  const rows: string[][] = [];
  for (const r of results) {
    if (groups && !groups.includes(r.group)) continue;
    rows.push([MARK[r.status], t(`doctor.group.${r.group}`), t(r.key, r.vars)]);
    const fix = r.status === "ok" ? undefined : fixOf(r, t);
    if (fix) rows.push(["", "", `→ ${fix}`]);
  }
  return rows;
}
