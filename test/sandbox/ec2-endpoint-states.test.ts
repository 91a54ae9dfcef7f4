import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteVpcEndpointsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointsCommand,
  RejectVpcEndpointConnectionsCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { buildLab, type Lab } from "./ec2-fixtures.js";

async function stateOf(ec2: EC2Client, id: string): Promise<string | undefined> {
  const out = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
  return out.VpcEndpoints?.[0]?.State;
}

async function serviceWithEndpoint(lab: Lab, acceptanceRequired: boolean): Promise<{ serviceId: string; endpointId: string }> {
  const { ec2 } = lab.clients;
  const svc = (
    await ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [lab.provider.nlbArn], AcceptanceRequired: acceptanceRequired }))
  ).ServiceConfiguration!;
  lab.clock.advance(10_000);
  const ep = (
    await ec2.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: "Interface",
        VpcId: lab.consumer.vpcId,
        ServiceName: svc.ServiceName,
        SubnetIds: [lab.consumer.subnetId],
      }),
    )
  ).VpcEndpoint!;
  return { serviceId: svc.ServiceId!, endpointId: ep.VpcEndpointId! };
}

describe("VPC endpoint states over time (speed 1, manual clock)", () => {
  it("a new endpoint service is Pending, and CreateVpcEndpoint answers 503 Unavailable until it is Available", async () => {
    const lab = await buildLab(1);
    const { ec2 } = lab.clients;
    const svc = (await ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [lab.provider.nlbArn] })))
      .ServiceConfiguration!;
    expect(svc.ServiceState).toBe("Pending");
    const create = new CreateVpcEndpointCommand({
      VpcEndpointType: "Interface",
      VpcId: lab.consumer.vpcId,
      ServiceName: svc.ServiceName,
      SubnetIds: [lab.consumer.subnetId],
    });
    await expect(ec2.send(create)).rejects.toMatchObject({ name: "Unavailable", $metadata: { httpStatusCode: 503 } });
    lab.clock.advance(10_000);
    const now = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [svc.ServiceId!] }));
    expect(now.ServiceConfigurations?.[0]?.ServiceState).toBe("Available");
    await expect(ec2.send(create)).resolves.toMatchObject({ VpcEndpoint: { State: "pending" } });
  });

  it("with acceptance: pending → pendingAcceptance → (accept) pending → available", async () => {
    const lab = await buildLab(1);
    const { ec2 } = lab.clients;
    const { serviceId, endpointId } = await serviceWithEndpoint(lab, true);
    expect(await stateOf(ec2, endpointId)).toBe("pending");
    lab.clock.advance(59_000);
    expect(await stateOf(ec2, endpointId)).toBe("pending");
    lab.clock.advance(1_000);
    expect(await stateOf(ec2, endpointId)).toBe("pendingAcceptance");
    lab.clock.advance(3_600_000);
    expect(await stateOf(ec2, endpointId)).toBe("pendingAcceptance");

    await ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [endpointId] }));
    expect(await stateOf(ec2, endpointId)).toBe("pending");
    lab.clock.advance(60_000);
    expect(await stateOf(ec2, endpointId)).toBe("available");
  });

  it("without acceptance: pending → available", async () => {
    const lab = await buildLab(1);
    const { endpointId } = await serviceWithEndpoint(lab, false);
    expect(await stateOf(lab.clients.ec2, endpointId)).toBe("pending");
    lab.clock.advance(60_000);
    expect(await stateOf(lab.clients.ec2, endpointId)).toBe("available");
  });

  it("a rejected connection is `rejected`, and cannot be accepted afterwards", async () => {
    const lab = await buildLab(1);
    const { ec2 } = lab.clients;
    const { serviceId, endpointId } = await serviceWithEndpoint(lab, true);
    // Still `pending`: not yet a connection request the provider can act on.
    const early = await ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [endpointId] }));
    expect(early.Unsuccessful).toMatchObject([{ ResourceId: endpointId, Error: { Code: "InvalidState" } }]);
    lab.clock.advance(60_000);
    const rejected = await ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [endpointId, "vpce-0000000000000dead"] }));
    expect(rejected.Unsuccessful).toMatchObject([{ ResourceId: "vpce-0000000000000dead", Error: { Code: "InvalidVpcEndpointId.NotFound" } }]);
    expect(await stateOf(ec2, endpointId)).toBe("rejected");
    const late = await ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [endpointId] }));
    expect(late.Unsuccessful?.[0]?.Error?.Code).toBe("InvalidState");
    await expect(
      ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: "vpce-svc-0000000000000dead", VpcEndpointIds: [endpointId] })),
    ).rejects.toMatchObject({ name: "InvalidVpcEndpointServiceId.NotFound" });
  });

  it("DeleteVpcEndpoints: deleting → gone, and the ENI goes with it", async () => {
    const lab = await buildLab(1);
    const { ec2 } = lab.clients;
    const { endpointId } = await serviceWithEndpoint(lab, false);
    lab.clock.advance(60_000);
    const eniIds = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }))).VpcEndpoints![0]!.NetworkInterfaceIds!;
    expect(eniIds).toHaveLength(1);

    const del = await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId, "vpce-0000000000000dead"] }));
    expect(del.Unsuccessful).toMatchObject([{ ResourceId: "vpce-0000000000000dead", Error: { Code: "InvalidVpcEndpointId.NotFound" } }]);
    expect(await stateOf(ec2, endpointId)).toBe("deleting");
    const during = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: "interface-type", Values: ["vpc_endpoint"] }] }));
    expect(during.NetworkInterfaces?.map((e) => e.NetworkInterfaceId)).toEqual(eniIds);

    lab.clock.advance(60_000);
    await expect(stateOf(ec2, endpointId)).rejects.toMatchObject({
      name: "InvalidVpcEndpointId.NotFound",
      message: `The Vpc Endpoint Id '${endpointId}' does not exist`,
    });
    const gone = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: "interface-type", Values: ["vpc_endpoint"] }] }));
    expect(gone.NetworkInterfaces).toEqual([]);
  });
});
