/** Every preflight check: identity → region → AZ → AMI → names → quotas → permissions; stops early if identity or region fail. */
import { checkAmi, checkIdentity, checkRegion, checkZone, type AccountFacts } from "./account.js";
import { preflightReads, type CheckResult, type PreflightTarget } from "./check.js";
import { checkNames } from "./names.js";
import { checkPermissions } from "./permissions.js";
import type { CapacityPlan } from "./quota-plan.js";
import { checkQuotas } from "./quotas.js";

export interface PreflightReport {
  results: CheckResult[];
  facts: AccountFacts;
  capacity?: CapacityPlan;
  /** This participant's resources already exist (a resumed lesson). */
  resumed: boolean;
}

export function failures(report: PreflightReport): CheckResult[] {
  return report.results.filter((r) => r.status === "fail");
}

export async function runPreflight(t: PreflightTarget): Promise<PreflightReport> {
  const facts: AccountFacts = {};
  const results: CheckResult[] = [];
  const reads = preflightReads(t.clients);
  const report = (extra: Partial<PreflightReport> = {}): PreflightReport => ({ results, facts, resumed: false, ...extra });
  for (const check of [() => checkIdentity(t, facts), () => checkRegion(t, reads)]) {
    const r = await check();
    results.push(r);
    if (r.status === "fail") return report();
  }
  results.push(await checkZone(t, facts, reads), await checkAmi(t, facts));
  const names = await checkNames(t, reads);
  results.push(...names.results);
  const quotas = await checkQuotas(t, names.resumed ? 0 : 1, reads);
  results.push(...quotas.results);
  results.push(...(await checkPermissions(t, facts.ami, reads)));
  return report({ resumed: names.resumed, ...(quotas.plan ? { capacity: quotas.plan } : {}) });
}
