/**
 * The Service Quotas the sandbox account knows: the ones that stop this lesson and workshops.
 * Values live in `world.quotas` (the handlers of VPCs, endpoints, NLBs and instances enforce
 * them); tests and rehearsals change them with `setQuota`.
 */
import { DEFAULT_QUOTAS, type Quotas, type World } from "../world.js";

export interface SandboxQuota {
  code: string;
  serviceCode: string;
  serviceName: string;
  quotaName: string;
  field: keyof Quotas;
}

export const SANDBOX_QUOTAS: SandboxQuota[] = [
  { code: "L-F678F1CE", serviceCode: "vpc", serviceName: "Amazon Virtual Private Cloud (Amazon VPC)", quotaName: "VPCs per Region", field: "vpcsPerRegion" },
  { code: "L-1B52E74A", serviceCode: "vpc", serviceName: "Amazon Virtual Private Cloud (Amazon VPC)", quotaName: "Gateway VPC endpoints per Region", field: "gatewayEndpointsPerRegion" },
  { code: "L-29B6F2EB", serviceCode: "vpc", serviceName: "Amazon Virtual Private Cloud (Amazon VPC)", quotaName: "Interface VPC endpoints per VPC", field: "interfaceEndpointsPerVpc" },
  { code: "L-69A177A2", serviceCode: "elasticloadbalancing", serviceName: "Elastic Load Balancing (ELB)", quotaName: "Network Load Balancers per Region", field: "networkLoadBalancersPerRegion" },
  { code: "L-1216C47A", serviceCode: "ec2", serviceName: "Amazon Elastic Compute Cloud (Amazon EC2)", quotaName: "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", field: "runningOnDemandStandardVcpus" },
];

export function sandboxQuota(serviceCode: string | undefined, code: string | undefined): SandboxQuota | undefined {
  return SANDBOX_QUOTAS.find((q) => q.code === code && q.serviceCode === serviceCode);
}

/** The account's applied value of a quota (its AWS default until changed). */
export function quotaValue(world: World, q: SandboxQuota): number {
  return world.quotas?.[q.field] ?? DEFAULT_QUOTAS[q.field];
}

/** Sets a quota by its Service Quotas code (e.g. `L-F678F1CE`); throws on an unknown code. */
export function setQuota(world: World, code: string, value: number): void {
  const q = SANDBOX_QUOTAS.find((x) => x.code === code);
  if (!q) throw new Error(`The sandbox has no quota ${code}.`);
  world.quotas = { ...DEFAULT_QUOTAS, ...world.quotas, [q.field]: value };
}
