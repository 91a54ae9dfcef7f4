/**
 * A deploy the vCPU quota stopped (VcpuLimitExceeded), said with the labs whose running instances hold the vCPUs, read
 * from the account: in the sandbox, which takes no increase, waiting for them or deleting one; on AWS, deleting one or the
 * increase to request. No other lab holds any: the stack's failure as CloudFormation said it.
 */
import { isSaidFailure, LabError, type ListEntry } from "../errors.js";
import { awsCommands, continueCommand, destroyCommand } from "../shell/lab-command.js";
import { increaseWords, VCPU_QUOTA } from "../preflight/quota-plan.js";
import { readLimit, vcpuHolders, type VcpuHolder } from "../preflight/quota-read.js";
import { freeHere, type LessonContext } from "./context.js";

const VCPU_LIMIT = /VcpuLimitExceeded/;

function holderEntries(ctx: LessonContext, others: VcpuHolder[]): { labs: ListEntry[]; destroys: ListEntry[] } {
  return {
    labs: others.map((h) => ({ key: "error.vcpuShort.lab", vars: { prefix: h.prefix, vcpus: h.vcpus, stacks: h.stacks.join(", ") || "-" } })),
    destroys: others.map((h) => ({ key: "error.vcpuShort.destroy", vars: { command: destroyCommand(ctx, h.prefix) } })),
  };
}

/** `failure` (the deploy's `error.stackFailed`) said with the labs that hold the vCPUs, when the vCPU quota caused it. */
export async function explainVcpuShortage(ctx: LessonContext, failure: LabError): Promise<LabError> {
  if (failure.key !== "error.stackFailed" || !VCPU_LIMIT.test(String(failure.vars.reason ?? ""))) return failure;
  // Reads that fail (AWS refuses, no answer) leave the failure as CloudFormation said it.
  const read = await Promise.all([vcpuHolders(ctx.clients), readLimit(ctx.clients, VCPU_QUOTA)]).catch((e: unknown) => {
    if (isSaidFailure(e)) return undefined;
    throw e;
  });
  if (!read) return failure;
  const [{ total, labs }, limit] = read;
  const others = labs.filter((h) => h.prefix !== ctx.state.prefix);
  if (others.length === 0) return failure;
  const { labs: holders, destroys } = holderEntries(ctx, others);
  const stack = failure.vars.stack ?? "";
  const vcpus = others.reduce((n, h) => n + h.vcpus, 0);
  const again = continueCommand(ctx);
  if (freeHere(ctx)) {
    return new LabError("error.vcpuShort.sandbox", { stack, code: VCPU_QUOTA.code, limit: limit.value, held: vcpus, again }, { lists: { labs: holders, destroys }, cause: failure });
  }
  const own = labs.find((h) => h.prefix === ctx.state.prefix)?.vcpus ?? 0;
  const desired = total - own + VCPU_QUOTA.perLearner;
  // For the lesson's account (its profile, its endpoint), as its other commands are.
  const command = awsCommands([increaseWords({ ...VCPU_QUOTA, current: limit.value, desired })], ctx);
  const region = ctx.state.region;
  return new LabError("error.vcpuShort.aws", { stack, code: VCPU_QUOTA.code, limit: limit.value, held: vcpus, again, region, desired, command }, { lists: { labs: holders, destroys }, cause: failure });
}
