/**
 * What the lesson's resources cost per hour (USD, on-demand, from AWS's price pages as of the
 * date below). Regions not listed use us-east-1's prices, said so in the output.
 */
import { freeHere, type LessonContext } from "./context.js";
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

export interface Inventory {
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
  return { perHourUsd: Math.round(perHourUsd * 10000) / 10000, region, approximated: !p };
}

/** What the whole lesson runs once everything is built: 3 interface endpoints, 1 NLB, 2 instances. */
export const FULL_LESSON: Inventory = { interfaceEndpoints: 3, nlbs: 1, instances: 2, ebsGb: 16 };

/** Endpoint hours are billed per started hour; the rest per second: round up, to be safe. */
export function costSince(cost: Cost, sinceIso: string | undefined, now: number): { hours: number; usd: number } | undefined {
  if (!sinceIso) return undefined;
  const hours = Math.max(0, (now - Date.parse(sinceIso)) / 3_600_000);
  return { hours, usd: Math.round(Math.ceil(Math.max(hours, 1 / 60)) * cost.perHourUsd * 100) / 100 };
}

/** What the lesson's resources cost an hour, and since they were made (`status` and leaving say it). */
export function costReport(ctx: LessonContext): CostReport {
  const cost = costPerHour(ctx.state.region, FULL_LESSON);
  const since = costSince(cost, ctx.state.resourcesSince, ctx.clock.now());
  return { perHourUsd: cost.perHourUsd, region: ctx.state.region, sandbox: freeHere(ctx), ...(since ? { sinceUsd: since.usd, hours: since.hours } : {}) };
}
