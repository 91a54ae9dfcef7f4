/**
 * Reads the lesson's quotas (Service Quotas: the applied value, else AWS's default, else our table of defaults, saying
 * which) and what the region already uses (VPCs, running standard vCPUs, NLBs, gateway endpoints).
 */
import type { Instance } from "@aws-sdk/client-ec2";
import { awsCode } from "../errors.js";
import { LESSON_QUOTAS, planCapacity, type CapacityPlan, type QuotaLimit, type QuotaLimits, type QuotaSpec, type QuotaUsage } from "./quota-plan.js";
import type { AwsClients } from "../aws/clients.js";
import { awsPort } from "../aws/port.js";
import { listEndpoints } from "../aws/pages.js";
import { preflightReads, type PreflightReads } from "./check.js";
import { participantOf, STACK_NAME_TAG } from "../participant.js";

/** An AWS error, or an answer that is not AWS's JSON (a proxy's 500 page), becomes a fallback; others are thrown. */
function codeOrThrow(e: unknown): string {
  const code = awsCode(e);
  if (code) return code;
  const status = e && typeof e === "object" && "$metadata" in e ? (e as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode : undefined;
  if (typeof status === "number") return `HTTP ${status}`;
  throw e;
}

/** One quota: the applied value, else AWS's default, else our table's (saying which). */
export async function readLimit(clients: AwsClients, spec: QuotaSpec): Promise<QuotaLimit> {
  const ids = { ServiceCode: spec.serviceCode, QuotaCode: spec.code };
  let reason: string;
  try {
    const v = (await awsPort(clients).quotas.getServiceQuota(ids)).Quota?.Value;
    if (v !== undefined) return { value: v, source: "applied" };
    reason = "NoValue";
  } catch (e) {
    reason = codeOrThrow(e);
  }
  if (reason === "NoSuchResourceException") {
    try {
      const v = (await awsPort(clients).quotas.getAWSDefaultServiceQuota(ids)).Quota?.Value;
      if (v !== undefined) return { value: v, source: "aws-default", reason };
    } catch (e) {
      reason = codeOrThrow(e);
    }
  }
  return { value: spec.awsDefault, source: "assumed", reason };
}

export async function readQuotaLimits(clients: AwsClients): Promise<QuotaLimits> {
  const lines = await Promise.all(LESSON_QUOTAS.map(async (spec) => [spec.id, await readLimit(clients, spec)] as const));
  return Object.fromEntries(lines) as QuotaLimits;
}

/** Standard families (A, C, D, H, I, M, R, T, Z); not Inf, DL, Trn, HPC, F, G, P, X, ... */
const STANDARD = /^(?!inf|dl|trn|hpc)[acdhimrtz][a-z0-9-]*\./;
const SMALL_SIZES: Record<string, number> = { nano: 2, micro: 2, small: 2, medium: 2, large: 2, xlarge: 4 };

/** vCPUs of an instance: its CPU options when AWS reports them, else from the size name. */
function vcpusOf(i: Pick<Instance, "InstanceType" | "CpuOptions">): number {
  const cores = i.CpuOptions?.CoreCount;
  if (cores) return cores * (i.CpuOptions?.ThreadsPerCore ?? 1);
  const type = String(i.InstanceType ?? "");
  if (/^t2\.(nano|micro|small)$/.test(type)) return 1;
  const size = type.split(".")[1] ?? "";
  const n = /^(\d+)xlarge$/.exec(size);
  return n ? Number(n[1]) * 4 : (SMALL_SIZES[size] ?? 2);
}

/** Running and pending standard instances (those the vCPU quota counts), from the run's one read of the instances. */
async function standardInstances(reads: PreflightReads): Promise<Instance[]> {
  return (await reads.instances()).filter((i) => STANDARD.test(String(i.InstanceType ?? "")));
}

const sumVcpus = (instances: readonly Instance[]): number => instances.reduce((n, i) => n + vcpusOf(i), 0);

/** A lab whose running instances hold some of the region's vCPUs: its prefix, its stacks, how many vCPUs. */
export interface VcpuHolder {
  prefix: string;
  stacks: string[];
  vcpus: number;
}

const stackOf = (i: Instance): string | undefined => i.Tags?.find((t) => t.Key === STACK_NAME_TAG)?.Value;

/** The region's running standard vCPUs, and the labs (by participant tag, sorted) whose instances hold some of them. */
export async function vcpuHolders(clients: AwsClients, reads: PreflightReads = preflightReads(clients)): Promise<{ total: number; labs: VcpuHolder[] }> {
  const instances = await standardInstances(reads);
  const byLab = new Map<string, Instance[]>();
  for (const i of instances) {
    const lab = participantOf(i.Tags);
    if (lab !== undefined) byLab.set(lab, [...(byLab.get(lab) ?? []), i]);
  }
  const labs = [...byLab.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([prefix, held]) => ({
    prefix,
    stacks: [...new Set(held.map(stackOf).filter((s): s is string => s !== undefined))].sort(),
    vcpus: sumVcpus(held),
  }));
  return { total: sumVcpus(instances), labs };
}

const countGatewayEndpoints = async (clients: AwsClients): Promise<number> =>
  (await listEndpoints(awsPort(clients), [{ Name: "vpc-endpoint-type", Values: ["Gateway"] }])).filter((e) => !/^(deleted|deleting|failed|rejected|expired)$/i.test(String(e.State ?? ""))).length;

/** `reads`: the VPCs and load balancers as the preflight run shares them with other checks. */
async function readUsage(clients: AwsClients, reads: PreflightReads = preflightReads(clients)): Promise<QuotaUsage> {
  const networkLbs = reads.loadBalancers().then((lbs) => lbs.filter((lb) => lb.Type === "network").length);
  const [vpcs, vcpus, nlbs, gatewayEndpoints] = await Promise.all([reads.vpcs().then((v) => v.length), standardInstances(reads).then(sumVcpus), networkLbs, countGatewayEndpoints(clients)]);
  return { vpcs, vcpus, nlbs, gatewayEndpoints };
}

/** Quotas, usage and the plan for `learners` more learners in this region. */
export async function readCapacity(clients: AwsClients, learners: number, reads?: PreflightReads): Promise<CapacityPlan & { usage: QuotaUsage }> {
  const [limits, usage] = await Promise.all([readQuotaLimits(clients), readUsage(clients, reads)]);
  return { ...planCapacity(limits, usage, learners), usage };
}
