/**
 * What a learner types by hand with the AWS CLI, or as `diagnose` tells them to, through the real
 * SDK clients: `iam list-roles`, `ec2 stop-instances` / `start-instances`, `ec2 modify-vpc-endpoint`,
 * `elbv2 create-listener` / `delete-listener`, and the page sizes EC2's describes refuse.
 */
import { DescribeInstancesCommand, DescribeInstanceStatusCommand, DescribeNetworkInterfacesCommand, DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand, ModifyVpcEndpointCommand, StartInstancesCommand, StopInstancesCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { CreateListenerCommand, DeleteListenerCommand, DescribeListenersCommand, DescribeTargetHealthCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ListRolesCommand, paginateListRoles } from "@aws-sdk/client-iam";
import { DescribeInstanceInformationCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import type { World } from "../../src/sandbox/world.js";
import { IDS, lessonWorld, REGION, T0 } from "./fixtures-c.js";

async function setup(world: World = lessonWorld()) {
  const clock = new ManualClock(T0);
  const sandbox = new Sandbox({ store: new MemoryStore(world), clock, speed: 1 });
  return { clock, sandbox, ...(await createSandboxClients(sandbox, REGION, 1)) };
}

const stateOf = (ec2: EC2Client, id: string) =>
  ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })).then((r) => r.Reservations![0]!.Instances![0]!.State);

describe("iam list-roles", () => {
  function withRoles(n: number): World {
    const w = lessonWorld();
    const role = w.iamRoles["lab-ec2-role"]!;
    for (let i = 0; i < n; i++) w.iamRoles[`extra-${i}`] = { ...role, RoleName: `extra-${i}`, Arn: `arn:aws:iam::000000000000:role/extra-${i}` };
    return w;
  }

  it("lists the stack's role, without tags or last use, and says it is not truncated", async () => {
    const { iam } = await setup();
    const out = await iam.send(new ListRolesCommand({}));
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
    expect(out.Roles!.map((r) => [r.RoleName, r.Path, r.Arn])).toEqual([["lab-ec2-role", "/", "arn:aws:iam::000000000000:role/lab-ec2-role"]]);
    expect(out.Roles![0]!.Tags).toBeUndefined();
    // A path prefix no role has: an empty list.
    expect((await iam.send(new ListRolesCommand({ PathPrefix: "/service-role/" }))).Roles).toEqual([]);
  });

  it("pages by MaxItems with IsTruncated and Marker, 100 a page when none is asked", async () => {
    const { iam } = await setup(withRoles(104));
    const first = await iam.send(new ListRolesCommand({}));
    expect([first.Roles!.length, first.IsTruncated, typeof first.Marker]).toEqual([100, true, "string"]);
    const pages: number[] = [];
    for await (const page of paginateListRoles({ client: iam, pageSize: 50 }, {})) pages.push(page.Roles!.length);
    expect(pages).toEqual([50, 50, 5]);
  });

  it("refuses MaxItems out of 1..1000 and a malformed path prefix with ValidationError", async () => {
    const { iam } = await setup();
    await expect(iam.send(new ListRolesCommand({ MaxItems: 0 }))).rejects.toMatchObject({ name: "ValidationError", message: expect.stringContaining("'maxItems'") });
    await expect(iam.send(new ListRolesCommand({ MaxItems: 1001 }))).rejects.toMatchObject({ name: "ValidationError" });
    await expect(iam.send(new ListRolesCommand({ PathPrefix: "service-role" }))).rejects.toMatchObject({ name: "ValidationError" });
  });
});

describe("ec2 stop-instances / start-instances", () => {
  it("running → stopping → stopped → pending → running, with the sandbox clock; again is no change", async () => {
    const { clock, ec2 } = await setup();
    const stop = await ec2.send(new StopInstancesCommand({ InstanceIds: [IDS.provider] }));
    expect(stop.StoppingInstances).toEqual([{ InstanceId: IDS.provider, CurrentState: { Code: 64, Name: "stopping" }, PreviousState: { Code: 16, Name: "running" } }]);
    expect(await stateOf(ec2, IDS.provider)).toEqual({ Code: 64, Name: "stopping" });
    clock.advance(40_000);
    const stopped = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [IDS.provider] }))).Reservations![0]!.Instances![0]!;
    expect(stopped.State).toEqual({ Code: 80, Name: "stopped" });
    expect(stopped.StateReason?.Code).toBe("Client.UserInitiatedShutdown");
    expect(stopped.PrivateIpAddress).toBe("10.1.0.30");
    // Stopping a stopped instance changes nothing.
    expect((await ec2.send(new StopInstancesCommand({ InstanceIds: [IDS.provider] }))).StoppingInstances![0]!.CurrentState!.Name).toBe("stopped");
    const start = await ec2.send(new StartInstancesCommand({ InstanceIds: [IDS.provider] }));
    expect(start.StartingInstances).toEqual([{ InstanceId: IDS.provider, CurrentState: { Code: 0, Name: "pending" }, PreviousState: { Code: 80, Name: "stopped" } }]);
    clock.advance(20_000);
    expect(await stateOf(ec2, IDS.provider)).toEqual({ Code: 16, Name: "running" });
  });

  it("refuses what AWS refuses: starting while stopping, unknown and malformed ids; nothing moves", async () => {
    const { ec2 } = await setup();
    await ec2.send(new StopInstancesCommand({ InstanceIds: [IDS.provider] }));
    await expect(ec2.send(new StartInstancesCommand({ InstanceIds: [IDS.provider] }))).rejects.toMatchObject({
      name: "IncorrectInstanceState",
      message: `The instance '${IDS.provider}' is not in a state from which it can be started.`,
    });
    await expect(ec2.send(new StopInstancesCommand({ InstanceIds: [IDS.consumer, "i-0123456789abcdef0"] }))).rejects.toMatchObject({
      name: "InvalidInstanceID.NotFound",
      message: "The instance ID 'i-0123456789abcdef0' does not exist",
    });
    expect(await stateOf(ec2, IDS.consumer)).toEqual({ Code: 16, Name: "running" });
    await expect(ec2.send(new StopInstancesCommand({ InstanceIds: ["my-instance"] }))).rejects.toMatchObject({ name: "InvalidInstanceID.Malformed" });
  });

  it("a start beyond the running-vCPU quota fails with VcpuLimitExceeded (400), counting only what runs; the instance stays stopped", async () => {
    const { clock, ec2, sandbox } = await setup();
    // Two t3.micro (2 vCPUs each) run; a quota of 3 leaves room for one.
    sandbox.store.transact((w) => void (w.quotas.runningOnDemandStandardVcpus = 3));
    await ec2.send(new StopInstancesCommand({ InstanceIds: [IDS.provider, IDS.consumer] }));
    clock.advance(40_000);
    await ec2.send(new StartInstancesCommand({ InstanceIds: [IDS.consumer] }));
    await expect(ec2.send(new StartInstancesCommand({ InstanceIds: [IDS.provider] }))).rejects.toMatchObject({
      name: "VcpuLimitExceeded",
      message: expect.stringContaining("than your current vCPU limit of 3 allows"),
      $metadata: { httpStatusCode: 400 },
    });
    expect(await stateOf(ec2, IDS.provider)).toEqual({ Code: 80, Name: "stopped" });
    // Once the consumer is stopped again, its vCPUs are free for the provider.
    clock.advance(20_000);
    await ec2.send(new StopInstancesCommand({ InstanceIds: [IDS.consumer] }));
    clock.advance(40_000);
    expect((await ec2.send(new StartInstancesCommand({ InstanceIds: [IDS.provider] }))).StartingInstances![0]!.CurrentState!.Name).toBe("pending");
  });

  it("a stopped target leaves the NLB (Target.InvalidState) and a stopped instance leaves SSM; both come back after a start", async () => {
    const { clock, ec2, elbv2, ssm } = await setup();
    const health = () => elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: IDS.tgArn })).then((r) => r.TargetHealthDescriptions![0]!.TargetHealth!);
    const ping = () => ssm.send(new DescribeInstanceInformationCommand({})).then((r) => r.InstanceInformationList!.find((i) => i.InstanceId === IDS.consumer)?.PingStatus);
    expect([(await health()).State, await ping()]).toEqual(["healthy", "Online"]);
    await ec2.send(new StopInstancesCommand({ InstanceIds: [IDS.provider, IDS.consumer] }));
    clock.advance(40_000);
    expect(await health()).toMatchObject({ State: "unused", Reason: "Target.InvalidState" });
    expect(await ping()).toBe("ConnectionLost");
    expect((await ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [IDS.provider] }))).InstanceStatuses).toEqual([]);
    await ec2.send(new StartInstancesCommand({ InstanceIds: [IDS.provider, IDS.consumer] }));
    clock.advance(20_000);
    // Running again, but checked afresh: Apache is back a minute later, then three passing checks.
    expect((await health()).State).toBe("initial");
    clock.advance(600_000);
    expect([(await health()).State, await ping()]).toEqual(["healthy", "Online"]);
  });
});

describe("ec2 modify-vpc-endpoint", () => {
  function withSecondZone(): World {
    const w = lessonWorld();
    const r = w.regions[REGION]!;
    r.subnets["subnet-0c00000000000c02"] = { ...r.subnets[IDS.consumerSubnet]!, SubnetId: "subnet-0c00000000000c02", CidrBlock: "10.0.1.0/24", AvailabilityZone: "ap-northeast-1c", AvailabilityZoneId: "apne1-az1" };
    return w;
  }
  const endpoint = (ec2: EC2Client, id: string) => ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] })).then((r) => r.VpcEndpoints![0]!);

  it("adds and removes security groups (on every ENI) and turns private DNS off and on", async () => {
    const { ec2 } = await setup();
    const out = await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: IDS.ssmEndpoint, AddSecurityGroupIds: [IDS.endpointSg], RemoveSecurityGroupIds: [IDS.ssmSg] }));
    expect(out.Return).toBe(true);
    const ep = await endpoint(ec2, IDS.ssmEndpoint);
    expect(ep.Groups!.map((g) => g.GroupId)).toEqual([IDS.endpointSg]);
    const eni = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ep.NetworkInterfaceIds }));
    expect(eni.NetworkInterfaces![0]!.Groups!.map((g) => g.GroupId)).toEqual([IDS.endpointSg]);
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: IDS.ssmEndpoint, PrivateDnsEnabled: false }));
    expect((await endpoint(ec2, IDS.ssmEndpoint)).DnsEntries!.map((d) => d.DnsName)).not.toContain(`ssm.${REGION}.amazonaws.com`);
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: IDS.ssmEndpoint, PrivateDnsEnabled: true }));
    const back = await endpoint(ec2, IDS.ssmEndpoint);
    expect([back.PrivateDnsEnabled, back.DnsEntries!.map((d) => d.DnsName)]).toEqual([true, expect.arrayContaining([`ssm.${REGION}.amazonaws.com`])]);
  });

  it("adds a subnet in another AZ (a new ENI, a zonal name) and removes it again", async () => {
    const { ec2 } = await setup(withSecondZone());
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: IDS.ssmEndpoint, AddSubnetIds: ["subnet-0c00000000000c02"] }));
    const two = await endpoint(ec2, IDS.ssmEndpoint);
    expect(two.SubnetIds).toEqual([IDS.consumerSubnet, "subnet-0c00000000000c02"]);
    expect(two.NetworkInterfaceIds).toHaveLength(2);
    expect(two.DnsEntries!.some((d) => d.DnsName!.includes("-ap-northeast-1c."))).toBe(true);
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: IDS.ssmEndpoint, RemoveSubnetIds: [IDS.consumerSubnet] }));
    const one = await endpoint(ec2, IDS.ssmEndpoint);
    expect([one.SubnetIds, one.NetworkInterfaceIds!.length]).toEqual([["subnet-0c00000000000c02"], 1]);
    const gone = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: "subnet-id", Values: [IDS.consumerSubnet] }] }));
    expect(gone.NetworkInterfaces!.map((e) => e.NetworkInterfaceId)).not.toContain(two.NetworkInterfaceIds![0]);
  });

  it("refuses to remove an Interface endpoint's last security group (no fallback to the default group)", async () => {
    const { ec2 } = await setup();
    await expect(ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: IDS.ssmEndpoint, RemoveSecurityGroupIds: [IDS.ssmSg] }))).rejects.toMatchObject({
      name: "InvalidParameter",
      $metadata: { httpStatusCode: 400 },
    });
    expect((await endpoint(ec2, IDS.ssmEndpoint)).Groups!.map((g) => g.GroupId)).toEqual([IDS.ssmSg]);
  });

  it("refuses as CreateVpcEndpoint would: an AZ the service lacks, private DNS it has not, an unknown endpoint", async () => {
    const { ec2 } = await setup(withSecondZone());
    await expect(ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: IDS.endpoint, AddSubnetIds: ["subnet-0c00000000000c02"] }))).rejects.toMatchObject({
      name: "InvalidParameter",
      message: expect.stringContaining("does not support the availability zone of the subnet: subnet-0c00000000000c02"),
    });
    await expect(ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: IDS.endpoint, PrivateDnsEnabled: true }))).rejects.toMatchObject({ name: "InvalidParameter" });
    await expect(ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: "vpce-0123456789abcdef0", AddSecurityGroupIds: [IDS.endpointSg] }))).rejects.toMatchObject({
      name: "InvalidVpcEndpointId.NotFound",
      message: "The Vpc Endpoint Id 'vpce-0123456789abcdef0' does not exist",
    });
    expect((await endpoint(ec2, IDS.endpoint)).SubnetIds).toEqual([IDS.consumerSubnet]);
  });
});

describe("elbv2 create-listener / delete-listener", () => {
  const forward = [{ Type: "forward" as const, TargetGroupArn: IDS.tgArn }];

  it("a learner who deleted the listener makes it again: TCP, forward to the target group, and the target is checked afresh", async () => {
    const { clock, elbv2 } = await setup();
    await elbv2.send(new DeleteListenerCommand({ ListenerArn: IDS.listenerArn }));
    expect((await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: IDS.nlbArn }))).Listeners).toEqual([]);
    const health = () => elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: IDS.tgArn })).then((r) => r.TargetHealthDescriptions![0]!.TargetHealth!.State);
    expect(await health()).toBe("unused");
    const out = await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: IDS.nlbArn, Protocol: "TCP", Port: 80, DefaultActions: forward }));
    expect(out.Listeners![0]).toMatchObject({ LoadBalancerArn: IDS.nlbArn, Protocol: "TCP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: IDS.tgArn }] });
    expect(out.Listeners![0]!.ListenerArn).toMatch(/:listener\/net\/lab-nlb\/0123456789abcdef\/[0-9a-f]{16}$/);
    expect(await health()).toBe("initial");
    clock.advance(120_000);
    expect(await health()).toBe("healthy");
  });

  it("refuses a second listener on the port, an ALB protocol, an unknown load balancer or listener", async () => {
    const { elbv2 } = await setup();
    await expect(elbv2.send(new CreateListenerCommand({ LoadBalancerArn: IDS.nlbArn, Protocol: "TCP", Port: 80, DefaultActions: forward }))).rejects.toMatchObject({
      name: "DuplicateListenerException",
      message: "A listener already exists on this port for this load balancer",
    });
    await expect(elbv2.send(new CreateListenerCommand({ LoadBalancerArn: IDS.nlbArn, Protocol: "HTTP", Port: 8080, DefaultActions: forward }))).rejects.toMatchObject({ name: "ValidationError" });
    await expect(elbv2.send(new CreateListenerCommand({ LoadBalancerArn: IDS.nlbArn.replace("lab-nlb", "no-nlb"), Protocol: "TCP", Port: 81, DefaultActions: forward }))).rejects.toMatchObject({
      name: "LoadBalancerNotFoundException",
    });
    await expect(elbv2.send(new DeleteListenerCommand({ ListenerArn: IDS.listenerArn.replace("fedcba", "000000") }))).rejects.toMatchObject({ name: "ListenerNotFoundException" });
  });
});

describe("EC2 page sizes", () => {
  it("DescribeInstances: MaxResults 5..1000, and not with instance ids", async () => {
    const { ec2 } = await setup();
    await expect(ec2.send(new DescribeInstancesCommand({ MaxResults: 4 }))).rejects.toMatchObject({
      name: "InvalidParameterValue",
      message: "Value ( 4 ) for parameter maxResults is invalid. Parameter must be between 5 and 1000.",
    });
    await expect(ec2.send(new DescribeInstancesCommand({ MaxResults: 1001 }))).rejects.toMatchObject({ name: "InvalidParameterValue" });
    await expect(ec2.send(new DescribeInstancesCommand({ MaxResults: 5, InstanceIds: [IDS.consumer] }))).rejects.toMatchObject({
      name: "InvalidParameterCombination",
      message: "The parameter instancesSet cannot be used with the parameter maxResults",
    });
    expect((await ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }))).Reservations).toHaveLength(2);
  });

  it("the other describes as their reference states", async () => {
    const { ec2 } = await setup();
    await expect(ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 1 }))).rejects.toMatchObject({ name: "InvalidParameterValue" });
    await expect(ec2.send(new DescribeInstanceStatusCommand({ MaxResults: 5, InstanceIds: [IDS.consumer] }))).rejects.toMatchObject({ name: "InvalidParameterCombination" });
    await expect(ec2.send(new DescribeNetworkInterfacesCommand({ MaxResults: 5, NetworkInterfaceIds: ["eni-0c000000000000c01"] }))).rejects.toMatchObject({ name: "InvalidParameterCombination" });
    // DescribeVpcEndpoints states no minimum: a page of one.
    expect((await ec2.send(new DescribeVpcEndpointsCommand({ MaxResults: 1 }))).VpcEndpoints).toHaveLength(1);
  });
});
