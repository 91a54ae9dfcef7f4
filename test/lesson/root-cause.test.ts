/** A failed deploy names its root cause (not a resource CloudFormation cancelled) and how to clean up. */
import { describe, expect, it } from "vitest";
import { rootCause } from "../../src/aws/stack-failure.js";
import { step } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import { emptyWorld } from "../../src/sandbox/world.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness } from "../helpers/lesson-harness.js";

const en = translator("en");

describe("a deploy that hits the vCPU quota", () => {
  it("names the instance and the vCPU limit, not a cancelled resource, and the command that cleans up", async () => {
    const h = harness({ store: new MemoryStore(emptyWorld()), speed: 0.001 });
    await step("preflight", h.opts, h.env);
    // Someone else's instances take the room after the preflight looked: one t3.micro (2 vCPUs) fits, not two.
    h.sandbox.store.transact((w) => void (w.quotas.runningOnDemandStandardVcpus = 3));
    const err = await step("deploy", h.opts, h.env).catch((e: unknown) => e);
    const r = reportError(err, en);
    expect(r.key).toBe("error.stackFailed");
    expect(r.message).toMatch(/Instance/);
    expect(r.message).toMatch(/vCPU/);
    expect(r.message).not.toMatch(/cancel/i);
    expect(r.hint).toContain("npx privatelink-lab destroy --prefix alice --sandbox");
  });
});

describe("rootCause", () => {
  const ev = (id: string, reason: string, s: number) => ({ StackId: "s", StackName: "s", EventId: id, LogicalResourceId: id, ResourceType: "AWS::EC2::Instance", ResourceStatus: "CREATE_FAILED" as const, ResourceStatusReason: reason, Timestamp: new Date(s * 1000) });
  it("skips cancellations that come first", () => {
    expect(rootCause([ev("NLB", "Resource creation cancelled", 1), ev("Instance", "VcpuLimitExceeded", 2)])?.LogicalResourceId).toBe("Instance");
  });
  it("falls back to the first failure when all are cancellations", () => {
    expect(rootCause([ev("B", "Resource creation cancelled", 2), ev("A", "Resource creation cancelled", 1)])?.LogicalResourceId).toBe("A");
  });
});
