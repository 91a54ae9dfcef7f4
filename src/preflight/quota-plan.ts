/** The quotas that stop the lesson, one learner's use of each, and whether N more fit (which increases to ask). No I/O. */
import { renderCommand, type Shell } from "../shell/render.js";
import type { Command } from "../shell/script.js";

type QuotaId = "vpcs" | "gatewayEndpoints" | "interfaceEndpointsPerVpc" | "nlbs" | "vcpus";

export interface QuotaSpec {
  id: QuotaId;
  /** Service Quotas code, e.g. `L-F678F1CE`. */
  code: string;
  serviceCode: string;
  /** The quota's name in the Service Quotas console (English, as AWS shows it). */
  name: string;
  /** AWS's default value for a new account. */
  awsDefault: number;
  /** What one learner uses: 2 VPCs, 1 gateway endpoint, 3 interface endpoints in one VPC, 1 NLB, 2 × t3.micro. */
  perLearner: number;
  /** `region`: shared by everyone in the region; `vpc`: counted in each new VPC. */
  scope: "region" | "vpc";
}

/** Running standard vCPUs: the quota two labs at once outgrow in a new account (4 each, 5 in all). */
export const VCPU_QUOTA: QuotaSpec = { id: "vcpus", code: "L-1216C47A", serviceCode: "ec2", name: "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", awsDefault: 5, perLearner: 4, scope: "region" };

export const LESSON_QUOTAS: readonly QuotaSpec[] = [
  { id: "vpcs", code: "L-F678F1CE", serviceCode: "vpc", name: "VPCs per Region", awsDefault: 5, perLearner: 2, scope: "region" },
  { id: "gatewayEndpoints", code: "L-1B52E74A", serviceCode: "vpc", name: "Gateway VPC endpoints per Region", awsDefault: 20, perLearner: 1, scope: "region" },
  { id: "interfaceEndpointsPerVpc", code: "L-29B6F2EB", serviceCode: "vpc", name: "Interface VPC endpoints per VPC", awsDefault: 50, perLearner: 3, scope: "vpc" },
  { id: "nlbs", code: "L-69A177A2", serviceCode: "elasticloadbalancing", name: "Network Load Balancers per Region", awsDefault: 50, perLearner: 1, scope: "region" },
  VCPU_QUOTA,
];

/** Where a limit came from: the account's applied value, AWS's default from the API, or our table. */
type QuotaSource = "applied" | "aws-default" | "assumed";

export interface QuotaLimit {
  value: number;
  source: QuotaSource;
  /** Why the applied value could not be read (an AWS error code), when source is not `applied`. */
  reason?: string;
}

export type QuotaLimits = Record<QuotaId, QuotaLimit>;

/** What the region already uses (the default VPC counts toward the VPC quota). */
export type QuotaUsage = Record<Exclude<QuotaId, "interfaceEndpointsPerVpc">, number>;

export interface QuotaLine {
  spec: QuotaSpec;
  limit: QuotaLimit;
  used: number;
  needed: number;
  ok: boolean;
  /** How many more learners this quota alone lets in. */
  room: number;
}

interface QuotaIncrease {
  code: string;
  serviceCode: string;
  name: string;
  current: number;
  /** The value to request so that the learners fit. */
  desired: number;
}

export interface CapacityPlan {
  learners: number;
  fits: boolean;
  /** How many more learners fit with today's quotas. */
  room: number;
  lines: QuotaLine[];
  increases: QuotaIncrease[];
}

function line(spec: QuotaSpec, limit: QuotaLimit, usage: QuotaUsage, learners: number): QuotaLine {
  if (spec.scope === "vpc") {
    const needed = learners > 0 ? spec.perLearner : 0;
    const fitsOne = limit.value >= spec.perLearner;
    return { spec, limit, used: 0, needed, ok: limit.value >= needed, room: fitsOne ? Number.MAX_SAFE_INTEGER : 0 };
  }
  const used = usage[spec.id as keyof QuotaUsage];
  const needed = spec.perLearner * learners;
  return { spec, limit, used, needed, ok: used + needed <= limit.value, room: Math.max(0, Math.floor((limit.value - used) / spec.perLearner)) };
}

/** Do `learners` more learners fit, and what must be raised (to exactly what) if not? */
export function planCapacity(limits: QuotaLimits, usage: QuotaUsage, learners: number): CapacityPlan {
  const lines = LESSON_QUOTAS.map((spec) => line(spec, limits[spec.id], usage, learners));
  const increases = lines
    .filter((l) => !l.ok)
    .map((l) => ({ code: l.spec.code, serviceCode: l.spec.serviceCode, name: l.spec.name, current: l.limit.value, desired: l.used + l.needed }));
  return { learners, fits: increases.length === 0, room: Math.min(...lines.map((l) => l.room)), lines, increases };
}

/** The words after `aws` that request an increase (a lesson's fix adds its account's: shell/lab-command.ts awsCommands). */
export function increaseWords(i: QuotaIncrease): string[] {
  return ["service-quotas", "request-service-quota-increase", "--service-code", i.serviceCode, "--quota-code", i.code, "--desired-value", String(i.desired)];
}

/** The AWS CLI command that requests an increase, as a program and its arguments. */
export function increaseArgv(i: QuotaIncrease): Command {
  return { program: "aws", args: increaseWords(i).map((value) => ({ value })) };
}

export function increaseCommand(i: QuotaIncrease, shell: Shell = "bash"): string {
  return renderCommand(increaseArgv(i), shell, { oneLine: true });
}
