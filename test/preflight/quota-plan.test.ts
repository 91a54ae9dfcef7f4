/** The pure quota calculation: how many learners fit, and which increases to request. */
import { describe, expect, it } from "vitest";
import { increaseCommand, LESSON_QUOTAS, planCapacity, type QuotaLimits, type QuotaUsage } from "../../src/preflight/quota-plan.js";

/** A fresh account: AWS's default quotas, and only the default VPC in the region. */
const FRESH: QuotaUsage = { vpcs: 1, vcpus: 0, nlbs: 0, gatewayEndpoints: 0 };
const defaults = Object.fromEntries(LESSON_QUOTAS.map((q) => [q.id, { value: q.awsDefault, source: "assumed" }])) as QuotaLimits;

describe("planCapacity with default quotas on a fresh account", () => {
  it("fits one learner", () => {
    const plan = planCapacity(defaults, FRESH, 1);
    expect(plan.fits).toBe(true);
    expect(plan.increases).toEqual([]);
    expect(plan.lines.find((l) => l.spec.id === "vpcs")).toMatchObject({ used: 1, needed: 2, ok: true, room: 2 });
  });

  it("has VPC room for two learners (default VPC + 4 = 5), but 5 vCPUs stop the second one", () => {
    const plan = planCapacity(defaults, FRESH, 2);
    expect(plan.lines.find((l) => l.spec.id === "vpcs")).toMatchObject({ used: 1, needed: 4, ok: true });
    expect(plan.fits).toBe(false);
    expect(plan.increases).toEqual([{ code: "L-1216C47A", serviceCode: "ec2", name: expect.stringContaining("Standard") as string, current: 5, desired: 8 }]);
    expect(plan.room).toBe(1);
  });

  it("names every increase 20 learners need, with the value to request", () => {
    const plan = planCapacity(defaults, FRESH, 20);
    expect(plan.fits).toBe(false);
    expect(Object.fromEntries(plan.increases.map((i) => [i.code, i.desired]))).toEqual({ "L-F678F1CE": 41, "L-1216C47A": 80 });
    // 20 gateway endpoints and 20 NLBs are within the defaults (20 and 50).
    expect(plan.lines.find((l) => l.spec.id === "gatewayEndpoints")).toMatchObject({ needed: 20, ok: true });
    expect(plan.lines.find((l) => l.spec.id === "nlbs")).toMatchObject({ needed: 20, ok: true });
    expect(increaseCommand(plan.increases[0]!)).toBe("aws service-quotas request-service-quota-increase --service-code vpc --quota-code L-F678F1CE --desired-value 41");
  });

  it("counts what the region already uses", () => {
    const plan = planCapacity(defaults, { ...FRESH, vpcs: 4 }, 1);
    expect(plan.increases.map((i) => [i.code, i.current, i.desired])).toEqual([["L-F678F1CE", 5, 6]]);
    expect(plan.room).toBe(0);
  });

  it("needs nothing more for a learner whose resources already exist", () => {
    expect(planCapacity(defaults, { vpcs: 5, vcpus: 4, nlbs: 1, gatewayEndpoints: 1 }, 0).fits).toBe(true);
  });
});
