/**
 * VPC endpoints (Interface, Gateway) and their lifecycle, and how each is wired into its VPC: DNS
 * names for an Interface endpoint (one regional name, one zonal name per subnet, and the service's
 * own name with private DNS), prefix-list routes for a Gateway endpoint. (Owned by the EC2
 * handlers; used by the CloudFormation engine for AWS::EC2::VPCEndpoint.)
 */
import { rememberAgentsOnline } from "./ssm-agent.js";
import type { HandlerContext } from "../handler.js";
import { fnv1a, newId, notDeletedBy, type DnsEntry, type VpcEndpoint } from "../world.js";
import { vpceHostedZoneId } from "./aws-services.js";
import { createNetworkInterface, releaseNetworkInterfaces } from "./network-interfaces.js";
import { priorByClientToken, resolveServiceTarget, sameIds, type ServiceTarget } from "./endpoint-services.js";
import { ENDPOINT_TIMES } from "./endpoint-state.js";
import { checkEndpointChange, checkEndpointPlacement, type NewVpcEndpoint } from "./endpoint-checks.js";

/** Same type, service, VPC, subnets and route tables (and groups, when given), and not deleted. */
function sameEndpoint(ctx: HandlerContext, prior: VpcEndpoint, p: NewVpcEndpoint): boolean {
  return (
    prior.VpcEndpointType === p.VpcEndpointType &&
    prior.ServiceName === p.ServiceName &&
    prior.VpcId === p.VpcId &&
    sameIds(prior.SubnetIds, p.SubnetIds) &&
    sameIds(prior.RouteTableIds, p.RouteTableIds) &&
    (p.SecurityGroupIds === undefined || sameIds(prior.SecurityGroupIds, p.SecurityGroupIds)) &&
    notDeletedBy(prior.life, ctx.now)
  );
}

/** A private hosted zone id (Route 53 style: `Z` and 20 upper-case letters/digits). */
function privateHostedZoneId(seed: string): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let h = 0x811c9dc5;
  let out = "Z";
  for (let i = 0; i < 20; i++) {
    h = fnv1a(`${seed}:${i}`, h);
    out += chars[h % chars.length];
  }
  return out;
}

/**
 * Regional: `vpce-<id>-<suffix>.<base>`; zonal: `vpce-<id>-<suffix>-<az>.<base>`, where base is
 * `vpce-svc-<id>.<region>.vpce.amazonaws.com` (or `ssm.<region>.vpce.amazonaws.com` for AWS services).
 */
function endpointDnsEntries(ctx: HandlerContext, ep: VpcEndpoint, target: ServiceTarget, suffix: string): DnsEntry[] {
  const zoneId = vpceHostedZoneId(ctx.region);
  const stem = `${ep.VpcEndpointId}-${suffix}`;
  const entries: DnsEntry[] = [{ DnsName: `${stem}.${target.baseDnsName}`, HostedZoneId: zoneId }];
  for (const subnetId of ep.SubnetIds) {
    const az = ctx.rw.subnets[subnetId]?.AvailabilityZone;
    if (az) entries.push({ DnsName: `${stem}-${az}.${target.baseDnsName}`, HostedZoneId: zoneId });
  }
  if (ep.PrivateDnsEnabled && target.privateDnsName) {
    const phz = privateHostedZoneId(ep.VpcEndpointId);
    entries.push({ DnsName: target.privateDnsName, HostedZoneId: phz });
    // S3's private DNS also answers the wildcard's parent name.
    if (target.privateDnsName.startsWith("*.")) entries.push({ DnsName: target.privateDnsName.slice(2), HostedZoneId: phz });
  }
  return entries;
}

/** A Gateway endpoint adds `<prefix list> → vpce-…` to each of its route tables. */
function addGatewayRoutes(ctx: HandlerContext, ep: VpcEndpoint, target: ServiceTarget): void {
  if (!target.prefixListId) return;
  for (const id of ep.RouteTableIds) {
    ctx.rw.routeTables[id]?.Routes.push({ DestinationPrefixListId: target.prefixListId, GatewayId: ep.VpcEndpointId });
  }
}

function removeGatewayRoutes(ctx: HandlerContext, ep: VpcEndpoint): void {
  for (const id of ep.RouteTableIds) {
    const rt = ctx.rw.routeTables[id];
    if (rt) rt.Routes = rt.Routes.filter((r) => r.GatewayId !== ep.VpcEndpointId);
  }
}

/** Eight lower-case letters and digits, as in `vpce-0abc…-x1y2z3w4.vpce-svc-….vpce.amazonaws.com`. */
function dnsSuffix(): string {
  const chars = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from({ length: 8 }, () => chars[Math.floor(Math.random() * chars.length)]).join("");
}

/** An Interface endpoint's requester-managed ENI in one of its subnets, there from `at`. */
function addEndpointEni(ctx: HandlerContext, ep: VpcEndpoint, subnetId: string, at: number): void {
  const eni = createNetworkInterface(ctx, {
    SubnetId: subnetId,
    GroupIds: ep.SecurityGroupIds,
    InterfaceType: "vpc_endpoint",
    Description: `VPC Endpoint Interface ${ep.VpcEndpointId}`,
    OwnerRef: ep.VpcEndpointId,
    RequesterManaged: true,
    life: { createdAt: at, readyAt: at, stackId: ep.life.stackId },
  });
  ep.NetworkInterfaceIds.push(eni.NetworkInterfaceId);
}

/**
 * Creates an endpoint as AWS does: checks the service exists and supports the subnets' AZs, makes
 * one ENI per subnet (Interface) or adds prefix-list routes (Gateway), fills DnsEntries.
 *
 * `PrivateDnsEnabled` undefined means false here (CloudFormation's default); the CreateVpcEndpoint
 * handler applies the API's own default (true for AWS services that have a private DNS name).
 */
export function createVpcEndpoint(ctx: HandlerContext, p: NewVpcEndpoint): VpcEndpoint {
  const prior = priorByClientToken(ctx, ctx.rw.vpcEndpoints, p.ClientToken, (e) => sameEndpoint(ctx, e, p));
  if (prior) return prior;
  const target = resolveServiceTarget(ctx, p.ServiceName, p.VpcEndpointType);
  const placement = checkEndpointPlacement(ctx, p, target);
  const life = p.life ? { ...p.life } : { createdAt: ctx.now, readyAt: ctx.after(ENDPOINT_TIMES.create), speed: ctx.speed };
  const ep: VpcEndpoint = {
    VpcEndpointId: newId(ctx.world, "vpce"),
    VpcEndpointType: p.VpcEndpointType,
    ServiceName: p.ServiceName,
    VpcId: p.VpcId,
    SubnetIds: [...(p.SubnetIds ?? [])],
    RouteTableIds: [...(p.RouteTableIds ?? [])],
    SecurityGroupIds: placement.SecurityGroupIds,
    PrivateDnsEnabled: placement.PrivateDnsEnabled,
    NetworkInterfaceIds: [],
    DnsEntries: [],
    ClientToken: p.ClientToken,
    Tags: p.Tags ? p.Tags.map((t) => ({ ...t })) : [],
    connection: { requiresAcceptance: target.acceptanceRequired },
    life,
  };
  if (ep.VpcEndpointType === "Interface") {
    for (const subnetId of ep.SubnetIds) addEndpointEni(ctx, ep, subnetId, life.createdAt);
    ep.DnsEntries = endpointDnsEntries(ctx, ep, target, dnsSuffix());
  } else {
    addGatewayRoutes(ctx, ep, target);
  }
  ctx.rw.vpcEndpoints[ep.VpcEndpointId] = ep;
  return ep;
}

/** What ModifyVpcEndpoint asks: ids to add and remove, and private DNS on or off. */
interface EndpointEdit {
  AddSubnetIds?: string[] | undefined;
  RemoveSubnetIds?: string[] | undefined;
  AddSecurityGroupIds?: string[] | undefined;
  RemoveSecurityGroupIds?: string[] | undefined;
  AddRouteTableIds?: string[] | undefined;
  RemoveRouteTableIds?: string[] | undefined;
  PrivateDnsEnabled?: boolean | undefined;
}

const edited = (ids: string[], add: string[] = [], remove: string[] = []): string[] => [...new Set([...ids.filter((id) => !remove.includes(id)), ...add])];

/**
 * Changes an endpoint as ModifyVpcEndpoint does, checked as CreateVpcEndpoint checks: an Interface
 * endpoint gets an ENI in each added subnet and loses those of removed ones, its groups on every
 * ENI, and its DNS names again (the private name with private DNS on); a Gateway endpoint its routes.
 * Its state does not change: no source says AWS shows it `pending` while it applies the change.
 */
export function modifyVpcEndpoint(ctx: HandlerContext, ep: VpcEndpoint, edit: EndpointEdit): void {
  // Another group, subnet or DNS setting on an ssm endpoint can cut an SSM Agent off: it then shows ConnectionLost.
  rememberAgentsOnline(ctx.world, ctx.region, ctx.now, ctx.speed);
  const target = resolveServiceTarget(ctx, ep.ServiceName, ep.VpcEndpointType);
  const next = {
    SubnetIds: edited(ep.SubnetIds, edit.AddSubnetIds, edit.RemoveSubnetIds),
    SecurityGroupIds: edited(ep.SecurityGroupIds, edit.AddSecurityGroupIds, edit.RemoveSecurityGroupIds),
    RouteTableIds: edited(ep.RouteTableIds, edit.AddRouteTableIds, edit.RemoveRouteTableIds),
    PrivateDnsEnabled: edit.PrivateDnsEnabled ?? ep.PrivateDnsEnabled,
  };
  // An Interface endpoint keeps at least one group: AWS falls back to the default group only at creation.
  // (The wording is ours: AWS documents neither its code nor its message.)
  if (ep.VpcEndpointType === "Interface" && next.SecurityGroupIds.length === 0) {
    ctx.fail("InvalidParameter", `The VPC endpoint ${ep.VpcEndpointId} must keep at least one security group.`);
  }
  const placement = checkEndpointChange(ctx, ep, next, target);
  if (ep.VpcEndpointType === "Gateway") {
    removeGatewayRoutes(ctx, ep);
    ep.RouteTableIds = next.RouteTableIds;
    addGatewayRoutes(ctx, ep, target);
    return;
  }
  const enis = ep.NetworkInterfaceIds.map((id) => ctx.rw.networkInterfaces[id]).filter((e) => e !== undefined);
  const leaving = enis.filter((e) => !next.SubnetIds.includes(e.SubnetId)).map((e) => e.NetworkInterfaceId);
  releaseNetworkInterfaces(ctx, leaving, ctx.now);
  ep.NetworkInterfaceIds = ep.NetworkInterfaceIds.filter((id) => !leaving.includes(id));
  ep.SecurityGroupIds = placement.SecurityGroupIds;
  for (const eni of enis) eni.GroupIds = [...ep.SecurityGroupIds];
  for (const subnetId of next.SubnetIds.filter((id) => !ep.SubnetIds.includes(id))) addEndpointEni(ctx, ep, subnetId, ctx.now);
  ep.SubnetIds = next.SubnetIds;
  ep.PrivateDnsEnabled = placement.PrivateDnsEnabled;
  const suffix = new RegExp(`^${ep.VpcEndpointId}-(\\w+)\\.`).exec(ep.DnsEntries[0]?.DnsName ?? "")?.[1] ?? dnsSuffix();
  ep.DnsEntries = endpointDnsEntries(ctx, ep, target, suffix);
}

/** Starts deleting the endpoint: `deleting` now, gone (with its ENIs and routes) at `at` or after AWS's usual time. */
export function deleteVpcEndpoint(ctx: HandlerContext, endpointId: string, at?: number): void {
  const ep = ctx.rw.vpcEndpoints[endpointId];
  if (!ep) return;
  if (!notDeletedBy(ep.life, ctx.now)) return;
  ep.life.deleteRequestedAt ??= ctx.now;
  const goneAt = at ?? ctx.after(ENDPOINT_TIMES.delete);
  if (ep.life.deletedAt === undefined || ep.life.deletedAt > goneAt) ep.life.deletedAt = goneAt;
  releaseNetworkInterfaces(ctx, ep.NetworkInterfaceIds, ep.life.deletedAt);
  // The prefix-list routes leave the route tables as soon as deletion starts.
  removeGatewayRoutes(ctx, ep);
}
