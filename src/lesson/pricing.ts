/** Hourly cost of the lesson's resources (USD on-demand, as of the date below); unlisted regions use us-east-1's, said so. */
import { freeHere, type LessonContext } from "./context.js";
import type { CloudView, StackView } from "./cloud-view.js";
import type { CostReport } from "../ui/io-host.js";

export const PRICE_TABLE_DATE = "2026-11";

interface RegionPrices {
  interfaceEndpointPerAz: number;
  nlb: number;
  t3micro: number;
  gp3PerGbMonth: number;
}

const PRICES: Record<string, RegionPrices> = {
  "us-east-1": { interfaceEndpointPerAz: 0.01, nlb: 0.0225, t3micro: 0.0104, gp3PerGbMonth: 0.08 },
  "ap-northeast-1": { interfaceEndpointPerAz: 0.014, nlb: 0.0243, t3micro: 0.0136, gp3PerGbMonth: 0.096 },
};

interface Inventory {
  interfaceEndpoints: number;
  nlbs: number;
  instances: number;
  /** GB of EBS (8 per instance). */
  ebsGb: number;
}

export interface Cost {
  perHourUsd: number;
  region: string;
  /** The prices used are those of another region (this one is not in the table). */
  approximated: boolean;
  /** The region whose prices were used. */
  pricesRegion: string;
}

const HOURS_PER_MONTH = 730;

export function costPerHour(region: string, inv: Inventory): Cost {
  const p = PRICES[region];
  const prices = p ?? PRICES["us-east-1"]!;
  const perHourUsd =
    inv.interfaceEndpoints * prices.interfaceEndpointPerAz +
    inv.nlbs * prices.nlb +
    inv.instances * prices.t3micro +
    (inv.ebsGb * prices.gp3PerGbMonth) / HOURS_PER_MONTH;
  return { perHourUsd: Math.round(perHourUsd * 10000) / 10000, region, approximated: !p, pricesRegion: p ? region : "us-east-1" };
}

/** What the lesson creates, by kind (`preflight.createsList` says it). */
export const LESSON_CREATES = { vpcs: 2, instances: 2, nlbs: 1, interfaceEndpoints: 3, gatewayEndpoints: 1, endpointServices: 1, iamRoles: 1 };

/** What the whole lesson runs once everything is built: 3 interface endpoints, 1 NLB, 2 instances. */
export const FULL_LESSON: Inventory = { interfaceEndpoints: 3, nlbs: 1, instances: 2, ebsGb: 16 };

/** Endpoint hours are billed per started hour; the rest per second: round up, to be safe. */
export function costSince(cost: Cost, sinceIso: string | undefined, now: number): { hours: number; usd: number } | undefined {
  if (!sinceIso) return undefined;
  const hours = Math.max(0, (now - Date.parse(sinceIso)) / 3_600_000);
  return { hours, usd: Math.round(Math.ceil(Math.max(hours, 1 / 60)) * cost.perHourUsd * 100) / 100 };
}

const GONE_STACK = /^(ROLLBACK_COMPLETE|DELETE_COMPLETE)$/;
const BILLED_ENDPOINT = /^(pendingacceptance|pending|available)$/i;

/** What of the lesson exists in this view of the cloud, as the bill counts it. */
export function inventoryOf(view: CloudView): Inventory {
  const up = (s: StackView | undefined) => Boolean(s && !GONE_STACK.test(s.status));
  const instances = Number(up(view.consumer)) + Number(up(view.provider));
  return {
    // The Consumer stack's ssm and ssmmessages endpoints, and the learner's own.
    interfaceEndpoints: (up(view.consumer) ? 2 : 0) + view.endpoints.filter((e) => BILLED_ENDPOINT.test(e.state)).length,
    nlbs: Number(up(view.provider)),
    instances,
    ebsGb: 8 * instances,
  };
}

/** What exists now costs an hour, and since it was made (priced at the full lesson's rate: most of that time, all of it existed). */
export function costReport(ctx: LessonContext, view: CloudView): CostReport {
  const cost = costPerHour(ctx.state.region, inventoryOf(view));
  const since = costSince(costPerHour(ctx.state.region, FULL_LESSON), ctx.state.resourcesSince, ctx.clock.now());
  return { of: "existing", perHourUsd: cost.perHourUsd, region: ctx.state.region, sandbox: freeHere(ctx), ...(since ? { sinceUsd: since.usd, hours: since.hours } : {}) };
}
