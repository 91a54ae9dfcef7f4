import {
  AcceptVpcEndpointConnectionsCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { buildLab, REGION } from "./ec2-fixtures.js";

describe("PrivateLink through the sandbox's EC2 API (instant)", () => {
  it("endpoint service → endpoint (pendingAcceptance) → allow TCP 80 → accept → available", async () => {
    const lab = await buildLab();
    const { ec2 } = lab.clients;

    // Step 3: the provider offers its NLB as an endpoint service that requires acceptance.
    const created = await ec2.send(
      new CreateVpcEndpointServiceConfigurationCommand({
        NetworkLoadBalancerArns: [lab.provider.nlbArn],
        AcceptanceRequired: true,
        TagSpecifications: [{ ResourceType: "vpc-endpoint-service", Tags: [{ Key: "Name", Value: "lab-svc" }] }],
      }),
    );
    const svc = created.ServiceConfiguration!;
    expect(svc.ServiceId).toMatch(/^vpce-svc-[0-9a-f]{17}$/);
    expect(svc.ServiceName).toBe(`com.amazonaws.vpce.${REGION}.${svc.ServiceId}`);
    expect(svc.AvailabilityZones).toEqual(["ap-northeast-1a"]);
    expect(svc.BaseEndpointDnsNames).toEqual([`${svc.ServiceId}.${REGION}.vpce.amazonaws.com`]);
    expect(svc.AcceptanceRequired).toBe(true);
    const described = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [svc.ServiceId!] }));
    expect(described.ServiceConfigurations?.[0]?.ServiceState).toBe("Available");
    const listed = await ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [svc.ServiceName!] }));
    expect(listed.ServiceDetails?.[0]?.Owner).toBe("000000000000");

    // Step 4: the consumer creates an interface endpoint with its own security group.
    const sg = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: "lab-endpoint-sg", Description: "endpoint", VpcId: lab.consumer.vpcId }),
    );
    const ep = (
      await ec2.send(
        new CreateVpcEndpointCommand({
          VpcEndpointType: "Interface",
          VpcId: lab.consumer.vpcId,
          ServiceName: svc.ServiceName,
          SubnetIds: [lab.consumer.subnetId],
          SecurityGroupIds: [sg.GroupId!],
          PrivateDnsEnabled: false,
        }),
      )
    ).VpcEndpoint!;
    expect(ep.State).toBe("pendingAcceptance");
    expect(ep.Groups).toEqual([{ GroupId: sg.GroupId, GroupName: "lab-endpoint-sg" }]);
    const id = ep.VpcEndpointId!;
    const base = `${svc.ServiceId}.${REGION}.vpce.amazonaws.com`;
    const [regional, zonal] = ep.DnsEntries!.map((d) => d.DnsName!);
    expect(regional).toMatch(new RegExp(`^${id}-[a-z0-9]{8}\\.${base.replace(/\./g, "\\.")}$`));
    expect(zonal).toBe(regional!.replace(`.${base}`, `-ap-northeast-1a.${base}`));

    // The endpoint has one requester-managed ENI in the subnet, guarded by the endpoint's group.
    const enis = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ep.NetworkInterfaceIds }));
    expect(enis.NetworkInterfaces).toHaveLength(1);
    expect(enis.NetworkInterfaces![0]).toMatchObject({
      InterfaceType: "vpc_endpoint",
      RequesterManaged: true,
      SubnetId: lab.consumer.subnetId,
      Groups: [{ GroupId: sg.GroupId }],
      Description: `VPC Endpoint Interface ${id}`,
    });

    const pending = await ec2.send(new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: "service-id", Values: [svc.ServiceId!] }] }));
    expect(pending.VpcEndpointConnections).toMatchObject([{ VpcEndpointId: id, VpcEndpointState: "pendingAcceptance", VpcEndpointOwner: "000000000000" }]);

    // Step 5: allow HTTP from the Consumer instance's group.
    const auth = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: sg.GroupId,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: lab.consumer.sgId }] }],
      }),
    );
    expect(auth.Return).toBe(true);
    expect(auth.SecurityGroupRules).toMatchObject([{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, ReferencedGroupInfo: { GroupId: lab.consumer.sgId } }]);
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg.GroupId!] }));
    expect(groups.SecurityGroups?.[0]?.IpPermissions).toMatchObject([{ IpProtocol: "tcp", FromPort: 80, UserIdGroupPairs: [{ GroupId: lab.consumer.sgId }] }]);

    // Step 6: the provider accepts; the endpoint is available.
    const accepted = await ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: svc.ServiceId, VpcEndpointIds: [id] }));
    expect(accepted.Unsuccessful).toEqual([]);
    const after = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(after.VpcEndpoints?.[0]?.State).toBe("available");
  });

  it("reaches AWS services with private DNS: the ssm endpoint answers ssm.<region>.amazonaws.com", async () => {
    const lab = await buildLab();
    const ep = (
      await lab.clients.ec2.send(
        new CreateVpcEndpointCommand({
          VpcEndpointType: "Interface",
          VpcId: lab.consumer.vpcId,
          ServiceName: `com.amazonaws.${REGION}.ssm`,
          SubnetIds: [lab.consumer.subnetId],
        }),
      )
    ).VpcEndpoint!;
    // AWS services go straight to available (no handshake); the API's default turns private DNS on.
    expect(ep.State).toBe("available");
    expect(ep.PrivateDnsEnabled).toBe(true);
    expect(ep.DnsEntries?.map((d) => d.DnsName)).toContain(`ssm.${REGION}.amazonaws.com`);
    expect(ep.DnsEntries?.[0]?.DnsName).toMatch(new RegExp(`^${ep.VpcEndpointId}-[a-z0-9]{8}\\.ssm\\.${REGION}\\.vpce\\.amazonaws\\.com$`));
    // With no security group given, the VPC's default group guards the ENI.
    expect(ep.Groups?.[0]?.GroupName).toBe("default");
  });
});
