/**
 * The provider side of PrivateLink: endpoint service configurations (create, describe, modify,
 * delete) and who may connect to them (permissions). Deleting reports failures in `Unsuccessful`,
 * as AWS does, e.g. `ExistingVpcEndpointConnections` while an endpoint is still connected.
 */
import type { ServiceConfiguration } from "@aws-sdk/client-ec2";
import { type Ec2, type HandlerContext, handlers } from "../../handler.js";
import { live, type EndpointService } from "../../world.js";
import {
  baseEndpointDnsName,
  createEndpointService,
  findEndpointService,
  requireEndpointService,
  serviceState,
  serviceZones,
} from "../../model/endpoint-services.js";
import { CONNECTED_STATES, endpointState } from "../../model/endpoint-state.js";
import { zoneIds } from "../../regions.js";
import { describe, eachId, outTags, sameNamed, tagsFromSpecs } from "./filters.js";

export function toServiceConfiguration(ctx: HandlerContext, svc: EndpointService): ServiceConfiguration {
  const zones = serviceZones(ctx, svc);
  return {
    ServiceType: [{ ServiceType: "Interface" }],
    ServiceId: svc.ServiceId,
    ServiceName: svc.ServiceName,
    ServiceState: serviceState(svc, ctx.now),
    AvailabilityZones: zones,
    AvailabilityZoneIds: zoneIds(ctx.region, zones),
    AcceptanceRequired: svc.AcceptanceRequired,
    ManagesVpcEndpoints: false,
    NetworkLoadBalancerArns: [...svc.NetworkLoadBalancerArns],
    SupportedIpAddressTypes: ["ipv4"],
    BaseEndpointDnsNames: [baseEndpointDnsName(ctx.region, svc.ServiceId)],
    Tags: outTags(svc.Tags),
  };
}

/** Endpoints that still hold a connection to the service. */
function connectedEndpoints(ctx: HandlerContext, svc: EndpointService): string[] {
  return live(ctx.rw.vpcEndpoints, ctx.now)
    .filter((e) => e.ServiceName === svc.ServiceName && CONNECTED_STATES.includes(endpointState(e, ctx.now)))
    .map((e) => e.VpcEndpointId);
}

function deleteOne(ctx: HandlerContext, serviceId: string): { Code: string; Message: string } | undefined {
  const svc = findEndpointService(ctx, serviceId);
  if (!svc || serviceState(svc, ctx.now) === "Deleting") {
    return { Code: "InvalidVpcEndpointService.NotFound", Message: `The Vpc Endpoint Service '${serviceId}' does not exist` };
  }
  if (connectedEndpoints(ctx, svc).length > 0) {
    return { Code: "ExistingVpcEndpointConnections", Message: "Service has existing active VPC Endpoint connections!" };
  }
  svc.life.deleteRequestedAt = ctx.now;
  svc.life.deletedAt = ctx.now;
  return undefined;
}

export const endpointServiceHandlers = handlers<Ec2>({
  CreateVpcEndpointServiceConfigurationCommand: (ctx, input) => {
    if (input.GatewayLoadBalancerArns?.length) {
      return ctx.fail("InvalidParameter", "The sandbox offers endpoint services on Network Load Balancers only.");
    }
    const svc = createEndpointService(ctx, {
      NetworkLoadBalancerArns: input.NetworkLoadBalancerArns ?? [],
      // The API's default: connection requests must be accepted.
      AcceptanceRequired: input.AcceptanceRequired ?? true,
      ClientToken: input.ClientToken,
      Tags: tagsFromSpecs(input.TagSpecifications, "vpc-endpoint-service"),
    });
    return { ServiceConfiguration: toServiceConfiguration(ctx, svc), ...(input.ClientToken ? { ClientToken: input.ClientToken } : {}) };
  },

  DescribeVpcEndpointServiceConfigurationsCommand: (ctx, input) => {
    const services = describe(ctx, "endpointServices", { ids: input.ServiceIds, filters: input.Filters }, {
      ...sameNamed<EndpointService>("service-name", "service-id"),
      "service-state": (s) => serviceState(s, ctx.now),
      "supported-ip-address-types": () => "ipv4",
    });
    return { ServiceConfigurations: services.map((s) => toServiceConfiguration(ctx, s)) };
  },

  ModifyVpcEndpointServiceConfigurationCommand: (ctx, input) => {
    const svc = requireEndpointService(ctx, input.ServiceId);
    // Applies to connection requests made from now on; existing connections keep their state.
    if (input.AcceptanceRequired !== undefined) svc.AcceptanceRequired = input.AcceptanceRequired;
    const changesLbs = (input.AddNetworkLoadBalancerArns?.length ?? 0) + (input.RemoveNetworkLoadBalancerArns?.length ?? 0) > 0;
    if (changesLbs && connectedEndpoints(ctx, svc).length > 0) {
      return ctx.fail("ExistingVpcEndpointConnections", "Service has existing active VPC Endpoint connections!");
    }
    const remove = new Set(input.RemoveNetworkLoadBalancerArns ?? []);
    svc.NetworkLoadBalancerArns = [...svc.NetworkLoadBalancerArns.filter((a) => !remove.has(a)), ...(input.AddNetworkLoadBalancerArns ?? [])];
    return { Return: true };
  },

  DeleteVpcEndpointServiceConfigurationsCommand: (ctx, input) => {
    return { Unsuccessful: eachId(input.ServiceIds, (id) => deleteOne(ctx, id)) };
  },
});
