/**
 * A room's quotas: what one learner's lesson uses of each (2 VPCs, 4 vCPUs, 1 NLB, 1 gateway endpoint) times the
 * learners, plus spare; never lowered. A room starts with the increases `workshop plan` would name already made.
 */
import { SANDBOX_QUOTAS, quotaValue } from "../../sandbox/model/quotas.js";
import type { Quotas, World } from "../../sandbox/world.js";

const PER_LEARNER: Partial<Quotas> = { vpcsPerRegion: 2, runningOnDemandStandardVcpus: 4, networkLoadBalancersPerRegion: 1, gatewayEndpointsPerRegion: 1 };
const SPARE = 5;

export function fitQuotas(world: World, learners: number): void {
  for (const [k, per] of Object.entries(PER_LEARNER) as [keyof Quotas, number][]) world.quotas[k] = Math.max(world.quotas[k], per * learners + SPARE);
}

/** Each quota's name, code and value, as said when a room starts. */
export function quotaList(world: World): { name: string; code: string; value: number }[] {
  return SANDBOX_QUOTAS.map((q) => ({ name: q.quotaName, code: q.code, value: quotaValue(world, q) }));
}
