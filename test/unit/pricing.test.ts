import { describe, expect, it } from "vitest";
import type { CloudView } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { billedUsd, costPerHour, costReport, FULL_LESSON } from "../../src/lesson/pricing.js";

describe("cost per hour", () => {
  it("prices the full lesson in Tokyo from the table (about $0.08-0.10 an hour)", () => {
    const c = costPerHour("ap-northeast-1", FULL_LESSON);
    expect(c.approximated).toBe(false);
    // 3 endpoints × 0.014 + NLB 0.0243 + 2 × t3.micro 0.0136 + 16 GB gp3 at 0.096/GB-month
    expect(c.perHourUsd).toBeCloseTo(0.042 + 0.0243 + 0.0272 + (16 * 0.096) / 730, 3);
  });

  it("says when it borrowed another region's prices", () => {
    expect(costPerHour("eu-west-1", FULL_LESSON).approximated).toBe(true);
  });

  it("bills endpoints and the load balancer by the started hour, instances and disks by the second", () => {
    const start = Date.UTC(2026, 10, 29, 0, 0, 0);
    const usd = billedUsd("us-east-1", [{ inv: FULL_LESSON, since: start }], start + 90 * 60_000);
    // 2 started hours of 3 endpoints and an NLB; 1.5 h of 2 t3.micro and 16 GB gp3.
    const bill = 2 * (3 * 0.01 + 0.0225) + 1.5 * (2 * 0.0104 + (16 * 0.08) / 730);
    expect(usd).toBeGreaterThanOrEqual(bill);
    expect(usd).toBeLessThan(bill + 0.01);
  });
});

/** Both stacks up (their 2 endpoints, the NLB, 2 instances), and the learner's endpoints given. */
function cloud(endpoints: CloudView["endpoints"] = []): CloudView {
  const stack = (name: string) => ({ name, id: name, status: "CREATE_COMPLETE", outputs: {}, resources: {} });
  return { consumer: stack("c"), provider: stack("p"), services: [], endpoints, endpointSgs: [], curls: [], deletedStacks: [] };
}
const lesson = (region: string, resourcesSince: number, now: number) =>
  ({ state: { region, resourcesSince: new Date(resourcesSince).toISOString() }, clock: { now: () => now }, clients: {} }) as unknown as LessonContext;
const DEPLOYED = Date.UTC(2026, 11, 4, 10, 0, 0);
const HOUR = 3_600_000;

describe("the cost so far", () => {
  it("a minute after deploy costs less than the hour of what exists: the endpoints' and NLB's first hour, a minute of the rest", () => {
    const r = costReport(lesson("ap-northeast-1", DEPLOYED, DEPLOYED + 60_000), cloud());
    expect(r.perHourUsd).toBe(0.0816);
    expect(r.sinceUsd!).toBeLessThan(r.perHourUsd);
    // Never less than the bill: 2 endpoints and the NLB for a started hour.
    expect(r.sinceUsd!).toBeGreaterThanOrEqual(2 * 0.014 + 0.0243);
  });

  it("prices three days of the stacks alone at their rate, not the whole lesson's", () => {
    const r = costReport(lesson("us-east-1", DEPLOYED, DEPLOYED + 72 * HOUR + 60_000), cloud());
    expect(r.hours).toBeCloseTo(72, 1);
    // 73 started hours of 2 endpoints and the NLB, 72 h of 2 t3.micro and their 16 GB: about $4.73, not $5.48.
    const bill = 73 * (2 * 0.01 + 0.0225) + (72 + 1 / 60) * (2 * 0.0104 + (16 * 0.08) / 730);
    expect(r.sinceUsd!).toBeGreaterThanOrEqual(bill);
    expect(r.sinceUsd!).toBeLessThan(bill + 0.01);
    expect(r.sinceUsd!).toBeLessThan(72 * costPerHour("us-east-1", FULL_LESSON).perHourUsd);
  });

  it("adds the learner's endpoint from when AWS made it, by the started hour", () => {
    const ours = { id: "vpce-1", state: "available", serviceName: "svc", vpcId: "vpc-1", subnetIds: [], sgIds: [], createdAt: DEPLOYED + 2 * HOUR };
    const now = DEPLOYED + 3.5 * HOUR;
    const without = costReport(lesson("us-east-1", DEPLOYED, now), cloud()).sinceUsd!;
    const withIt = costReport(lesson("us-east-1", DEPLOYED, now), cloud([ours])).sinceUsd!;
    // 1.5 h of it: 2 started hours at $0.01 (cents rounded up on each total).
    expect(withIt - without).toBeGreaterThanOrEqual(0.01);
    expect(withIt - without).toBeLessThanOrEqual(0.03);
  });

  it("bills an endpoint per AZ it is in: one in two subnets costs two endpoint-hours an hour", () => {
    const endpoint = (subnetIds: string[]) => ({ id: "vpce-1", state: "available", serviceName: "svc", vpcId: "vpc-1", subnetIds, sgIds: [], createdAt: DEPLOYED });
    const now = DEPLOYED + 0.5 * HOUR;
    const one = costReport(lesson("us-east-1", DEPLOYED, now), cloud([endpoint(["subnet-a"])]));
    const two = costReport(lesson("us-east-1", DEPLOYED, now), cloud([endpoint(["subnet-a", "subnet-b"])]));
    expect(two.perHourUsd).toBeCloseTo(one.perHourUsd + 0.01, 4);
    expect(two.sinceUsd! - one.sinceUsd!).toBeCloseTo(0.01, 4);
  });

  it("keeps an endpoint's hours in the cost so far once its deletion starts (AWS bills until it is gone); only the hourly rate drops it", () => {
    const made = { id: "vpce-1", serviceName: "svc", vpcId: "vpc-1", subnetIds: [], sgIds: [], createdAt: DEPLOYED + 2 * HOUR };
    const now = DEPLOYED + 3.5 * HOUR;
    const up = costReport(lesson("us-east-1", DEPLOYED, now), cloud([{ ...made, state: "available" }]));
    const going = costReport(lesson("us-east-1", DEPLOYED, now), cloud([{ ...made, state: "deleting" }]));
    expect(going.sinceUsd).toBe(up.sinceUsd);
    expect(going.perHourUsd).toBeCloseTo(up.perHourUsd - 0.01, 4);
  });
});
