/**
 * DescribeVpcs, DescribeSubnets, DescribeRouteTables: the networks the CloudFormation engine builds,
 * with their state derived from the clock (a VPC is `pending` until its `readyAt`).
 */
import type { RouteTable as SdkRouteTable, Subnet as SdkSubnet, Vpc as SdkVpc } from "@aws-sdk/client-ec2";
import { type Ec2, type HandlerContext, handlers } from "../../handler.js";
import { exists, isReady, live, type RouteTable, type Subnet, type Vpc } from "../../world.js";
import { describe, outTags, sameNamed } from "./filters.js";

const readyState = (life: Vpc["life"], now: number): "available" | "pending" => (isReady(life, now) ? "available" : "pending");

function toSdkVpc(ctx: HandlerContext, v: Vpc): SdkVpc {
  return {
    VpcId: v.VpcId,
    State: readyState(v.life, ctx.now),
    CidrBlock: v.CidrBlock,
    CidrBlockAssociationSet: [{ AssociationId: `vpc-cidr-assoc-${v.VpcId.slice(4)}`, CidrBlock: v.CidrBlock, CidrBlockState: { State: "associated" } }],
    DhcpOptionsId: "dopt-0sandbox",
    InstanceTenancy: "default",
    IsDefault: v.IsDefault,
    OwnerId: ctx.world.accountId,
    Tags: outTags(v.Tags),
  };
}

/** Number of addresses AWS lets you use in a subnet: the block minus five reserved ones and ENIs. */
function availableIps(ctx: HandlerContext, s: Subnet): number {
  const bits = Number(s.CidrBlock.split("/")[1] ?? 24);
  const used = live(ctx.rw.networkInterfaces, ctx.now).filter((e) => e.SubnetId === s.SubnetId).length;
  return 2 ** (32 - bits) - 5 - used;
}

function toSdkSubnet(ctx: HandlerContext, s: Subnet): SdkSubnet {
  return {
    SubnetId: s.SubnetId,
    SubnetArn: `arn:aws:ec2:${ctx.region}:${ctx.world.accountId}:subnet/${s.SubnetId}`,
    VpcId: s.VpcId,
    State: readyState(s.life, ctx.now),
    CidrBlock: s.CidrBlock,
    AvailabilityZone: s.AvailabilityZone,
    AvailabilityZoneId: s.AvailabilityZoneId,
    AvailableIpAddressCount: availableIps(ctx, s),
    DefaultForAz: false,
    MapPublicIpOnLaunch: false,
    OwnerId: ctx.world.accountId,
    Tags: outTags(s.Tags),
  };
}

/** Routes to a gateway endpoint show only while that endpoint exists. */
function visibleRoutes(ctx: HandlerContext, rt: RouteTable): RouteTable["Routes"] {
  return rt.Routes.filter((r) => {
    if (!r.GatewayId.startsWith("vpce-")) return true;
    const ep = ctx.rw.vpcEndpoints[r.GatewayId];
    return ep !== undefined && exists(ep.life, ctx.now);
  });
}

function toSdkRouteTable(ctx: HandlerContext, rt: RouteTable): SdkRouteTable {
  return {
    RouteTableId: rt.RouteTableId,
    VpcId: rt.VpcId,
    OwnerId: ctx.world.accountId,
    PropagatingVgws: [],
    Routes: visibleRoutes(ctx, rt).map((r) => ({
      ...(r.DestinationCidrBlock ? { DestinationCidrBlock: r.DestinationCidrBlock } : {}),
      ...(r.DestinationPrefixListId ? { DestinationPrefixListId: r.DestinationPrefixListId } : {}),
      GatewayId: r.GatewayId,
      Origin: r.GatewayId === "local" ? "CreateRouteTable" : "CreateRoute",
      State: "active",
    })),
    Associations: rt.Associations.filter((a) => exists(a.life, ctx.now)).map((a) => ({
      RouteTableAssociationId: a.RouteTableAssociationId,
      RouteTableId: rt.RouteTableId,
      Main: a.Main,
      ...(a.SubnetId ? { SubnetId: a.SubnetId } : {}),
      AssociationState: { State: "associated" },
    })),
    Tags: outTags(rt.Tags),
  };
}

export const networkHandlers = handlers<Ec2>({
  DescribeVpcsCommand: (ctx, input) => {
    const vpcs = describe(ctx, "vpcs", { ids: input.VpcIds, filters: input.Filters }, {
      ...sameNamed<Vpc>("vpc-id", "is-default"),
      "cidr": (v) => v.CidrBlock,
      "cidr-block-association.cidr-block": (v) => v.CidrBlock,
      "owner-id": () => ctx.world.accountId,
      "state": (v) => readyState(v.life, ctx.now),
    });
    return { Vpcs: vpcs.map((v) => toSdkVpc(ctx, v)) };
  },

  DescribeSubnetsCommand: (ctx, input) => {
    const subnets = describe(ctx, "subnets", { ids: input.SubnetIds, filters: input.Filters }, {
      ...sameNamed<Subnet>("subnet-id", "vpc-id", "availability-zone", "availability-zone-id", "cidr-block"),
      "state": (s) => readyState(s.life, ctx.now),
    });
    return { Subnets: subnets.map((s) => toSdkSubnet(ctx, s)) };
  },

  DescribeRouteTablesCommand: (ctx, input) => {
    const tables = describe(ctx, "routeTables", { ids: input.RouteTableIds, filters: input.Filters }, {
      ...sameNamed<RouteTable>("route-table-id", "vpc-id"),
      "association.subnet-id": (r) => r.Associations.filter((a) => exists(a.life, ctx.now)).map((a) => a.SubnetId),
      "association.main": (r) => String(r.Main),
      "route.gateway-id": (r) => visibleRoutes(ctx, r).map((x) => x.GatewayId),
      "route.destination-prefix-list-id": (r) => visibleRoutes(ctx, r).map((x) => x.DestinationPrefixListId),
      "route.destination-cidr-block": (r) => visibleRoutes(ctx, r).map((x) => x.DestinationCidrBlock),
    });
    return { RouteTables: tables.map((r) => toSdkRouteTable(ctx, r)) };
  },
});
