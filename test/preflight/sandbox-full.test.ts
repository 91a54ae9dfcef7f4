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
    // The lab whose running instances hold the vCPUs, read from the account: wait for it, or delete it.
    expect(full[0]).toMatchObject({ key: "doctor.quota.sandboxVcpusHeld" });
    expect(full[0]!.text).toContain("The running instances of other labs (keep) hold 4 of them.");
    expect(full[0]!.fix).toContain("Wait until that lab is finished");
    expect(full[0]!.fix).toContain("npx privatelink-lab destroy --prefix keep --sandbox");
    expect(`${full[0]!.text} ${full[0]!.fix}`).not.toMatch(/request-service-quota-increase/);
  });

  it("on AWS the vCPU check keeps the increase to request and names the labs whose instances hold the vCPUs", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy"]) await stepCommand(id, { ...h.opts, prefix: "keep" }, h.env);
    const host = new RecordingHost();
    const sandboxClients = h.env.makeClients!;
    const onAws = { ...h.env, makeHost: () => host, makeClients: async (...args: Parameters<typeof sandboxClients>) => {
      const { sandbox: _sandbox, ...aws } = await sandboxClients(...args);
      return aws;
    } };
    // A lesson on AWS (its profile): in --sandbox the command would go to the sandbox's --endpoint-url.
    await doctor({ ...h.opts, prefix: "third", sandbox: false, profile: "work" }, onAws).catch(() => undefined);
    const vcpus = host.ofType("checks").flatMap((e) => e.checks).find((c) => c.id === "quota.vcpus");
    expect(vcpus).toMatchObject({ status: "fail", key: "doctor.quota.vcpusHeld" });
    expect(vcpus!.text).toContain("The running instances of other privatelink-lab labs (keep) hold 4 of them.");
    expect(vcpus!.fix).toContain("`aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-1216C47A --desired-value 8 --profile work`");
    expect(vcpus!.fix).toContain("destroy --prefix keep");
  });
});
