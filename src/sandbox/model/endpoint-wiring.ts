/**
 * How an endpoint is wired into the VPC once created: DNS names for an Interface endpoint (one
 * regional name, one zonal name per subnet, and the service's own name with private DNS), and the
 * prefix-list routes of a Gateway endpoint.
 */
import type { HandlerContext } from "../handler.js";
import { fnv1a, type DnsEntry, type VpcEndpoint } from "../world.js";
import { vpceHostedZoneId } from "./aws-services.js";
import type { ServiceTarget } from "./endpoint-services.js";

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
export function endpointDnsEntries(ctx: HandlerContext, ep: VpcEndpoint, target: ServiceTarget, suffix: string): DnsEntry[] {
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
export function addGatewayRoutes(ctx: HandlerContext, ep: VpcEndpoint, target: ServiceTarget): void {
  if (!target.prefixListId) return;
  for (const id of ep.RouteTableIds) {
    ctx.rw.routeTables[id]?.Routes.push({ DestinationPrefixListId: target.prefixListId, GatewayId: ep.VpcEndpointId });
  }
}

export function removeGatewayRoutes(ctx: HandlerContext, ep: VpcEndpoint): void {
  for (const id of ep.RouteTableIds) {
    const rt = ctx.rw.routeTables[id];
    if (rt) rt.Routes = rt.Routes.filter((r) => r.GatewayId !== ep.VpcEndpointId);
  }
}
