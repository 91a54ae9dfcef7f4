import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { DescribeKeyPairsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { CALLS_KEPT, Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";

describe("sandbox middleware", () => {
  it("answers real SDK clients from the simulated account", async () => {
    const sandbox = new Sandbox({ store: new MemoryStore(), clock: new ManualClock(), speed: 0 });
    const { sts } = await createSandboxClients(sandbox, "ap-northeast-1");
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe("000000000000");
    expect(me.Arn).toContain("sandbox-learner");
  });

  it("throws injected faults as service exceptions the SDK retries", async () => {
    const sandbox = new Sandbox({ store: new MemoryStore(), clock: new ManualClock(), speed: 0 });
    sandbox.faults.add({ command: "GetCallerIdentity", code: "RequestLimitExceeded", times: 2 });
    const { sts } = await createSandboxClients(sandbox, "ap-northeast-1");
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.$metadata.attempts).toBe(3);
    sandbox.faults.add({ command: "GetCallerIdentity", code: "AccessDenied", times: 1 });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("refuses commands it does not simulate with an AWS-shaped error", async () => {
    const sandbox = new Sandbox({ store: new MemoryStore(), clock: new ManualClock(), speed: 0 });
    const { ec2 } = await createSandboxClients(sandbox, "us-east-1");
    sandbox.faults.add({ command: "Nothing", code: "X" });
    await expect(ec2.send(new DescribeKeyPairsCommand({}))).rejects.toThrow();
  });

  it("remembers only the latest calls, so a server answering a room for hours does not grow with every request", () => {
    const sandbox = new Sandbox({ store: new MemoryStore(), clock: new ManualClock(), speed: 0 });
    for (let i = 0; i < CALLS_KEPT + 50; i++) sandbox.call("sts", "GetCallerIdentityCommand", {}, `region-${i}`);
    expect(sandbox.calls).toHaveLength(CALLS_KEPT);
    expect(sandbox.calls.at(-1)).toEqual({ service: "sts", command: "GetCallerIdentityCommand", region: `region-${CALLS_KEPT + 49}` });
    expect(sandbox.calls[0]!.region).toBe("region-50");
  });

  it("still gives exactly the latest calls after it has dropped the oldest ones several times", () => {
    const sandbox = new Sandbox({ store: new MemoryStore(), clock: new ManualClock(), speed: 0 });
    const made = CALLS_KEPT * 1.35;
    for (let i = 0; i < made; i++) sandbox.call("sts", "GetCallerIdentityCommand", {}, `region-${i}`);
    expect(sandbox.calls).toHaveLength(CALLS_KEPT);
    expect(sandbox.calls[0]!.region).toBe(`region-${made - CALLS_KEPT}`);
    expect(sandbox.calls.at(-1)!.region).toBe(`region-${made - 1}`);
  });
});
