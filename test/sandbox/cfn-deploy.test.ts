import { DescribeStackEventsCommand, DescribeStackResourcesCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { describe, expect, it } from "vitest";
import { CONSUMER, deploy, lab, PROVIDER, stackStatus } from "./cfn-helpers.js";

describe("deploying the lesson's templates", () => {
  it("creates both stacks at speed 0 with an event per resource and the outputs the lesson reads", async () => {
    const l = await lab();
    await deploy(l, "plab-consumer", CONSUMER, { Prefix: "alice" });
    await deploy(l, "plab-provider", PROVIDER, { Prefix: "alice" });
    expect(await stackStatus(l, "plab-consumer")).toBe("CREATE_COMPLETE");
    const p = (await l.clients.cfn.send(new DescribeStacksCommand({ StackName: "plab-provider" }))).Stacks?.[0];
    expect(p?.StackStatus).toBe("CREATE_COMPLETE");
    const outputs = Object.fromEntries((p?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    expect(outputs.VpcId).toMatch(/^vpc-/);
    expect(outputs.InstanceId).toMatch(/^i-/);
    expect(outputs.NLBArn).toMatch(/^arn:aws:elasticloadbalancing:ap-northeast-1:000000000000:loadbalancer\/net\/alice-nlb\//);
    expect(outputs.NLBDnsName).toMatch(/^alice-nlb-[0-9a-f]+\.elb\.ap-northeast-1\.amazonaws\.com$/);
    expect(outputs.AvailabilityZone).toBe("ap-northeast-1a");
    const ami = p?.Parameters?.find((x) => x.ParameterKey === "EC2InstanceAMI");
    expect(ami?.ResolvedValue).toMatch(/^ami-[0-9a-f]{17}$/);
    const events = (await l.clients.cfn.send(new DescribeStackEventsCommand({ StackName: "plab-provider" }))).StackEvents ?? [];
    expect(events[0]?.ResourceStatus).toBe("CREATE_COMPLETE");
    expect(events[0]?.LogicalResourceId).toBe("plab-provider");
    const completes = events.filter((e) => e.ResourceStatus === "CREATE_COMPLETE" && e.ResourceType !== "AWS::CloudFormation::Stack");
    expect(completes.map((e) => e.LogicalResourceId).sort()).toEqual(
      ["EC2Instance", "NLB", "NLBListener", "PrivateRouteTable", "PrivateSubnet", "PrivateSubnetTableAssociation", "SecurityGroup", "TargetGroup", "VPCS3Endpoint", "Vpc"].sort(),
    );
    const res = (await l.clients.cfn.send(new DescribeStackResourcesCommand({ StackName: "plab-consumer" }))).StackResources ?? [];
    expect(res.find((r) => r.LogicalResourceId === "Ec2Role")?.PhysicalResourceId).toBe("alice-ec2-role");
    expect(res.find((r) => r.LogicalResourceId === "SsmVpcEndpoint")?.PhysicalResourceId).toMatch(/^vpce-/);
  });
});
