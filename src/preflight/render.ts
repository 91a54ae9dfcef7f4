/** Preflight results as data: the sentence and, under a failure, its fix (the key's `.hint`). */
import type { Translate } from "../i18n/messages.js";
import type { CheckReport } from "../ui/io-host.js";
import type { CheckGroup, CheckResult } from "./check.js";

/** Results as data (the `checks` event): what a script reads, what a terminal shows as rows. */
export function checkReports(results: CheckResult[], t: Translate, groups?: CheckGroup[]): CheckReport[] {
  return results
    .filter((r) => !groups || groups.includes(r.group))
    .map((r) => {
      // A key with no `.hint` text comes back as the key itself: no fix.
      const hint = r.status === "ok" ? undefined : t(`${r.key}.hint`, r.vars);
      const fix = hint === `${r.key}.hint` ? undefined : hint;
      return { id: r.id, group: r.group, status: r.status, key: r.key, text: t(r.key, r.vars), ...(fix ? { fix } : {}) };
    });
}
