/** AWS::EC2::SecurityGroup and AWS::EC2::VPCEndpoint, through the shared EC2 model functions. */
import { authorizeRules, createSecurityGroup, deleteSecurityGroup, securityGroupBlocker } from "../../model/security-groups.js";
import { createVpcEndpoint, deleteVpcEndpoint } from "../../model/vpc-endpoints.js";
import type { EndpointType, SgRule } from "../../world.js";
import { isRecord } from "../template.js";
import { dependencyViolation, generatedName, propBool, propString, propStrings, requireProp, ResourceFailure, type ResourceProvider } from "./types.js";

function ingressRule(raw: unknown): Omit<SgRule, "SecurityGroupRuleId"> {
  if (!isRecord(raw)) throw new ResourceFailure("Properties validation failed for resource with message: #/SecurityGroupIngress: expected type: JSONObject");
  return {
    IpProtocol: String(raw.IpProtocol ?? "-1"),
    ...(raw.FromPort !== undefined ? { FromPort: Number(raw.FromPort) } : {}),
    ...(raw.ToPort !== undefined ? { ToPort: Number(raw.ToPort) } : {}),
    ...(raw.CidrIp !== undefined ? { CidrIpv4: String(raw.CidrIp) } : {}),
    ...(raw.SourceSecurityGroupId !== undefined ? { ReferencedGroupId: String(raw.SourceSecurityGroupId) } : {}),
    ...(raw.Description !== undefined ? { Description: String(raw.Description) } : {}),
  };
}

export const securityGroupProvider: ResourceProvider = {
  attributes: ["GroupId", "VpcId"],
  create(ctx, { props, life, tags, stackName, logicalId }) {
    const sg = createSecurityGroup(ctx, {
      GroupName: propString(props, "GroupName") ?? generatedName(stackName, logicalId, 255),
      Description: requireProp(props, "GroupDescription"),
      VpcId: requireProp(props, "VpcId"),
      Tags: tags,
      life,
    });
    const ingress = Array.isArray(props.SecurityGroupIngress) ? props.SecurityGroupIngress.map(ingressRule) : [];
    if (ingress.length > 0) authorizeRules(ctx, sg.GroupId, ingress, "Ingress");
    return { physicalId: sg.GroupId, attrs: { GroupId: sg.GroupId, VpcId: sg.VpcId } };
  },
  blocker: dependencyViolation(securityGroupBlocker),
  delete: deleteSecurityGroup,
};

const endpointType = (props: Record<string, unknown>): EndpointType => {
  const t = propString(props, "VpcEndpointType") ?? "Gateway";
  if (t !== "Interface" && t !== "Gateway" && t !== "GatewayLoadBalancer") {
    throw new ResourceFailure(`Properties validation failed for resource with message: #/VpcEndpointType: ${t} is not a valid enum value`);
  }
  return t;
};

export const vpcEndpointProvider: ResourceProvider = {
  attributes: ["CreationTimestamp", "DnsEntries", "Id", "NetworkInterfaceIds"],
  createSeconds: (props) => (endpointType(props) === "Gateway" ? 10 : 90),
  deleteSeconds: (ctx, id) => (ctx.rw.vpcEndpoints[id]?.VpcEndpointType === "Gateway" ? 5 : 60),
  create(ctx, { props, life, tags }) {
    const type = endpointType(props);
    const privateDns = propBool(props, "PrivateDnsEnabled");
    const ep = createVpcEndpoint(ctx, {
      VpcEndpointType: type,
      ServiceName: requireProp(props, "ServiceName"),
      VpcId: requireProp(props, "VpcId"),
      SubnetIds: propStrings(props, "SubnetIds"),
      RouteTableIds: propStrings(props, "RouteTableIds"),
      SecurityGroupIds: propStrings(props, "SecurityGroupIds"),
      ...(privateDns !== undefined ? { PrivateDnsEnabled: privateDns } : {}),
      Tags: tags,
      life,
    });
    return {
      physicalId: ep.VpcEndpointId,
      attrs: {
        Id: ep.VpcEndpointId,
        CreationTimestamp: new Date(life.createdAt).toISOString(),
        DnsEntries: ep.DnsEntries.map((d) => `${d.HostedZoneId}:${d.DnsName}`),
        NetworkInterfaceIds: [...ep.NetworkInterfaceIds],
      },
    };
  },
  delete: deleteVpcEndpoint,
};
