import { describe, expect, it } from "vitest";
import { costPerHour, costSince, FULL_LESSON } from "../../src/lesson/pricing.js";

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

  it("bills started hours for the time so far", () => {
    const c = costPerHour("us-east-1", FULL_LESSON);
    const start = Date.UTC(2026, 10, 29, 0, 0, 0);
    const since = costSince(c, new Date(start).toISOString(), start + 90 * 60_000)!;
    expect(since.hours).toBeCloseTo(1.5);
    expect(since.usd).toBeCloseTo(Math.round(2 * c.perHourUsd * 100) / 100);
  });
});
