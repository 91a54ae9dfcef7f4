import { DescribeInstancesCommand, StopInstancesCommand } from "@aws-sdk/client-ec2";
import { CreateStackCommand, DescribeStackEventsCommand, DescribeStackResourcesCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { describe, expect, it } from "vitest";
import { exists } from "../../src/sandbox/world.js";
import { CONSUMER, deploy, lab, params, PROVIDER, stackStatus } from "./cfn-helpers.js";

describe("CreateStack refusals", () => {
  it("needs CAPABILITY_NAMED_IAM for the Consumer's named role", async () => {
    const l = await lab();
    await expect(
      l.clients.cfn.send(new CreateStackCommand({ StackName: "plab-consumer", TemplateBody: CONSUMER })),
    ).rejects.toMatchObject({ name: "InsufficientCapabilitiesException", message: "Requires capabilities : [CAPABILITY_NAMED_IAM]" });
    // Nothing was created.
    expect(Object.keys(l.sandbox.store.snapshot().iamRoles)).toEqual([]);
  });

  it("refuses a second stack with the same name", async () => {
    const l = await lab();
    await deploy(l, "plab-provider", PROVIDER);
    await expect(deploy(l, "plab-provider", PROVIDER)).rejects.toMatchObject({
      name: "AlreadyExistsException",
      message: "Stack [plab-provider] already exists",
    });
  });

  it("reports missing, unknown and unresolvable parameters as AWS does", async () => {
    const l = await lab();
    const body = "Parameters:\n  Name:\n    Type: String\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.9.0.0/16\n";
    await expect(l.clients.cfn.send(new CreateStackCommand({ StackName: "p1", TemplateBody: body }))).rejects.toMatchObject({
      name: "ValidationError",
      message: "Parameters: [Name] must have values",
    });
    await expect(
      l.clients.cfn.send(new CreateStackCommand({ StackName: "p2", TemplateBody: body, Parameters: params({ Name: "x", Nope: "y" }) })),
    ).rejects.toMatchObject({ message: "Parameters: [Nope] do not exist in the template" });
    await expect(deploy(l, "p3", PROVIDER, { EC2InstanceAMI: "/aws/service/nothing-here" })).rejects.toMatchObject({
      name: "ValidationError",
      message: "Unable to fetch parameters [/aws/service/nothing-here] from parameter store for this account.",
    });
  });

  it("rejects malformed templates and circular dependencies before creating anything", async () => {
    const l = await lab();
    await expect(l.clients.cfn.send(new CreateStackCommand({ StackName: "bad", TemplateBody: "Resources: [\n  a: b: c" }))).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringMatching(/^Template format error: YAML not well-formed/),
    });
    const cyclic = [
      "Resources:",
      "  A:",
      "    Type: AWS::EC2::VPC",
      "    DependsOn: B",
      "    Properties: { CidrBlock: 10.0.0.0/16 }",
      "  B:",
      "    Type: AWS::EC2::RouteTable",
      "    Properties: { VpcId: !Ref A }",
    ].join("\n");
    await expect(l.clients.cfn.send(new CreateStackCommand({ StackName: "cyc", TemplateBody: cyclic }))).rejects.toMatchObject({
      name: "ValidationError",
      message: "Circular dependency between resources: [A, B]",
    });
    await expect(
      l.clients.cfn.send(new CreateStackCommand({ StackName: "typ", TemplateBody: "Resources:\n  X:\n    Type: AWS::Foo::Bar\n" })),
    ).rejects.toMatchObject({ message: "Template format error: Unrecognized resource types: [AWS::Foo::Bar]" });
  });
});

describe("resource failures roll the stack back", () => {
  it("lets two participants with different prefixes deploy side by side; the same prefix fails on the IAM role", async () => {
    const l = await lab();
    await deploy(l, "alice-consumer", CONSUMER, { Prefix: "alice" });
    await deploy(l, "bob-consumer", CONSUMER, { Prefix: "bob", VpcCidr: "10.2.0.0/16", PrivateSubnetCidr: "10.2.0.0/24" });
    expect(await stackStatus(l, "bob-consumer")).toBe("CREATE_COMPLETE");
    // (the vCPU quota of 5 is what stops a third Consumer; raise it to reach the role clash)
    l.sandbox.store.transact((w) => {
      w.quotas.runningOnDemandStandardVcpus = 64;
      w.quotas.vpcsPerRegion = 64;
    });
    const { StackId } = await deploy(l, "alice-again", CONSUMER, { Prefix: "alice" });
    const stack = (await l.clients.cfn.send(new DescribeStacksCommand({ StackName: "alice-again" }))).Stacks?.[0];
    expect(stack?.StackStatus).toBe("ROLLBACK_COMPLETE");
    const events = (await l.clients.cfn.send(new DescribeStackEventsCommand({ StackName: "alice-again" }))).StackEvents ?? [];
    const rollback = events.find((e) => e.ResourceStatus === "ROLLBACK_IN_PROGRESS");
    expect(rollback?.ResourceStatusReason).toMatch(/^The following resource\(s\) failed to create: \[.*Ec2Role.*\]\. Rollback requested by user\.$/);
    const failed = events.find((e) => e.LogicalResourceId === "Ec2Role" && e.ResourceStatus === "CREATE_FAILED");
    expect(failed?.ResourceStatusReason).toBe("Resource of type 'AWS::IAM::Role' with identifier 'alice-ec2-role' already exists.");
    expect(events.some((e) => e.ResourceStatus === "DELETE_COMPLETE" && e.LogicalResourceId === "Vpc")).toBe(true);
    // The first participant's role is untouched; the failed stack left nothing behind.
    const world = l.sandbox.store.snapshot();
    expect(exists(world.iamRoles["alice-ec2-role"]!.life, l.clock.now())).toBe(true);
    const rw = world.regions["ap-northeast-1"]!;
    expect(Object.values(rw.vpcs).filter((v) => v.life.stackId === StackId && exists(v.life, l.clock.now()))).toEqual([]);
  });

  it("rolls back when the instance type is not offered in the pinned AZ (us-east-1e)", async () => {
    const l = await lab("us-east-1");
    await deploy(l, "plab-provider", PROVIDER, { AvailabilityZone: "us-east-1e" });
    expect(await stackStatus(l, "plab-provider")).toBe("ROLLBACK_COMPLETE");
    const res = (await l.clients.cfn.send(new DescribeStackResourcesCommand({ StackName: "plab-provider" }))).StackResources ?? [];
    expect(res.every((r) => r.ResourceStatus === "DELETE_COMPLETE")).toBe(true);
    const events = (await l.clients.cfn.send(new DescribeStackEventsCommand({ StackName: "plab-provider" }))).StackEvents ?? [];
    const failed = events.find((e) => e.LogicalResourceId === "EC2Instance" && e.ResourceStatus === "CREATE_FAILED");
    expect(failed?.ResourceStatusReason).toContain(
      "Your requested instance type (t3.micro) is not supported in your requested Availability Zone (us-east-1e). Please retry your request by not specifying an Availability Zone or choosing us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f.",
    );
    expect(failed?.ResourceStatusReason).toContain("Error Code: Unsupported");
    expect(failed?.ResourceStatusReason).toContain("(Service: Ec2, "); // CloudFormation's name for the service, from the resource type
    // NLB and the rest never started: they depend on the instance (directly or not) or were cancelled.
    expect(events.some((e) => e.LogicalResourceId === "NLBListener")).toBe(false);
  });

  it("fails the instance on the running-vCPU quota and the VPC on the VPC quota", async () => {
    const l = await lab();
    await deploy(l, "a", CONSUMER, { Prefix: "a" });
    await deploy(l, "b", CONSUMER, { Prefix: "b" });
    await deploy(l, "c", CONSUMER, { Prefix: "c" });
    expect(await stackStatus(l, "c")).toBe("ROLLBACK_COMPLETE");
    const events = (await l.clients.cfn.send(new DescribeStackEventsCommand({ StackName: "c" }))).StackEvents ?? [];
    expect(events.find((e) => e.ResourceStatus === "CREATE_FAILED")?.ResourceStatusReason).toContain("VcpuLimitExceeded");
    // A stopped instance holds no vCPUs: with b's stopped, e fits (quota 5: a's 2 + e's 2).
    const b = (await l.clients.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: "tag:aws:cloudformation:stack-name", Values: ["b"] }] }))).Reservations![0]!.Instances![0]!.InstanceId!;
    await l.clients.ec2.send(new StopInstancesCommand({ InstanceIds: [b] }));
    await deploy(l, "e", CONSUMER, { Prefix: "e" });
    expect(await stackStatus(l, "e")).toBe("CREATE_COMPLETE");
    l.sandbox.store.transact((w) => {
      w.quotas.vpcsPerRegion = 2;
    });
    await deploy(l, "d", CONSUMER, { Prefix: "d" });
    const dEvents = (await l.clients.cfn.send(new DescribeStackEventsCommand({ StackName: "d" }))).StackEvents ?? [];
    const vpcFail = dEvents.find((e) => e.LogicalResourceId === "Vpc" && e.ResourceStatus === "CREATE_FAILED");
    expect(vpcFail?.ResourceStatusReason).toContain("The maximum number of VPCs has been reached.");
  });

  it("undoes what a failing resource had already made: an NLB whose second subnet is missing leaves no network interface", async () => {
    const l = await lab();
    const body = [
      "Resources:",
      "  Vpc:",
      "    Type: AWS::EC2::VPC",
      "    Properties: { CidrBlock: 10.9.0.0/16 }",
      "  Subnet:",
      "    Type: AWS::EC2::Subnet",
      "    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.9.1.0/24, AvailabilityZone: ap-northeast-1a }",
      "  NLB:",
      "    Type: AWS::ElasticLoadBalancingV2::LoadBalancer",
      "    Properties: { Type: network, Scheme: internal, Subnets: [!Ref Subnet, subnet-0aaaaaaaaaaaaaaaa] }",
    ].join("\n");
    await deploy(l, "half", body);
    expect(await stackStatus(l, "half")).toBe("ROLLBACK_COMPLETE");
    const events = (await l.clients.cfn.send(new DescribeStackEventsCommand({ StackName: "half" }))).StackEvents ?? [];
    expect(events.find((e) => e.LogicalResourceId === "NLB" && e.ResourceStatus === "CREATE_FAILED")?.ResourceStatusReason).toContain("subnet-0aaaaaaaaaaaaaaaa");
    // The interface its first subnet got was undone with it: none is left for the NLB that never was.
    const enis = Object.values(l.sandbox.store.snapshot().regions["ap-northeast-1"]!.networkInterfaces);
    expect(enis.filter((e) => e.Description.startsWith("ELB net/"))).toEqual([]);
  });

  it("fails a load balancer name longer than 32 characters", async () => {
    const l = await lab();
    await deploy(l, "long", PROVIDER, { Prefix: "a-very-long-participant-prefix-x" });
    expect(await stackStatus(l, "long")).toBe("ROLLBACK_COMPLETE");
    const events = (await l.clients.cfn.send(new DescribeStackEventsCommand({ StackName: "long" }))).StackEvents ?? [];
    const reasons = events.filter((e) => e.ResourceStatus === "CREATE_FAILED").map((e) => e.ResourceStatusReason ?? "");
    expect(reasons.some((r) => r.includes("cannot be longer than '32' characters"))).toBe(true);
  });
});
