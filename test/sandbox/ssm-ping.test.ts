/** PingStatus as AWS has it: Online, ConnectionLost after the agent loses its way, Inactive once terminated. */
import { AuthorizeSecurityGroupIngressCommand, RevokeSecurityGroupIngressCommand } from "@aws-sdk/client-ec2";
import { DescribeInstanceInformationCommand, type InstanceInformation } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import { IDS, lessonWorld, REGION, T0 } from "./fixtures-c.js";

async function info(sandbox: Sandbox): Promise<InstanceInformation | undefined> {
  const { ssm } = await createSandboxClients(sandbox, REGION);
  const out = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: "InstanceIds", Values: [IDS.consumer] }] }));
  return out.InstanceInformationList?.[0];
}

async function ping(sandbox: Sandbox): Promise<string | undefined> {
  return (await info(sandbox))?.PingStatus;
}

describe("SSM agent PingStatus", () => {
  it("is ConnectionLost after the ssm endpoint it used is deleted, and Inactive once the instance is terminated", async () => {
    const clock = new ManualClock(T0);
    const sandbox = new Sandbox({ store: new MemoryStore(lessonWorld()), clock, speed: 1 });
    expect(await ping(sandbox)).toBe("Online");
    clock.advance(60_000);
    sandbox.store.transact((w) => void (w.regions[REGION]!.vpcEndpoints[IDS.ssmEndpoint]!.life.deletedAt = clock.now()));
    clock.advance(60_000);
    expect(await ping(sandbox)).toBe("ConnectionLost");
    sandbox.store.transact((w) => void (w.regions[REGION]!.instances[IDS.consumer]!.life.deletedAt = clock.now()));
    clock.advance(60_000);
    expect(await ping(sandbox)).toBe("Inactive");
    clock.advance(2 * 3600_000);
    expect(await ping(sandbox)).toBeUndefined();
  });

  it("is ConnectionLost after a security-group change cuts the agent off (last ping: just before it), Online once it is put back", async () => {
    const clock = new ManualClock(T0);
    const sandbox = new Sandbox({ store: new MemoryStore(lessonWorld()), clock, speed: 1 });
    const { ec2 } = await createSandboxClients(sandbox, REGION);
    const https = { GroupId: IDS.ssmSg, IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: IDS.consumerSg }] }] };
    expect(await ping(sandbox)).toBe("Online");
    clock.advance(60_000);
    const cut = clock.now();
    await ec2.send(new RevokeSecurityGroupIngressCommand(https));
    clock.advance(300_000);
    expect(await info(sandbox)).toMatchObject({ PingStatus: "ConnectionLost", LastPingDateTime: new Date(cut) });
    await ec2.send(new AuthorizeSecurityGroupIngressCommand(https));
    expect(await ping(sandbox)).toBe("Online");
  });

  it("lists an instance whose agent never registered as nothing at all", async () => {
    const world = lessonWorld();
    delete world.regions[REGION]!.vpcEndpoints[IDS.ssmEndpoint];
    const sandbox = new Sandbox({ store: new MemoryStore(world), clock: new ManualClock(T0), speed: 1 });
    expect(await ping(sandbox)).toBeUndefined();
  });
});
