/**
 * VPC endpoints (Interface, Gateway) and their lifecycle. (Owned by the EC2 handlers; used by the
 * CloudFormation engine for AWS::EC2::VPCEndpoint.)
 */
import type { HandlerContext } from "../handler.js";
import { newId, notDeletedBy, type VpcEndpoint } from "../world.js";
import { createNetworkInterface, releaseNetworkInterfaces } from "./network-interfaces.js";
import { priorByClientToken, resolveServiceTarget, type ServiceTarget } from "./endpoint-services.js";
import { ENDPOINT_TIMES } from "./endpoint-state.js";
import { checkEndpointPlacement, type NewVpcEndpoint } from "./endpoint-checks.js";
import { addGatewayRoutes, endpointDnsEntries, removeGatewayRoutes } from "./endpoint-wiring.js";

const sorted = (xs: string[] | undefined): string => [...(xs ?? [])].sort().join(",");

/** Same type, service, VPC, subnets and route tables (and groups, when given), and not deleted. */
function sameEndpoint(ctx: HandlerContext, prior: VpcEndpoint, p: NewVpcEndpoint): boolean {
  return (
    prior.VpcEndpointType === p.VpcEndpointType &&
    prior.ServiceName === p.ServiceName &&
    prior.VpcId === p.VpcId &&
    sorted(prior.SubnetIds) === sorted(p.SubnetIds) &&
    sorted(prior.RouteTableIds) === sorted(p.RouteTableIds) &&
    (p.SecurityGroupIds === undefined || sorted(prior.SecurityGroupIds) === sorted(p.SecurityGroupIds)) &&
    notDeletedBy(prior.life, ctx.now)
  );
}

/** Eight lower-case letters and digits, as in `vpce-0abc…-x1y2z3w4.vpce-svc-….vpce.amazonaws.com`. */
function dnsSuffix(): string {
  const chars = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from({ length: 8 }, () => chars[Math.floor(Math.random() * chars.length)]).join("");
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
  const target: ServiceTarget = resolveServiceTarget(ctx, p.ServiceName, p.VpcEndpointType);
  const placement = checkEndpointPlacement(ctx, p, target);
  const life = p.life ? { ...p.life } : { createdAt: ctx.now, readyAt: ctx.after(ENDPOINT_TIMES.create), speed: ctx.speed };
  const ep: VpcEndpoint = {
    VpcEndpointId: newId(ctx.world, "vpce"),
    VpcEndpointType: p.VpcEndpointType,
    ServiceName: p.ServiceName,
    VpcId: p.VpcId,
    SubnetIds: [...(p.SubnetIds ?? [])],
    RouteTableIds: [...(p.RouteTableIds ?? [])],
    SecurityGroupIds: placement.securityGroupIds,
    PrivateDnsEnabled: placement.privateDnsEnabled,
    NetworkInterfaceIds: [],
    DnsEntries: [],
    ClientToken: p.ClientToken,
    Tags: p.Tags ? p.Tags.map((t) => ({ ...t })) : [],
    connection: { requiresAcceptance: target.acceptanceRequired },
    life,
  };
  if (ep.VpcEndpointType === "Interface") {
    for (const subnetId of ep.SubnetIds) {
      const eni = createNetworkInterface(ctx, {
        SubnetId: subnetId,
        GroupIds: ep.SecurityGroupIds,
        InterfaceType: "vpc_endpoint",
        Description: `VPC Endpoint Interface ${ep.VpcEndpointId}`,
        OwnerRef: ep.VpcEndpointId,
        RequesterManaged: true,
        life: { createdAt: life.createdAt, readyAt: life.createdAt, stackId: life.stackId },
      });
      ep.NetworkInterfaceIds.push(eni.NetworkInterfaceId);
    }
    ep.DnsEntries = endpointDnsEntries(ctx, ep, target, dnsSuffix());
  } else {
    addGatewayRoutes(ctx, ep, target);
  }
  ctx.rw.vpcEndpoints[ep.VpcEndpointId] = ep;
  return ep;
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
