/**
 * In the sandbox no quota increase can be requested: when the account is full (labs kept for the
 * challenges, say), the quota check names the labs in it and the command that deletes one, never
 * `aws service-quotas request-service-quota-increase`, which the sandbox cannot answer.
 */
import { describe, expect, it } from "vitest";
import { doctor } from "../../src/commands/doctor.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

describe("a full sandbox account", () => {
  it("the quota check says which labs fill it and how to delete one", async () => {
    const h = harness();
    for (const prefix of ["keep"]) for (const id of ["preflight", "deploy"]) await stepCommand(id, { ...h.opts, prefix }, h.env);
    const host = new RecordingHost();
    await doctor({ ...h.opts, prefix: "third" }, { ...h.env, makeHost: () => host }).catch(() => undefined); // (it fails: that is the point)
    const checks = host.ofType("checks").flatMap((e) => e.checks);
    const full = checks.filter((c) => c.status === "fail");
    // One lab kept leaves no room for a second one's vCPUs (4 of a new account's 5).
    expect(full.map((c) => c.id)).toEqual(["quota.vcpus"]);
    expect(full[0]).toMatchObject({ key: "doctor.quota.sandboxShort" });
    expect(full[0]!.fix).toContain("npx privatelink-lab destroy --prefix keep --sandbox");
    expect(`${full[0]!.text} ${full[0]!.fix}`).not.toMatch(/request-service-quota-increase/);
  });
});
