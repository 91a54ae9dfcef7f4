/** The quota checks: does one more learner (2 VPCs, 4 vCPUs, 1 NLB, endpoints) fit in this region? */
import { readCapacity, vcpuHolders, type VcpuHolder } from "./quota-read.js";
import { commandPlace, failure, result, type CheckResult, type PreflightTarget, type PreflightReads } from "./check.js";
import { increaseWords, type CapacityPlan, type QuotaLine } from "./quota-plan.js";
import { awsCommands, destroyCommand, type CommandPlace } from "../shell/lab-command.js";
import { participantOf } from "../participant.js";

/** Who fills the account: in the sandbox, which takes no increase, the other labs kept there; the other labs whose running instances hold vCPUs. */
interface Occupants {
  others?: string[];
  vcpuHolders: VcpuHolder[];
}

/** Is the account this process's sandbox (which takes no increase), and the lesson a fix's command names. */
interface Where {
  sandbox: boolean;
  place: CommandPlace;
}

/** What to request for a quota that does not fit, and the AWS CLI command that requests it (of the lesson's account: its profile, its endpoint; for the learner's shell). */
function increaseVars(l: QuotaLine, plan: CapacityPlan, place: CommandPlace): { desired: number; command: string } {
  const increase = plan.increases.find((i) => i.code === l.spec.code);
  return { desired: increase?.desired ?? l.used + l.needed, command: increase ? awsCommands([increaseWords(increase)], place) : "" };
}

/** The vCPU line when other labs' instances hold vCPUs: named, with the command that deletes one (and on AWS the increase). */
function vcpuHoldersResult(line: { l: QuotaLine; id: string; vars: Record<string, string | number> }, plan: CapacityPlan, holders: VcpuHolder[], where: Where): CheckResult {
  const vars = {
    ...line.vars,
    labs: holders.map((h) => h.prefix).join(", "),
    held: holders.reduce((n, h) => n + h.vcpus, 0),
    destroy: destroyCommand(where.place, holders[0]?.prefix ?? ""),
  };
  if (where.sandbox) return result(line.id, "quota", "fail", "doctor.quota.sandboxVcpusHeld", vars);
  return result(line.id, "quota", "fail", "doctor.quota.vcpusHeld", { ...vars, ...increaseVars(line.l, plan, where.place) });
}

function lineResult(l: QuotaLine, plan: CapacityPlan, where: Where, { others, vcpuHolders }: Occupants): CheckResult {
  const vars = { name: l.spec.name, code: l.spec.code, used: l.used, limit: l.limit.value, needed: l.needed };
  const id = `quota.${l.spec.id}`;
  if (l.ok) return result(id, "quota", "ok", l.spec.scope === "vpc" ? "doctor.quota.perVpcOk" : "doctor.quota.ok", vars);
  if (l.spec.id === "vcpus" && vcpuHolders.length > 0) return vcpuHoldersResult({ l, id, vars }, plan, vcpuHolders, where);
  if (others) {
    const [other] = others;
    const key = !other ? "doctor.quota.sandboxByHand" : l.spec.id === "vpcs" ? "doctor.quota.sandboxVpcsShort" : "doctor.quota.sandboxShort";
    return result(id, "quota", "fail", key, { ...vars, others: others.join(", "), destroy: other ? destroyCommand(where.place, other) : "" });
  }
  return result(id, "quota", "fail", l.spec.id === "vpcs" ? "doctor.quota.vpcsShort" : "doctor.quota.short", { ...vars, ...increaseVars(l, plan, where.place) });
}

export interface QuotaChecks {
  results: CheckResult[];
  plan?: CapacityPlan;
}

/** `learners`: how many more must fit (0 when this participant's resources exist: already counted). */
export async function checkQuotas(t: PreflightTarget, learners: number, reads: PreflightReads): Promise<QuotaChecks> {
  try {
    const plan = await readCapacity(t.clients, learners, reads);
    const sandbox = t.clients.sandbox !== undefined;
    const others = sandbox && !plan.fits ? await otherLabs(t, reads) : undefined;
    const vcpusShort = plan.lines.some((l) => l.spec.id === "vcpus" && !l.ok);
    const vcpuHeld = vcpusShort ? (await vcpuHolders(t.clients, reads)).labs.filter((h) => h.prefix !== t.prefix) : [];
    const results = plan.lines.map((l) => lineResult(l, plan, { sandbox, place: commandPlace(t) }, { ...(others ? { others } : {}), vcpuHolders: vcpuHeld }));
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
