/** Hourly cost of the lesson's resources (USD on-demand, as of the date below); unlisted regions use us-east-1's, said so. */
import { freeHere, type LessonContext } from "./context.js";
import type { CloudView, EndpointView, StackView } from "./cloud-view.js";
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

/** The hour's price, unrounded. */
function perHour(region: string, inv: Inventory): number {
  const prices = PRICES[region] ?? PRICES["us-east-1"]!;
  return (
    inv.interfaceEndpoints * prices.interfaceEndpointPerAz +
    inv.nlbs * prices.nlb +
    inv.instances * prices.t3micro +
    (inv.ebsGb * prices.gp3PerGbMonth) / HOURS_PER_MONTH
  );
}

export function costPerHour(region: string, inv: Inventory): Cost {
  const p = PRICES[region];
  return { perHourUsd: Math.round(perHour(region, inv) * 10000) / 10000, region, approximated: !p, pricesRegion: p ? region : "us-east-1" };
}

/** What the lesson creates, by kind (`preflight.createsList` says it). */
export const LESSON_CREATES = { vpcs: 2, instances: 2, nlbs: 1, interfaceEndpoints: 3, gatewayEndpoints: 1, endpointServices: 1, iamRoles: 1 };

/** What the whole lesson runs once everything is built: 3 interface endpoints, 1 NLB, 2 instances. */
export const FULL_LESSON: Inventory = { interfaceEndpoints: 3, nlbs: 1, instances: 2, ebsGb: 16 };

/**
 * How AWS bills each kind: interface endpoints and load balancers by the started hour ("each partial hour is billed
 * as a full hour"); instances (Linux, on demand) and EBS volumes by the second, with a one-minute minimum.
 */
const MIN_PER_SECOND_HOURS = 1 / 60;
const NOTHING: Inventory = { interfaceEndpoints: 0, nlbs: 0, instances: 0, ebsGb: 0 };

/** What of the lesson exists, and since when (ms epoch). */
export interface Held {
  inv: Inventory;
  since: number;
}

const hoursSince = (since: number, now: number) => Math.max(0, (now - since) / 3_600_000);

/** What AWS would bill for these, from when each appeared until `now` (USD, cents). */
export function billedUsd(region: string, held: Held[], now: number): number {
  const usd = held.reduce((sum, h) => {
    const hours = hoursSince(h.since, now);
    const byHour = perHour(region, { ...NOTHING, interfaceEndpoints: h.inv.interfaceEndpoints, nlbs: h.inv.nlbs });
    const bySecond = perHour(region, { ...NOTHING, instances: h.inv.instances, ebsGb: h.inv.ebsGb });
    return sum + Math.max(1, Math.ceil(hours)) * byHour + Math.max(hours, MIN_PER_SECOND_HOURS) * bySecond;
  }, 0);
  // Up to the next cent: never less than the bill.
  return Math.ceil(Math.round(usd * 10000) / 100) / 100;
}

const GONE_STACK = /^(ROLLBACK_COMPLETE|DELETE_COMPLETE)$/;
const BILLED_ENDPOINT = /^(pendingacceptance|pending|available)$/i;
/** Billed up to now: AWS bills an endpoint until it is deleted, so one being deleted has spent its hours (it costs no more from here). */
const SPENT_ENDPOINT = /^(pendingacceptance|pending|available|deleting)$/i;

/** AWS bills an interface endpoint per AZ it is in (one subnet per AZ). */
const azHours = (e: EndpointView): number => Math.max(1, e.subnetIds.length);
const sum = (ns: number[]): number => ns.reduce((a, b) => a + b, 0);

/** What one endpoint costs an hour. */
export function endpointCost(region: string, e: EndpointView): Cost {
  return costPerHour(region, { ...NOTHING, interfaceEndpoints: azHours(e) });
}

/** What of the lesson exists in this view of the cloud, as the bill counts it. */
export function inventoryOf(view: CloudView): Inventory {
  const up = (s: StackView | undefined) => Boolean(s && !GONE_STACK.test(s.status));
  const instances = Number(up(view.consumer)) + Number(up(view.provider));
  return {
    // The Consumer stack's ssm and ssmmessages endpoints, and the learner's own.
    interfaceEndpoints: (up(view.consumer) ? 2 : 0) + sum(view.endpoints.filter((e) => BILLED_ENDPOINT.test(e.state)).map(azHours)),
    nlbs: Number(up(view.provider)),
    instances,
    ebsGb: 8 * instances,
  };
}

/**
 * What the stacks hold since they were deployed, and each of the learner's endpoints since AWS made it (one being
 * deleted too): the bill for what exists, never the whole lesson's rate for time when part of it did not exist yet.
 */
export function heldOf(view: CloudView, stacksSince: number): Held[] {
  const stacks: Held = { inv: inventoryOf({ ...view, endpoints: [] }), since: stacksSince };
  const endpoints = view.endpoints.filter((e) => SPENT_ENDPOINT.test(e.state)).map((e) => ({ inv: { ...NOTHING, interfaceEndpoints: azHours(e) }, since: e.createdAt ?? stacksSince }));
  return [stacks, ...endpoints];
}

/**
 * The bill so far for a lab the stacks of which were deployed at `stacksSince`: the lesson's own cost line and the
 * facilitator's view both count it so (an endpoint being deleted keeps its hours).
 */
export function spentSince(region: string, view: CloudView, stacksSince: number, now: number): { hours: number; usd: number } {
  return { hours: hoursSince(stacksSince, now), usd: billedUsd(region, heldOf(view, stacksSince), now) };
}

/** What exists now costs an hour, and what it has cost since it was made. */
export function costReport(ctx: LessonContext, view: CloudView): CostReport {
  const cost = costPerHour(ctx.state.region, inventoryOf(view));
  const since = ctx.state.resourcesSince ? Date.parse(ctx.state.resourcesSince) : undefined;
  const spent = since !== undefined ? spentSince(ctx.state.region, view, since, ctx.clock.now()) : undefined;
  const so = spent ? { sinceUsd: spent.usd, hours: spent.hours } : {};
  return { of: "existing", perHourUsd: cost.perHourUsd, region: ctx.state.region, sandbox: freeHere(ctx), ...so };
}
