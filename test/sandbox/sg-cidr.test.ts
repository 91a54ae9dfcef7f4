/**
 * A security-group rule's CIDR as EC2 checks it: the classic slip of typing the Consumer's address
 * without `/32` (or a prefix past 32) is refused with EC2's own words, and no rule is added. Before,
 * the sandbox kept `10.0.0.4` as a rule, and the learner's curl timed out with no clue why.
 */
import { AuthorizeSecurityGroupEgressCommand, AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { buildLab } from "./ec2-fixtures.js";

describe("security-group rules: the CIDR must be one", () => {
  it.each(["10.0.0.4", "10.0.0.0/33", "10.0.0.4/", "10.0.0/24", "300.0.0.1/32"])("%s is refused as malformed, and nothing is added", async (cidr) => {
    const lab = await buildLab();
    const { ec2 } = lab.clients;
    const GroupId = lab.provider.sgId;
    const before = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }))).SecurityGroups![0]!;
    await expect(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: cidr }))).rejects.toMatchObject({
      name: "InvalidParameterValue",
      message: `CIDR block ${cidr} is malformed`,
    });
    await expect(
      ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: cidr }] }] })),
    ).rejects.toMatchObject({ name: "InvalidParameterValue" });
    const after = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }))).SecurityGroups![0]!;
    expect(after.IpPermissions).toEqual(before.IpPermissions);
    expect(after.IpPermissionsEgress).toEqual(before.IpPermissionsEgress);
  });

  it("a well-formed one is still accepted (10.0.0.4/32)", async () => {
    const lab = await buildLab();
    const out = await lab.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: lab.provider.sgId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: "10.0.0.4/32" }));
    expect(out.SecurityGroupRules?.[0]?.CidrIpv4).toBe("10.0.0.4/32");
  });
});
