/** The quota checks: does one more learner (2 VPCs, 4 vCPUs, 1 NLB, endpoints) fit in this region? */
import { readCapacity } from "./quota-read.js";
import { failure, result, type CheckResult, type PreflightTarget, type PreflightReads } from "./check.js";
import { increaseCommand, type CapacityPlan, type QuotaLine } from "./quota-plan.js";
import { destroyCommand } from "../interrupt-notice.js";
import { participantOf } from "../participant.js";

/** `others`: in the sandbox, which takes no increase, the other labs kept there (deleting one frees room). */
function lineResult(l: QuotaLine, plan: CapacityPlan, others: string[] | undefined): CheckResult {
  const vars = { name: l.spec.name, code: l.spec.code, used: l.used, limit: l.limit.value, needed: l.needed };
  const id = `quota.${l.spec.id}`;
  if (l.ok) return result(id, "quota", "ok", l.spec.scope === "vpc" ? "doctor.quota.perVpcOk" : "doctor.quota.ok", vars);
  if (others) {
    const [other] = others;
    const key = !other ? "doctor.quota.sandboxByHand" : l.spec.id === "vpcs" ? "doctor.quota.sandboxVpcsShort" : "doctor.quota.sandboxShort";
    return result(id, "quota", "fail", key, { ...vars, others: others.join(", "), destroy: other ? destroyCommand({ prefix: other, backend: "sandbox" }) : "" });
  }
  const increase = plan.increases.find((i) => i.code === l.spec.code);
  const more = { desired: increase?.desired ?? l.used + l.needed, command: increase ? increaseCommand(increase) : "" };
  return result(id, "quota", "fail", l.spec.id === "vpcs" ? "doctor.quota.vpcsShort" : "doctor.quota.short", { ...vars, ...more });
}

export interface QuotaChecks {
  results: CheckResult[];
  plan?: CapacityPlan;
}

/** `learners`: how many more must fit (0 when this participant's resources exist: already counted). */
export async function checkQuotas(t: PreflightTarget, learners: number, reads: PreflightReads): Promise<QuotaChecks> {
  try {
    const plan = await readCapacity(t.clients, learners, reads);
    const others = t.clients.sandbox && !plan.fits ? await otherLabs(t, reads) : undefined;
    const results = plan.lines.map((l) => lineResult(l, plan, others));
    const assumed = plan.lines.find((l) => l.limit.source === "assumed");
    if (assumed) results.push(result("quota.assumed", "quota", "warn", "doctor.quota.assumed", { reason: assumed.limit.reason ?? "?" }));
    return { results, plan };
  } catch (e) {
    return { results: [failure("quota", "quota", e, t)] };
  }
}

/** The other labs in this sandbox account: the participants its VPCs are tagged for. */
async function otherLabs(t: PreflightTarget, reads: PreflightReads): Promise<string[]> {
  const tagged = (await reads.vpcs()).map((v) => participantOf(v.Tags));
  return [...new Set(tagged.filter((p): p is string => p !== undefined && p !== t.prefix))].sort();
}
