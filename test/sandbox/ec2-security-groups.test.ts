import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  DeleteSecurityGroupCommand,
  DeleteVpcEndpointsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { securityGroupBlocker } from "../../src/sandbox/model/security-groups.js";
import { buildLab, contextFor, REGION } from "./ec2-fixtures.js";

describe("security groups", () => {
  it("CreateSecurityGroup: the default egress rule, tags, a duplicate name, an unknown VPC", async () => {
    const lab = await buildLab();
    const { ec2 } = lab.clients;
    const sg = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: "web",
        Description: "web",
        VpcId: lab.provider.vpcId,
        TagSpecifications: [{ ResourceType: "security-group", Tags: [{ Key: "Name", Value: "web-sg" }] }],
      }),
    );
    expect(sg.GroupId).toMatch(/^sg-[0-9a-f]{17}$/);
    const described = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg.GroupId!] }))).SecurityGroups![0]!;
    expect(described.Tags).toEqual([{ Key: "Name", Value: "web-sg" }]);
    expect(described.IpPermissionsEgress).toMatchObject([{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }]);
    await expect(
      ec2.send(new CreateSecurityGroupCommand({ GroupName: "web", Description: "again", VpcId: lab.provider.vpcId })),
    ).rejects.toMatchObject({ name: "InvalidGroup.Duplicate", message: `The security group 'web' already exists for VPC '${lab.provider.vpcId}'` });
    await expect(
      ec2.send(new CreateSecurityGroupCommand({ GroupName: "x", Description: "x", VpcId: "vpc-0000000000000dead" })),
    ).rejects.toMatchObject({ name: "InvalidVpcID.NotFound" });
  });

  it("Authorize (simple and IpPermissions forms), duplicates, and Revoke by permission or by rule id", async () => {
    const lab = await buildLab();
    const { ec2 } = lab.clients;
    const GroupId = lab.provider.sgId;
    const simple = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: "10.1.0.0/16" }));
    expect(simple.SecurityGroupRules).toMatchObject([{ GroupId, IsEgress: false, CidrIpv4: "10.1.0.0/16", FromPort: 80, ToPort: 80 }]);
    await expect(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "10.1.0.0/16" }] }] }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidPermission.Duplicate",
      message: 'the specified rule "peer: 10.1.0.0/16, TCP, from port: 80, to port: 80, ALLOW" already exists',
    });
    const ssh = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "10.0.0.0/8" }] }] }));
    const rules = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [GroupId] }] }));
    expect(rules.SecurityGroupRules?.filter((r) => !r.IsEgress)).toHaveLength(2);

    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, SecurityGroupRuleIds: [ssh.SecurityGroupRules![0]!.SecurityGroupRuleId!] }));
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "10.1.0.0/16" }] }] }));
    await expect(
      ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: "10.1.0.0/16" })),
    ).rejects.toMatchObject({ name: "InvalidPermission.NotFound" });
    const left = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }));
    expect(left.SecurityGroups?.[0]?.IpPermissions).toEqual([]);
  });

  it("DeleteSecurityGroup fails with DependencyViolation while an endpoint ENI or another group's rule uses it", async () => {
    const lab = await buildLab();
    const { ec2 } = lab.clients;
    const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: "ep", Description: "ep", VpcId: lab.consumer.vpcId }))).GroupId!;
    const ep = await ec2.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: "Interface",
        VpcId: lab.consumer.vpcId,
        ServiceName: `com.amazonaws.${REGION}.ssm`,
        SubnetIds: [lab.consumer.subnetId],
        SecurityGroupIds: [sg],
      }),
    );
    const blocked = { name: "DependencyViolation", message: `resource ${sg} has a dependent object` };
    await expect(ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg }))).rejects.toMatchObject(blocked);

    // Speed 0: the endpoint and its ENI are gone at once; now a rule in another group refers to it.
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [ep.VpcEndpoint!.VpcEndpointId!] }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: lab.consumer.sgId, IpPermissions: [{ IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: sg }] }] }));
    await expect(ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg }))).rejects.toMatchObject(blocked);
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: lab.consumer.sgId, IpPermissions: [{ IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: sg }] }] }));
    await expect(ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg }))).resolves.toMatchObject({ Return: true, GroupId: sg });
    await expect(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg] }))).rejects.toMatchObject({ name: "InvalidGroup.NotFound" });
  });

  it("securityGroupBlocker ignores users that belong to the stack being deleted", async () => {
    const lab = await buildLab();
    const now = lab.clock.now();
    lab.sandbox.store.transact((world) => {
      const ctx = contextFor(world, now);
      // The Consumer instance's ENI uses the group; pretend both belong to one stack.
      const eni = ctx.rw.networkInterfaces[lab.consumer.eniId]!;
      const instance = ctx.rw.instances[lab.consumer.instanceId]!;
      eni.life.stackId = "stack-consumer";
      instance.life.stackId = "stack-consumer";
      expect(securityGroupBlocker(ctx, lab.consumer.sgId)).toBe(`resource ${lab.consumer.sgId} has a dependent object`);
      expect(securityGroupBlocker(ctx, lab.consumer.sgId, "stack-consumer")).toBeUndefined();
      expect(securityGroupBlocker(ctx, lab.consumer.sgId, "stack-other")).toBeDefined();
    });
  });
});
