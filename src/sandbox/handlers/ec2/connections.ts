/**
 * The PrivateLink handshake, seen from the provider: DescribeVpcEndpointConnections lists the
 * endpoints connected (or asking to connect) to the account's endpoint services; Accept moves a
 * `pendingAcceptance` endpoint to `pending` and then `available`; Reject makes it `rejected`.
 * Per-endpoint failures come back in `Unsuccessful`; an unknown service is an exception.
 */
import type { UnsuccessfulItem, VpcEndpointConnection } from "@aws-sdk/client-ec2";
import { type Ec2, type HandlerContext, handlers } from "../../handler.js";
import { exists, live, type EndpointService, type VpcEndpoint } from "../../world.js";
import { requireEndpointService } from "../../model/endpoint-services.js";
import { ENDPOINT_TIMES, endpointState, type EndpointState } from "../../model/endpoint-state.js";
import { EC2_KINDS, notFoundError } from "../../model/ec2-kinds.js";
import { applyFilters, eachId } from "./filters.js";
import { sdkState } from "./vpc-endpoints.js";

interface Connection {
  svc: EndpointService;
  ep: VpcEndpoint;
}

function connections(ctx: HandlerContext): Connection[] {
  const services = live(ctx.rw.endpointServices, ctx.now);
  return live(ctx.rw.vpcEndpoints, ctx.now).flatMap((ep) => {
    const svc = services.find((s) => s.ServiceName === ep.ServiceName);
    return svc ? [{ svc, ep }] : [];
  });
}

function toSdkConnection(ctx: HandlerContext, { svc, ep }: Connection): VpcEndpointConnection {
  return {
    ServiceId: svc.ServiceId,
    VpcEndpointId: ep.VpcEndpointId,
    VpcEndpointOwner: ctx.world.accountId,
    VpcEndpointState: sdkState(ep, ctx.now),
    CreationTimestamp: new Date(ep.life.createdAt),
    DnsEntries: ep.DnsEntries.map((d) => ({ ...d })),
    NetworkLoadBalancerArns: [...svc.NetworkLoadBalancerArns],
    IpAddressType: "ipv4",
    VpcEndpointConnectionId: `vpce-con-${ep.VpcEndpointId.slice(5)}`,
    VpcEndpointRegion: ctx.region,
    Tags: [],
  };
}

/** Applies `change` to each endpoint of the service that is in one of `from`; the others are reported in `Unsuccessful`. */
function changeEach(
  ctx: HandlerContext,
  serviceId: string | undefined,
  endpointIds: string[] | undefined,
  from: EndpointState[],
  change: (ep: VpcEndpoint) => void,
): UnsuccessfulItem[] {
  const svc = requireEndpointService(ctx, serviceId);
  return eachId(endpointIds, (id) => {
    const ep = ctx.rw.vpcEndpoints[id];
    if (!ep || !exists(ep.life, ctx.now) || ep.ServiceName !== svc.ServiceName) {
      return notFoundError(EC2_KINDS.vpcEndpoints, id);
    }
    const state = endpointState(ep, ctx.now);
    if (!from.includes(state)) return { Code: "InvalidState", Message: `Endpoint ${id} is in state ${state}.` };
    change(ep);
    return undefined;
  });
}

export const connectionHandlers = handlers<Ec2>({
  DescribeVpcEndpointConnectionsCommand: (ctx, input) => {
    const rows = applyFilters(ctx, connections(ctx), input.Filters, {
      "service-id": (c) => c.svc.ServiceId,
      "vpc-endpoint-id": (c) => c.ep.VpcEndpointId,
      "vpc-endpoint-owner": () => ctx.world.accountId,
      "vpc-endpoint-state": (c) => endpointState(c.ep, ctx.now),
      "vpc-endpoint-region": () => ctx.region,
      "ip-address-type": () => "ipv4",
    });
    return { VpcEndpointConnections: rows.map((c) => toSdkConnection(ctx, c)) };
  },

  AcceptVpcEndpointConnectionsCommand: (ctx, input) => {
    const unsuccessful = changeEach(ctx, input.ServiceId, input.VpcEndpointIds, ["pendingAcceptance"], (ep) => {
      ep.connection.acceptedAt = ctx.now;
      ep.connection.availableAt = ctx.after(ENDPOINT_TIMES.accept);
    });
    return { Unsuccessful: unsuccessful };
  },

  RejectVpcEndpointConnectionsCommand: (ctx, input) => {
    const unsuccessful = changeEach(ctx, input.ServiceId, input.VpcEndpointIds, ["pendingAcceptance", "pending", "available"], (ep) => {
      ep.connection.rejectedAt = ctx.now;
    });
    return { Unsuccessful: unsuccessful };
  },
});
