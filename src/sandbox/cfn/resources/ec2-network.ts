/** AWS::EC2::VPC, Subnet, RouteTable and SubnetRouteTableAssociation. */
import {
  associateRouteTable,
  createRouteTable,
  createSubnet,
  createVpc,
  deleteRouteTable,
  deleteVpc,
  disassociateRouteTable,
  subnetBlocker,
  vpcBlocker,
} from "../../model/network.js";
import { newId } from "../../world.js";
import { dependencyViolation, markDeletedIn, propBool, propString, requireProp, type ResourceProvider } from "./types.js";

export const vpcProvider: ResourceProvider = {
  attributes: ["CidrBlock", "CidrBlockAssociations", "DefaultNetworkAcl", "DefaultSecurityGroup", "Ipv6CidrBlocks", "VpcId"],
  createSeconds: () => 15,
  create(ctx, { props, life, tags }) {
    const vpc = createVpc(ctx, {
      CidrBlock: requireProp(props, "CidrBlock"),
      EnableDnsSupport: propBool(props, "EnableDnsSupport") ?? true,
      EnableDnsHostnames: propBool(props, "EnableDnsHostnames") ?? false,
      Tags: tags,
      life,
    });
    const defaultSg = Object.values(ctx.rw.securityGroups).find((g) => g.VpcId === vpc.VpcId && g.GroupName === "default");
    return {
      physicalId: vpc.VpcId,
      attrs: {
        VpcId: vpc.VpcId,
        CidrBlock: vpc.CidrBlock,
        CidrBlockAssociations: [newId(ctx.world, "vpc-cidr-assoc")],
        DefaultNetworkAcl: newId(ctx.world, "acl"),
        DefaultSecurityGroup: defaultSg?.GroupId ?? "",
        Ipv6CidrBlocks: [],
      },
    };
  },
  blocker: dependencyViolation(vpcBlocker),
  delete: deleteVpc,
};

export const subnetProvider: ResourceProvider = {
  attributes: ["AvailabilityZone", "AvailabilityZoneId", "CidrBlock", "Ipv6CidrBlocks", "NetworkAclAssociationId", "OutpostArn", "SubnetId", "VpcId"],
  create(ctx, { props, life, tags }) {
    const az = propString(props, "AvailabilityZone");
    const subnet = createSubnet(ctx, {
      VpcId: requireProp(props, "VpcId"),
      CidrBlock: requireProp(props, "CidrBlock"),
      ...(az ? { AvailabilityZone: az } : {}),
      Tags: tags,
      life,
    });
    return {
      physicalId: subnet.SubnetId,
      attrs: {
        SubnetId: subnet.SubnetId,
        VpcId: subnet.VpcId,
        CidrBlock: subnet.CidrBlock,
        AvailabilityZone: subnet.AvailabilityZone,
        AvailabilityZoneId: subnet.AvailabilityZoneId,
        Ipv6CidrBlocks: [],
        NetworkAclAssociationId: newId(ctx.world, "aclassoc"),
        OutpostArn: "",
      },
    };
  },
  blocker: dependencyViolation(subnetBlocker),
  delete: markDeletedIn((ctx) => ctx.rw.subnets),
};

export const routeTableProvider: ResourceProvider = {
  attributes: ["RouteTableId"],
  create(ctx, { props, life, tags }) {
    const rt = createRouteTable(ctx, { VpcId: requireProp(props, "VpcId"), Tags: tags, life });
    return { physicalId: rt.RouteTableId, attrs: { RouteTableId: rt.RouteTableId } };
  },
  delete: deleteRouteTable,
};

export const subnetRouteTableAssociationProvider: ResourceProvider = {
  attributes: ["Id"],
  create(ctx, { props, life }) {
    const id = associateRouteTable(ctx, { RouteTableId: requireProp(props, "RouteTableId"), SubnetId: requireProp(props, "SubnetId"), life });
    return { physicalId: id, attrs: { Id: id } };
  },
  delete: disassociateRouteTable,
};
