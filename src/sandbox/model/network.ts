/**
 * VPCs, subnets, route tables and their associations. Creating a VPC also creates its main route
 * table (with the `local` route) and its `default` security group, as AWS does; deleting the VPC
 * removes both. The `*Blocker` functions say why AWS would refuse a deletion right now.
 */
import type { HandlerContext } from "../handler.js";
import { regionInfo, zoneInfo } from "../regions.js";
import { requireEntity } from "./ec2-kinds.js";
import { defaultSecurityGroup } from "./security-groups.js";
import { exists, heldOutside, markDeleted, newId, notDeletedBy, type Life, type NewOf, type RouteTable, type Subnet, type Tag, type Vpc } from "../world.js";

export function cidrRange(cidr: string): [number, number] {
  const [base, bits] = cidr.split("/");
  const p = (base ?? "").split(".").map(Number);
  const n = Number(bits);
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0 || x > 255) || !Number.isInteger(n) || n < 0 || n > 32) {
    return [NaN, NaN];
  }
  const start = ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
  const size = 2 ** (32 - n);
  return [start - (start % size), start - (start % size) + size - 1];
}

type NewVpc = NewOf<Vpc, "CidrBlock" | "life", "EnableDnsSupport" | "EnableDnsHostnames" | "Tags">;

export function createVpc(ctx: HandlerContext, p: NewVpc): Vpc {
  const [lo] = cidrRange(p.CidrBlock);
  const bits = Number(p.CidrBlock.split("/")[1]);
  if (Number.isNaN(lo)) ctx.fail("InvalidParameterValue", `Value (${p.CidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  if (bits < 16 || bits > 28) ctx.fail("InvalidVpc.Range", `The CIDR '${p.CidrBlock}' is invalid.`);
  const count = Object.values(ctx.rw.vpcs).filter((v) => notDeletedBy(v.life, p.life.createdAt)).length;
  if (count >= ctx.world.quotas.vpcsPerRegion) ctx.fail("VpcLimitExceeded", "The maximum number of VPCs has been reached.");
  const vpc: Vpc = {
    VpcId: newId(ctx.world, "vpc"),
    CidrBlock: p.CidrBlock,
    EnableDnsSupport: p.EnableDnsSupport ?? true,
    EnableDnsHostnames: p.EnableDnsHostnames ?? false,
    IsDefault: false,
    Tags: p.Tags ?? [],
    life: { ...p.life },
  };
  ctx.rw.vpcs[vpc.VpcId] = vpc;
  const main = createRouteTable(ctx, { VpcId: vpc.VpcId, life: p.life });
  main.Main = true;
  main.Associations.push({ RouteTableAssociationId: newId(ctx.world, "rtbassoc"), Main: true, life: { ...p.life } });
  defaultSecurityGroup(ctx, vpc.VpcId, p.life);
  return vpc;
}

type NewSubnet = NewOf<Subnet, "VpcId" | "CidrBlock" | "life", "AvailabilityZone" | "Tags">;

export function createSubnet(ctx: HandlerContext, p: NewSubnet): Subnet {
  const vpc = requireEntity(ctx, "vpcs", p.VpcId, p.life.createdAt);
  const zones = regionInfo(ctx.region)?.zones ?? [];
  const zoneName = p.AvailabilityZone ?? zones[0]?.ZoneName ?? `${ctx.region}a`;
  const zone = zoneInfo(ctx.region, zoneName);
  if (!zone) {
    ctx.fail(
      "InvalidParameterValue",
      `Value (${zoneName}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((z) => z.ZoneName).join(", ")}.`,
    );
  }
  const [lo, hi] = cidrRange(p.CidrBlock);
  const [vlo, vhi] = cidrRange(vpc.CidrBlock);
  if (Number.isNaN(lo) || lo < vlo || hi > vhi) ctx.fail("InvalidSubnet.Range", `The CIDR '${p.CidrBlock}' is invalid.`);
  const clash = Object.values(ctx.rw.subnets).find((s) => {
    const [slo, shi] = cidrRange(s.CidrBlock);
    return s.VpcId === p.VpcId && notDeletedBy(s.life, p.life.createdAt) && lo <= shi && slo <= hi;
  });
  if (clash) ctx.fail("InvalidSubnet.Conflict", `The CIDR '${p.CidrBlock}' conflicts with another subnet`);
  const subnet: Subnet = {
    SubnetId: newId(ctx.world, "subnet"),
    VpcId: p.VpcId,
    CidrBlock: p.CidrBlock,
    AvailabilityZone: zone.ZoneName,
    AvailabilityZoneId: zone.ZoneId,
    Tags: p.Tags ?? [],
    life: { ...p.life },
  };
  ctx.rw.subnets[subnet.SubnetId] = subnet;
  return subnet;
}

export function createRouteTable(ctx: HandlerContext, p: { VpcId: string; Tags?: Tag[]; life: Life }): RouteTable {
  const vpc = requireEntity(ctx, "vpcs", p.VpcId, p.life.createdAt);
  const rt: RouteTable = {
    RouteTableId: newId(ctx.world, "rtb"),
    VpcId: p.VpcId,
    Main: false,
    Associations: [],
    Routes: [{ DestinationCidrBlock: vpc.CidrBlock, GatewayId: "local" }],
    Tags: p.Tags ?? [],
    life: { ...p.life },
  };
  ctx.rw.routeTables[rt.RouteTableId] = rt;
  return rt;
}

/** Associates a subnet explicitly with a route table; returns the association id. */
export function associateRouteTable(ctx: HandlerContext, p: { RouteTableId: string; SubnetId: string; life: Life }): string {
  const rt = requireEntity(ctx, "routeTables", p.RouteTableId, p.life.createdAt);
  requireEntity(ctx, "subnets", p.SubnetId, p.life.createdAt);
  const taken = explicitTable(ctx, p.SubnetId, p.life.createdAt);
  if (taken) ctx.fail("Resource.AlreadyAssociated", `the specified association for route table ${taken.RouteTableId} conflicts with an existing association`);
  const id = newId(ctx.world, "rtbassoc");
  rt.Associations.push({ RouteTableAssociationId: id, SubnetId: p.SubnetId, Main: false, life: { ...p.life } });
  return id;
}

function explicitTable(ctx: HandlerContext, subnetId: string, t: number): RouteTable | undefined {
  const associated = (rt: RouteTable) => rt.Associations.some((a) => a.SubnetId === subnetId && exists(a.life, t));
  return Object.values(ctx.rw.routeTables).find(associated);
}

/** The route table a subnet uses at `t`: its explicit association, else the VPC's main table. */
export function routeTableOfSubnet(ctx: HandlerContext, subnetId: string, t: number): RouteTable | undefined {
  const vpcId = ctx.rw.subnets[subnetId]?.VpcId;
  const main = (rt: RouteTable) => rt.VpcId === vpcId && rt.Main && exists(rt.life, t);
  return explicitTable(ctx, subnetId, t) ?? Object.values(ctx.rw.routeTables).find(main);
}

export function disassociateRouteTable(ctx: HandlerContext, associationId: string, at: number): void {
  for (const rt of Object.values(ctx.rw.routeTables)) {
    const a = rt.Associations.find((x) => x.RouteTableAssociationId === associationId);
    if (a && a.life.deletedAt === undefined) a.life.deletedAt = at;
  }
}

export function deleteRouteTable(ctx: HandlerContext, routeTableId: string, at: number): void {
  const rt = ctx.rw.routeTables[routeTableId];
  if (!rt) return;
  markDeleted(rt.life, ctx.now, at);
  for (const a of rt.Associations) if (a.life.deletedAt === undefined) a.life.deletedAt = at;
}

/** Deletes the VPC with its main route table and default security group. */
export function deleteVpc(ctx: HandlerContext, vpcId: string, at: number): void {
  const vpc = ctx.rw.vpcs[vpcId];
  if (!vpc) return;
  markDeleted(vpc.life, ctx.now, at);
  for (const rt of Object.values(ctx.rw.routeTables)) if (rt.VpcId === vpcId && rt.Main) deleteRouteTable(ctx, rt.RouteTableId, at);
  for (const sg of Object.values(ctx.rw.securityGroups)) {
    if (sg.VpcId === vpcId && sg.GroupName === "default") markDeleted(sg.life, ctx.now, at);
  }
}

/** `DependencyViolation` message when network interfaces outside the stack are still in the subnet. */
export function subnetBlocker(ctx: HandlerContext, subnetId: string, ignoreStackId?: string): string | undefined {
  const used = Object.values(ctx.rw.networkInterfaces).some((e) => e.SubnetId === subnetId && heldOutside(e.life, ctx.now, ignoreStackId));
  return used ? `The subnet '${subnetId}' has dependencies and cannot be deleted.` : undefined;
}

/** `DependencyViolation` message when subnets, groups, tables, endpoints or interfaces outside the stack remain. */
export function vpcBlocker(ctx: HandlerContext, vpcId: string, ignoreStackId?: string): string | undefined {
  const rw = ctx.rw;
  const inVpc = <T extends { VpcId: string; life: Life }>(t: Record<string, T>, skip: (e: T) => boolean = () => false): boolean =>
    Object.values(t).some((e) => e.VpcId === vpcId && !skip(e) && heldOutside(e.life, ctx.now, ignoreStackId));
  const used =
    inVpc(rw.subnets) ||
    inVpc(rw.securityGroups, (g) => g.GroupName === "default") ||
    inVpc(rw.routeTables, (r) => r.Main) ||
    inVpc(rw.vpcEndpoints) ||
    inVpc(rw.networkInterfaces) ||
    inVpc(rw.loadBalancers);
  return used ? `The vpc '${vpcId}' has dependencies and cannot be deleted.` : undefined;
}
