import { DeleteStackCommand, DescribeStackEventsCommand, DescribeStackResourcesCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/sandbox/clock.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import { exists, isReady, type World } from "../../src/sandbox/world.js";
import { CONSUMER, deploy, lab, PROVIDER, stackStatus } from "./cfn-helpers.js";

const MIN = 60_000;

function stackEntities(world: World, region: string, stackId: string, now: number) {
  const rw = world.regions[region]!;
  const tables = [rw.vpcs, rw.subnets, rw.routeTables, rw.securityGroups, rw.networkInterfaces, rw.instances, rw.vpcEndpoints, rw.loadBalancers, rw.targetGroups, rw.listeners];
  const regional = tables.flatMap((t) => Object.values(t as Record<string, { life: { stackId?: string; createdAt: number; deletedAt?: number } }>));
  const global = [...Object.values(world.iamRoles), ...Object.values(world.instanceProfiles)];
  return [...regional, ...global].filter((e) => e.life.stackId === stackId && exists(e.life as never, now));
}

describe("stack timelines at AWS speed", () => {
  it("shows CREATE_IN_PROGRESS and the events so far, then completes as time passes", async () => {
    const l = await lab("ap-northeast-1", 1);
    const { StackId } = await deploy(l, "plab-provider", PROVIDER, { Prefix: "bob" });
    expect(await stackStatus(l, "plab-provider")).toBe("CREATE_IN_PROGRESS");
    l.clock.advance(20_000); // VPC (~15 s) is done, the NLB (~150 s) is not
    const events = (await l.clients.cfn.send(new DescribeStackEventsCommand({ StackName: "plab-provider" }))).StackEvents ?? [];
    const done = events.filter((e) => e.ResourceStatus === "CREATE_COMPLETE").map((e) => e.LogicalResourceId);
    expect(done).toContain("Vpc");
    expect(done).not.toContain("NLB");
    const times = events.map((e) => e.Timestamp!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a)); // newest first
    const world = l.sandbox.store.snapshot();
    const lbs = Object.values(world.regions["ap-northeast-1"]!.loadBalancers);
    expect(lbs.some((lb) => isReady(lb.life, l.clock.now()))).toBe(false);
    l.clock.advance(10 * MIN);
    expect(await stackStatus(l, "plab-provider")).toBe("CREATE_COMPLETE");
    expect(stackEntities(l.sandbox.store.snapshot(), "ap-northeast-1", StackId!, l.clock.now()).length).toBeGreaterThan(5);
  });

  it("DeleteStack removes every resource of the stack; the stack is then found by id only", async () => {
    const l = await lab();
    const { StackId } = await deploy(l, "plab-consumer", CONSUMER, { Prefix: "carol" });
    await l.clients.cfn.send(new DeleteStackCommand({ StackName: "plab-consumer" }));
    const world = l.sandbox.store.snapshot();
    expect(stackEntities(world, "ap-northeast-1", StackId!, l.clock.now())).toEqual([]);
    await expect(l.clients.cfn.send(new DescribeStacksCommand({ StackName: "plab-consumer" }))).rejects.toMatchObject({
      name: "ValidationError",
      message: "Stack with id plab-consumer does not exist",
    });
    const byId = await l.clients.cfn.send(new DescribeStacksCommand({ StackName: StackId }));
    expect(byId.Stacks?.[0]?.StackStatus).toBe("DELETE_COMPLETE");
    // A second DeleteStack on a name that no longer exists is a no-op, as on AWS.
    await expect(l.clients.cfn.send(new DeleteStackCommand({ StackName: "plab-consumer" }))).resolves.toBeDefined();
    // The name is free again.
    await deploy(l, "plab-consumer", CONSUMER, { Prefix: "carol" });
    expect(await stackStatus(l, "plab-consumer")).toBe("CREATE_COMPLETE");
  });

  it("fails DeleteStack on the NLB while an endpoint service uses it, and succeeds once it is gone", async () => {
    const l = await lab();
    await deploy(l, "plab-provider", PROVIDER, { Prefix: "dave" });
    const res = (await l.clients.cfn.send(new DescribeStackResourcesCommand({ StackName: "plab-provider" }))).StackResources ?? [];
    const nlbArn = res.find((r) => r.LogicalResourceId === "NLB")!.PhysicalResourceId!;
    const now = l.clock.now();
    l.sandbox.store.transact((w) => {
      w.regions["ap-northeast-1"]!.endpointServices["vpce-svc-0123456789abcdef0"] = {
        ServiceId: "vpce-svc-0123456789abcdef0",
        ServiceName: "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0",
        NetworkLoadBalancerArns: [nlbArn],
        AcceptanceRequired: true,
        AllowedPrincipals: [],
        Tags: [],
        life: { createdAt: now, readyAt: now },
      };
    });
    await l.clients.cfn.send(new DeleteStackCommand({ StackName: "plab-provider" }));
    const stack = (await l.clients.cfn.send(new DescribeStacksCommand({ StackName: "plab-provider" }))).Stacks?.[0];
    expect(stack?.StackStatus).toBe("DELETE_FAILED");
    const after = (await l.clients.cfn.send(new DescribeStackResourcesCommand({ StackName: "plab-provider" }))).StackResources ?? [];
    const nlb = after.find((r) => r.LogicalResourceId === "NLB");
    expect(nlb?.ResourceStatus).toBe("DELETE_FAILED");
    expect(nlb?.ResourceStatusReason).toContain(`Load balancer '${nlbArn}' cannot be deleted because it is currently associated with another service`);
    expect(nlb?.ResourceStatusReason).toContain("ResourceInUse");
    // What the NLB needs (its subnet, the VPC) stays; what nothing outside uses is gone.
    expect(after.find((r) => r.LogicalResourceId === "EC2Instance")?.ResourceStatus).toBe("DELETE_COMPLETE");
    expect(after.find((r) => r.LogicalResourceId === "Vpc")?.ResourceStatus).toBe("CREATE_COMPLETE");
    l.sandbox.store.transact((w) => {
      w.regions["ap-northeast-1"]!.endpointServices["vpce-svc-0123456789abcdef0"]!.life.deletedAt = l.clock.now();
    });
    await l.clients.cfn.send(new DeleteStackCommand({ StackName: "plab-provider" }));
    await expect(stackStatus(l, "plab-provider")).rejects.toMatchObject({ name: "ValidationError" });
  });

  it("fails the Consumer's subnet with DependencyViolation after ~15 minutes while a learner's endpoint ENI is in it", async () => {
    const l = await lab("ap-northeast-1", 1);
    await deploy(l, "plab-consumer", CONSUMER, { Prefix: "erin" });
    l.clock.advance(15 * MIN);
    const res = (await l.clients.cfn.send(new DescribeStackResourcesCommand({ StackName: "plab-consumer" }))).StackResources ?? [];
    const subnetId = res.find((r) => r.LogicalResourceId === "PrivateSubnet")!.PhysicalResourceId!;
    const now = l.clock.now();
    l.sandbox.store.transact((w) => {
      const rw = w.regions["ap-northeast-1"]!;
      const vpcId = rw.subnets[subnetId]!.VpcId;
      rw.networkInterfaces["eni-0learner000000000"] = {
        NetworkInterfaceId: "eni-0learner000000000",
        SubnetId: subnetId,
        VpcId: vpcId,
        AvailabilityZone: "ap-northeast-1a",
        PrivateIpAddress: "10.0.0.200",
        GroupIds: [],
        InterfaceType: "vpc_endpoint",
        Description: "VPC Endpoint Interface vpce-0learner",
        RequesterManaged: true,
        OwnerRef: "vpce-0learner",
        Tags: [],
        life: { createdAt: now, readyAt: now },
      };
    });
    await l.clients.cfn.send(new DeleteStackCommand({ StackName: "plab-consumer" }));
    l.clock.advance(5 * MIN);
    expect(await stackStatus(l, "plab-consumer")).toBe("DELETE_IN_PROGRESS");
    l.clock.advance(20 * MIN);
    expect(await stackStatus(l, "plab-consumer")).toBe("DELETE_FAILED");
    const after = (await l.clients.cfn.send(new DescribeStackResourcesCommand({ StackName: "plab-consumer" }))).StackResources ?? [];
    const subnet = after.find((r) => r.LogicalResourceId === "PrivateSubnet");
    expect(subnet?.ResourceStatus).toBe("DELETE_FAILED");
    expect(subnet?.ResourceStatusReason).toContain(`The subnet '${subnetId}' has dependencies and cannot be deleted.`);
    expect(after.find((r) => r.LogicalResourceId === "Ec2Role")?.ResourceStatus).toBe("DELETE_COMPLETE");
  });
});

describe("a second process on the same sandbox file", () => {
  const dir = mkdtempSync(join(tmpdir(), "plab-cfn-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("sees the stack still creating, then complete", async () => {
    const file = join(dir, "account.db");
    const clock = new ManualClock();
    const first = await lab("ap-northeast-1", 1, new SqliteStore(file, { clock, speed: 1 }), clock);
    await deploy(first, "plab-consumer", CONSUMER, { Prefix: "frank" });
    const second = await lab("ap-northeast-1", 1, new SqliteStore(file, { clock, speed: 1 }), clock);
    expect(await stackStatus(second, "plab-consumer")).toBe("CREATE_IN_PROGRESS");
    clock.advance(10 * MIN);
    expect(await stackStatus(second, "plab-consumer")).toBe("CREATE_COMPLETE");
  });
});
