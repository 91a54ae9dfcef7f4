import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { DescribeKeyPairsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
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
});
