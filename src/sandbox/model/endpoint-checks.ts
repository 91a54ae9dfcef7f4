/**
 * What CreateVpcEndpoint checks before it creates anything, with AWS's error codes and wording:
 * the VPC, the endpoint type against the service, subnets (one per AZ, in AZs the service supports),
 * security groups (the VPC's default group when none is given), private DNS and quotas.
 */
import type { HandlerContext } from "../handler.js";
import { notDeletedBy, type NewOf, type VpcEndpoint } from "../world.js";
import { EC2_KINDS, failNotFound, requireEntity } from "./ec2-kinds.js";
import type { ServiceTarget } from "./endpoint-services.js";
import { defaultSecurityGroup } from "./security-groups.js";
import { endpointState } from "./endpoint-state.js";

/** What CreateVpcEndpoint (or the CloudFormation engine, with its own `life`) asks for; `life` defaults to AWS's usual times from now. */
export type NewVpcEndpoint = NewOf<
  VpcEndpoint,
  "VpcEndpointType" | "ServiceName" | "VpcId",
  "SubnetIds" | "RouteTableIds" | "SecurityGroupIds" | "PrivateDnsEnabled" | "ClientToken" | "Tags" | "life"
>;

/** The security groups and private DNS setting the endpoint is to have. */
type Placement = Pick<VpcEndpoint, "SecurityGroupIds" | "PrivateDnsEnabled">;

function checkType(ctx: HandlerContext, p: NewVpcEndpoint, target: ServiceTarget): void {
  if (!target.types.includes(p.VpcEndpointType)) {
    ctx.fail("InvalidParameter", `Endpoint type (${p.VpcEndpointType}) does not match available service types ([${target.types.join(", ")}]).`);
  }
  if (p.VpcEndpointType === "Gateway" && (p.SubnetIds?.length ?? 0) > 0) {
    ctx.fail("InvalidParameter", "Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints.");
  }
  if (p.VpcEndpointType !== "Gateway" && (p.RouteTableIds?.length ?? 0) > 0) {
    ctx.fail("InvalidParameter", "Route table IDs are only supported for Gateway type VPC Endpoint.");
  }
}

/** Interface endpoints per VPC and gateway endpoints per region (Service Quotas L-29B6F2EB, L-1B52E74A). */
function checkQuotas(ctx: HandlerContext, p: NewVpcEndpoint): void {
  const counted = Object.values(ctx.rw.vpcEndpoints).filter(
    (e) => e.VpcEndpointType === p.VpcEndpointType && notDeletedBy(e.life, ctx.now) && endpointState(e, ctx.now) !== "deleting",
  );
  const over =
    p.VpcEndpointType === "Gateway"
      ? counted.length >= ctx.world.quotas.gatewayEndpointsPerRegion
      : counted.filter((e) => e.VpcId === p.VpcId).length >= ctx.world.quotas.interfaceEndpointsPerVpc;
  if (over) ctx.fail("VpcEndpointLimitExceeded", "The maximum number of VPC endpoints has been reached.");
}

function checkSubnets(ctx: HandlerContext, p: NewVpcEndpoint, target: ServiceTarget): void {
  const seenZones = new Map<string, string>();
  for (const subnetId of p.SubnetIds ?? []) {
    const subnet = requireEntity(ctx, "subnets", subnetId);
    if (subnet.VpcId !== p.VpcId) {
      ctx.fail("InvalidParameter", `The subnet ID '${subnetId}' does not belong to the VPC '${p.VpcId}'.`);
    }
    if (seenZones.has(subnet.AvailabilityZone)) {
      ctx.fail(
        "DuplicateSubnetsInSameZone",
        `Found another VPC endpoint subnet in the availability zone of ${subnetId}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`,
      );
    }
    seenZones.set(subnet.AvailabilityZone, subnetId);
    if (!target.zones.includes(subnet.AvailabilityZone)) {
      ctx.fail(
        "InvalidParameter",
        `The VPC endpoint service ${target.ServiceName} does not support the availability zone of the subnet: ${subnetId}.`,
      );
    }
  }
}

function securityGroups(ctx: HandlerContext, p: NewVpcEndpoint): string[] {
  if (!p.SecurityGroupIds || p.SecurityGroupIds.length === 0) return [defaultSecurityGroup(ctx, p.VpcId).GroupId];
  for (const id of p.SecurityGroupIds) {
    const sg = requireEntity(ctx, "securityGroups", id);
    if (sg.VpcId !== p.VpcId) {
      ctx.fail("InvalidParameter", `Security group ${id} and VPC ${p.VpcId} belong to different networks.`);
    }
  }
  return [...p.SecurityGroupIds];
}

function checkPrivateDns(ctx: HandlerContext, p: NewVpcEndpoint, target: ServiceTarget): boolean {
  if (!p.PrivateDnsEnabled) return false;
  if (!target.privateDnsName) {
    ctx.fail("InvalidParameter", `Private DNS can't be enabled because the service ${target.ServiceName} does not provide a private DNS name.`);
  }
  const vpc = ctx.rw.vpcs[p.VpcId];
  if (vpc && !(vpc.EnableDnsSupport && vpc.EnableDnsHostnames)) {
    ctx.fail(
      "InvalidParameter",
      `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${p.VpcId}`,
    );
  }
  const clash = Object.values(ctx.rw.vpcEndpoints).find(
    (e) => e.VpcId === p.VpcId && e.ServiceName === p.ServiceName && e.PrivateDnsEnabled && notDeletedBy(e.life, ctx.now),
  );
  if (clash) {
    ctx.fail(
      "InvalidParameter",
      `private-dns-enabled cannot be set because there is already a conflicting DNS domain for ${target.privateDnsName} in the VPC ${p.VpcId}`,
    );
  }
  return true;
}

function checkRouteTables(ctx: HandlerContext, p: NewVpcEndpoint, target: ServiceTarget, prior?: VpcEndpoint): void {
  // (a modified endpoint's own route tables have its route already)
  for (const id of (p.RouteTableIds ?? []).filter((id) => !prior?.RouteTableIds.includes(id))) {
    const rt = requireEntity(ctx, "routeTables", id);
    if (rt.VpcId !== p.VpcId) failNotFound(ctx, EC2_KINDS.routeTables, id);
    if (rt.Routes.some((r) => r.DestinationPrefixListId === target.prefixListId)) {
      ctx.fail("RouteAlreadyExists", `route table ${id} already has a route with destination-prefix-list-id ${target.prefixListId}`);
    }
  }
}

/** Every check, in AWS's order; returns the security groups and private DNS setting to use. */
export function checkEndpointPlacement(ctx: HandlerContext, p: NewVpcEndpoint, target: ServiceTarget): Placement {
  requireEntity(ctx, "vpcs", p.VpcId);
  checkType(ctx, p, target);
  checkQuotas(ctx, p);
  return checkPlacement(ctx, p, target);
}

/** The subnets, groups, route tables and private DNS an endpoint is to have after ModifyVpcEndpoint. */
type EndpointChange = Pick<VpcEndpoint, "SubnetIds" | "SecurityGroupIds" | "RouteTableIds" | "PrivateDnsEnabled">;

/** What ModifyVpcEndpoint checks, as CreateVpcEndpoint would of the new settings; returns the groups and private DNS to use. */
export function checkEndpointChange(ctx: HandlerContext, ep: VpcEndpoint, next: EndpointChange, target: ServiceTarget): Placement {
  const p: NewVpcEndpoint = { VpcEndpointType: ep.VpcEndpointType, ServiceName: ep.ServiceName, VpcId: ep.VpcId, ...next };
  checkType(ctx, p, target);
  return checkPlacement(ctx, p, target, ep);
}

/** A Gateway's route tables; an Interface's subnets, private DNS and groups (`prior`: the endpoint being modified). */
function checkPlacement(ctx: HandlerContext, p: NewVpcEndpoint, target: ServiceTarget, prior?: VpcEndpoint): Placement {
  if (p.VpcEndpointType === "Gateway") {
    checkRouteTables(ctx, p, target, prior);
    return { SecurityGroupIds: [], PrivateDnsEnabled: false };
  }
  checkSubnets(ctx, p, target);
  // (an endpoint that has private DNS on already is no conflict of its own)
  const PrivateDnsEnabled = (prior?.PrivateDnsEnabled && p.PrivateDnsEnabled) || checkPrivateDns(ctx, p, target);
  return { SecurityGroupIds: securityGroups(ctx, p), PrivateDnsEnabled };
}
