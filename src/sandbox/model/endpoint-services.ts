/**
 * VPC endpoint services (the provider side of PrivateLink): an NLB offered to other VPCs under a
 * name `com.amazonaws.vpce.<region>.vpce-svc-<17 hex>`, and the connections endpoints make to it.
 */
import type { HandlerContext } from "../handler.js";
import { exists, newId, type EndpointService, type EndpointType, type NewOf } from "../world.js";
import { findAwsServices } from "./aws-services.js";
import { EC2_KINDS, failNotFound } from "./ec2-kinds.js";

/** Seconds a new endpoint service stays `Pending` before `Available`. */
const SERVICE_READY_SECONDS = 10;

type NewEndpointService = NewOf<EndpointService, "NetworkLoadBalancerArns" | "AcceptanceRequired", "ClientToken" | "Tags" | "life">;

export function baseEndpointDnsName(region: string, serviceId: string): string {
  return `${serviceId}.${region}.vpce.amazonaws.com`;
}

/** ServiceState as DescribeVpcEndpointServiceConfigurations reports it. */
export function serviceState(svc: EndpointService, now: number): "Pending" | "Available" | "Deleting" | "Deleted" {
  if (svc.life.deletedAt !== undefined && svc.life.deletedAt <= now) return "Deleted";
  if (svc.life.deleteRequestedAt !== undefined && svc.life.deleteRequestedAt <= now) return "Deleting";
  return now < svc.life.readyAt ? "Pending" : "Available";
}

/** The Availability Zones of the service: those of its load balancers' subnets. */
export function serviceZones(ctx: HandlerContext, svc: Pick<EndpointService, "NetworkLoadBalancerArns">): string[] {
  const subnetIds = svc.NetworkLoadBalancerArns.flatMap((arn) => ctx.rw.loadBalancers[arn]?.SubnetIds ?? []);
  const zones = subnetIds.map((id) => ctx.rw.subnets[id]?.AvailabilityZone).filter((az): az is string => !!az);
  return [...new Set(zones)].sort();
}

/** Checks the load balancers exist, are Network Load Balancers, and serve no other service. */
function checkLoadBalancers(ctx: HandlerContext, arns: string[]): void {
  if (arns.length === 0) {
    ctx.fail("InvalidParameter", "At least one of NetworkLoadBalancerArns or GatewayLoadBalancerArns must be specified.");
  }
  for (const arn of arns) {
    const lb = ctx.rw.loadBalancers[arn];
    if (!lb || !exists(lb.life, ctx.now)) {
      ctx.fail("InvalidParameter", `Network Load Balancer ARN '${arn}' is not found.`);
    }
    if (lb.Type !== "network") {
      ctx.fail("InvalidParameter", `Load balancer '${arn}' is not a Network Load Balancer.`);
    }
    const user = Object.values(ctx.rw.endpointServices).find(
      (s) => exists(s.life, ctx.now) && s.NetworkLoadBalancerArns.includes(arn),
    );
    if (user) {
      ctx.fail("InvalidParameter", `Load balancer '${arn}' is already associated with another VPC Endpoint Service: ${user.ServiceId}.`);
    }
  }
}

/**
 * A retry with the same ClientToken gets what the first call made (so a crash between the request
 * and the answer never makes a second one); with other parameters, `IdempotentParameterMismatch`.
 */
export function priorByClientToken<T extends { ClientToken?: string | undefined }>(
  ctx: HandlerContext,
  table: Record<string, T>,
  token: string | undefined,
  same: (prior: T) => boolean,
): T | undefined {
  if (!token) return undefined;
  const prior = Object.values(table).find((e) => e.ClientToken === token);
  if (prior && !same(prior)) {
    ctx.fail("IdempotentParameterMismatch", "The client token you have provided is associated with a resource that is already deleted or has different parameters. Please use a different client token.");
  }
  return prior;
}

/** The same ids, in any order. */
export function sameIds(a: string[] = [], b: string[] = []): boolean {
  return [...a].sort().join() === [...b].sort().join();
}

export function createEndpointService(ctx: HandlerContext, p: NewEndpointService): EndpointService {
  const same = (s: EndpointService) =>
    s.AcceptanceRequired === p.AcceptanceRequired && sameIds(s.NetworkLoadBalancerArns, p.NetworkLoadBalancerArns);
  const prior = priorByClientToken(ctx, ctx.rw.endpointServices, p.ClientToken, same);
  if (prior) return prior;
  checkLoadBalancers(ctx, p.NetworkLoadBalancerArns);
  const ServiceId = newId(ctx.world, "vpce-svc");
  const svc: EndpointService = {
    ServiceId,
    ServiceName: `com.amazonaws.vpce.${ctx.region}.${ServiceId}`,
    NetworkLoadBalancerArns: [...p.NetworkLoadBalancerArns],
    AcceptanceRequired: p.AcceptanceRequired,
    AllowedPrincipals: [],
    ClientToken: p.ClientToken,
    Tags: p.Tags ? p.Tags.map((t) => ({ ...t })) : [],
    life: p.life ? { ...p.life } : { createdAt: ctx.now, readyAt: ctx.after(SERVICE_READY_SECONDS), speed: ctx.speed },
  };
  ctx.rw.endpointServices[ServiceId] = svc;
  return svc;
}

/** The account's endpoint service with this id, visible now; undefined otherwise. */
export function findEndpointService(ctx: HandlerContext, serviceId: string): EndpointService | undefined {
  const svc = ctx.rw.endpointServices[serviceId];
  return svc && exists(svc.life, ctx.now) ? svc : undefined;
}

/** The account's endpoint service by id; `InvalidVpcEndpointServiceId.NotFound` otherwise. */
export function requireEndpointService(ctx: HandlerContext, serviceId: string | undefined): EndpointService {
  const svc = findEndpointService(ctx, serviceId ?? "");
  if (!svc) return failNotFound(ctx, EC2_KINDS.endpointServices, serviceId ?? "");
  return svc;
}

/** What a VPC endpoint connects to: an AWS service or one of the account's endpoint services. */
export interface ServiceTarget {
  ServiceName: string;
  types: EndpointType[];
  zones: string[];
  /** The name DNS entries are built on (`vpce-svc-….<region>.vpce.amazonaws.com`). */
  baseDnsName: string;
  privateDnsName?: string;
  prefixListId?: string;
  acceptanceRequired: boolean;
  /** For the account's endpoint services. */
  serviceId?: string;
}

/** Resolves a service name for CreateVpcEndpoint; `InvalidServiceName` when there is none. */
export function resolveServiceTarget(ctx: HandlerContext, serviceName: string, type: EndpointType): ServiceTarget {
  const aws = findAwsServices(ctx.region, serviceName);
  if (aws.length > 0) {
    const chosen = aws.find((s) => s.ServiceType === type) ?? aws[0]!;
    return {
      ServiceName: serviceName,
      types: aws.map((s) => s.ServiceType),
      zones: chosen.AvailabilityZones,
      baseDnsName: chosen.BaseEndpointDnsName,
      privateDnsName: chosen.PrivateDnsName,
      prefixListId: chosen.PrefixListId,
      acceptanceRequired: false,
    };
  }
  const svc = Object.values(ctx.rw.endpointServices).find((s) => s.ServiceName === serviceName && exists(s.life, ctx.now));
  if (!svc || serviceState(svc, ctx.now) === "Deleting") {
    return ctx.fail("InvalidServiceName", `The Vpc Endpoint Service '${serviceName}' does not exist`);
  }
  // Right after CreateVpcEndpointServiceConfiguration, AWS answers 503 for a short while.
  if (serviceState(svc, ctx.now) === "Pending") {
    ctx.fail("Unavailable", "The service is unavailable. Please try again shortly.", 503);
  }
  return {
    ServiceName: serviceName,
    types: ["Interface"],
    zones: serviceZones(ctx, svc),
    baseDnsName: baseEndpointDnsName(ctx.region, svc.ServiceId),
    acceptanceRequired: svc.AcceptanceRequired,
    serviceId: svc.ServiceId,
  };
}
