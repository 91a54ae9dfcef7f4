import {
  CreateTagsCommand,
  CreateVpcEndpointCommand,
  DeleteTagsCommand,
  DeleteVpcEndpointsCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstancesCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { buildLab, REGION } from "./ec2-fixtures.js";

describe("EC2 Describe* and Filters", () => {
  it("filters by tag, tag-key and vpc-id; unknown ids and filters fail as on AWS", async () => {
    const lab = await buildLab();
    const { ec2 } = lab.clients;
    const make = (name: string, service: string) =>
      ec2.send(
        new CreateVpcEndpointCommand({
          VpcEndpointType: "Interface",
          VpcId: lab.consumer.vpcId,
          ServiceName: `com.amazonaws.${REGION}.${service}`,
          SubnetIds: [lab.consumer.subnetId],
          TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: "privatelink-lab:participant", Value: name }] }],
        }),
      );
    const alice = (await make("alice", "ssm")).VpcEndpoint!;
    await make("bob", "ssmmessages");

    const byTag = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "tag:privatelink-lab:participant", Values: ["alice"] }] }));
    expect(byTag.VpcEndpoints?.map((e) => e.VpcEndpointId)).toEqual([alice.VpcEndpointId]);
    const byKey = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "tag-key", Values: ["privatelink-lab:*"] }] }));
    expect(byKey.VpcEndpoints).toHaveLength(2);
    const byState = await ec2.send(
      new DescribeVpcEndpointsCommand({
        Filters: [
          { Name: "vpc-endpoint-state", Values: ["available"] },
          { Name: "service-name", Values: [`com.amazonaws.${REGION}.ssm`] },
        ],
      }),
    );
    expect(byState.VpcEndpoints).toHaveLength(1);

    await ec2.send(new CreateTagsCommand({ Resources: [lab.consumer.vpcId], Tags: [{ Key: "privatelink-lab:participant", Value: "alice" }] }));
    const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag:privatelink-lab:participant", Values: ["alice"] }] }));
    expect(vpcs.Vpcs?.map((v) => v.VpcId)).toEqual([lab.consumer.vpcId]);
    await ec2.send(new DeleteTagsCommand({ Resources: [lab.consumer.vpcId], Tags: [{ Key: "privatelink-lab:participant" }] }));
    expect((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag-key", Values: ["privatelink-lab:participant"] }] }))).Vpcs).toEqual([]);

    await expect(ec2.send(new DescribeVpcsCommand({ VpcIds: ["vpc-0000000000000dead"] }))).rejects.toMatchObject({
      name: "InvalidVpcID.NotFound",
      message: "The vpc ID 'vpc-0000000000000dead' does not exist",
    });
    await expect(ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ["vpce-0000000000000dead"] }))).rejects.toMatchObject({
      name: "InvalidVpcEndpointId.NotFound",
    });
    await expect(ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "colour", Values: ["blue"] }] }))).rejects.toMatchObject({
      name: "InvalidParameterValue",
      message: "The filter 'colour' is invalid",
    });
    await expect(ec2.send(new CreateTagsCommand({ Resources: ["vpc-0000000000000dead"], Tags: [{ Key: "a", Value: "b" }] }))).rejects.toMatchObject({
      name: "InvalidVpcID.NotFound",
    });
    await expect(ec2.send(new CreateTagsCommand({ Resources: ["nonsense"], Tags: [{ Key: "a", Value: "b" }] }))).rejects.toMatchObject({ name: "InvalidID" });
  });

  it("an S3 gateway endpoint is a route to the S3 prefix list, with no ENI and no security group", async () => {
    const lab = await buildLab();
    const { ec2 } = lab.clients;
    const ep = (
      await ec2.send(
        new CreateVpcEndpointCommand({
          VpcEndpointType: "Gateway",
          VpcId: lab.provider.vpcId,
          ServiceName: `com.amazonaws.${REGION}.s3`,
          RouteTableIds: [lab.provider.routeTableId],
        }),
      )
    ).VpcEndpoint!;
    expect(ep).toMatchObject({ State: "available", NetworkInterfaceIds: [], Groups: [], DnsEntries: [] });
    const routes = async () =>
      (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [lab.provider.routeTableId] }))).RouteTables![0]!.Routes!;
    const withEndpoint = await routes();
    expect(withEndpoint).toContainEqual(expect.objectContaining({ GatewayId: ep.VpcEndpointId, DestinationPrefixListId: expect.stringMatching(/^pl-[0-9a-f]{8}$/) }));
    const s3 = await ec2.send(new DescribeVpcEndpointServicesCommand({ Filters: [{ Name: "service-type", Values: ["Gateway"] }] }));
    expect(s3.ServiceNames).toEqual([`com.amazonaws.${REGION}.dynamodb`, `com.amazonaws.${REGION}.s3`]);

    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [ep.VpcEndpointId!] }));
    expect((await routes()).map((r) => r.GatewayId)).toEqual(["local"]);
  });

  it("instances: pending then running, with profile, placement, private IP and groups", async () => {
    const lab = await buildLab(1);
    const { ec2 } = lab.clients;
    const first = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [lab.consumer.instanceId] }))).Reservations![0]!.Instances![0]!;
    expect(first.State).toEqual({ Code: 0, Name: "pending" });
    expect(first.IamInstanceProfile?.Arn).toContain("instance-profile/lab-consumer-profile");
    expect(first.Placement?.AvailabilityZone).toBe("ap-northeast-1a");
    expect(first.PrivateIpAddress).toMatch(/^10\.0\.1\.\d+$/);
    expect(first.SecurityGroups).toEqual([{ GroupId: lab.consumer.sgId, GroupName: "consumer-sg" }]);
    lab.clock.advance(30_000);
    const running = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: "instance-state-name", Values: ["running"] }] }));
    expect(running.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId)).toEqual([lab.consumer.instanceId]);
    const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [lab.consumer.vpcId] }, { Name: "availability-zone", Values: ["ap-northeast-1a"] }] }));
    expect(subnets.Subnets?.map((s) => s.SubnetId)).toEqual([lab.consumer.subnetId]);
  });

  it("zones and instance type offerings: t3 is not offered in us-east-1e (use1-az3)", async () => {
    const lab = await buildLab();
    const { ec2 } = await createSandboxClients(lab.sandbox, "us-east-1");
    const zones = await ec2.send(new DescribeAvailabilityZonesCommand({}));
    expect(zones.AvailabilityZones).toHaveLength(6);
    expect(zones.AvailabilityZones?.find((z) => z.ZoneName === "us-east-1e")?.ZoneId).toBe("use1-az3");
    const t3 = await ec2.send(
      new DescribeInstanceTypeOfferingsCommand({ LocationType: "availability-zone", Filters: [{ Name: "instance-type", Values: ["t3.micro"] }] }),
    );
    const where = t3.InstanceTypeOfferings?.map((o) => o.Location);
    expect(where).toHaveLength(5);
    expect(where).not.toContain("us-east-1e");
  });
});
