/**
 * The consumer side: CreateVpcEndpoint, DescribeVpcEndpoints, ModifyVpcEndpoint, DeleteVpcEndpoints. `State` is
 * derived from the endpoint's times and reported in AWS's camelCase (`pendingAcceptance`), which is
 * not the SDK enum's PascalCase: callers must compare case-insensitively, as against AWS.
 */
import type { CreateVpcEndpointCommandInput, State, VpcEndpoint as SdkVpcEndpoint } from "@aws-sdk/client-ec2";
import { type Ec2, type HandlerContext, handlers } from "../../handler.js";
import { exists, type EndpointType, type VpcEndpoint } from "../../world.js";
import { findAwsServices } from "../../model/aws-services.js";
import { endpointState } from "../../model/endpoint-state.js";
import { createVpcEndpoint, deleteVpcEndpoint, modifyVpcEndpoint } from "../../model/vpc-endpoints.js";
import { EC2_KINDS, notFoundError, requireEntity } from "../../model/ec2-kinds.js";
import { describe, eachId, groupsOf, outTags, sameNamed, tagsFromSpecs } from "./filters.js";

/** AWS services attach this full-access policy when none is given; endpoint services take none. */
const FULL_ACCESS_POLICY = '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}';

/** AWS's camelCase state, typed as the SDK's field (whose enum spells it PascalCase). */
export function sdkState(ep: VpcEndpoint, now: number): State {
  return endpointState(ep, now) as string as State;
}

function toSdkEndpoint(ctx: HandlerContext, ep: VpcEndpoint): SdkVpcEndpoint {
  const isAws = findAwsServices(ctx.region, ep.ServiceName).length > 0;
  return {
    VpcEndpointId: ep.VpcEndpointId,
    VpcEndpointType: ep.VpcEndpointType,
    VpcId: ep.VpcId,
    ServiceName: ep.ServiceName,
    State: sdkState(ep, ctx.now),
    ...(isAws ? { PolicyDocument: FULL_ACCESS_POLICY } : {}),
    RouteTableIds: [...ep.RouteTableIds],
    SubnetIds: [...ep.SubnetIds],
    Groups: groupsOf(ctx, ep.SecurityGroupIds),
    ...(ep.VpcEndpointType === "Interface" ? { IpAddressType: "ipv4" as const, DnsOptions: { DnsRecordIpType: "ipv4" as const } } : {}),
    PrivateDnsEnabled: ep.PrivateDnsEnabled,
    RequesterManaged: false,
    NetworkInterfaceIds: [...ep.NetworkInterfaceIds],
    DnsEntries: ep.DnsEntries.map((d) => ({ ...d })),
    CreationTimestamp: new Date(ep.life.createdAt),
    Tags: outTags(ep.Tags),
    OwnerId: ctx.world.accountId,
  };
}

/** The API's defaults: type Gateway; private DNS on for AWS interface services that have a name. */
function apiDefaults(ctx: HandlerContext, input: CreateVpcEndpointCommandInput): { type: EndpointType; privateDns: boolean } {
  const type = (input.VpcEndpointType ?? "Gateway") as EndpointType;
  const servicePrivateDns = findAwsServices(ctx.region, input.ServiceName ?? "").some(
    (s) => s.ServiceType === "Interface" && s.PrivateDnsName !== undefined,
  );
  return { type, privateDns: input.PrivateDnsEnabled ?? (type === "Interface" && servicePrivateDns) };
}

export const vpcEndpointHandlers = handlers<Ec2>({
  CreateVpcEndpointCommand: (ctx, input) => {
    if (!input.VpcId) return ctx.fail("MissingParameter", "The request must contain the parameter VpcId");
    if (!input.ServiceName) return ctx.fail("MissingParameter", "The request must contain the parameter ServiceName");
    const { type, privateDns } = apiDefaults(ctx, input);
    const ep = createVpcEndpoint(ctx, {
      VpcEndpointType: type,
      ServiceName: input.ServiceName,
      VpcId: input.VpcId,
      SubnetIds: input.SubnetIds,
      RouteTableIds: input.RouteTableIds,
      SecurityGroupIds: input.SecurityGroupIds,
      PrivateDnsEnabled: privateDns,
      ClientToken: input.ClientToken,
      Tags: tagsFromSpecs(input.TagSpecifications, "vpc-endpoint"),
    });
    return { VpcEndpoint: toSdkEndpoint(ctx, ep), ...(input.ClientToken ? { ClientToken: input.ClientToken } : {}) };
  },

  DescribeVpcEndpointsCommand: (ctx, input) => {
    const eps = describe(ctx, "vpcEndpoints", { ids: input.VpcEndpointIds, filters: input.Filters }, {
      ...sameNamed<VpcEndpoint>("service-name", "vpc-id", "vpc-endpoint-id", "vpc-endpoint-type"),
      "vpc-endpoint-state": (e) => endpointState(e, ctx.now),
      "ip-address-type": () => "ipv4",
    });
    return { VpcEndpoints: eps.map((e) => toSdkEndpoint(ctx, e)) };
  },

  ModifyVpcEndpointCommand: (ctx, input) => {
    if (!input.VpcEndpointId) return ctx.fail("MissingParameter", "The request must contain the parameter VpcEndpointId");
    modifyVpcEndpoint(ctx, requireEntity(ctx, "vpcEndpoints", input.VpcEndpointId), input);
    return { Return: true };
  },

  DeleteVpcEndpointsCommand: (ctx, input) => {
    const unsuccessful = eachId(input.VpcEndpointIds, (id) => {
      const ep = ctx.rw.vpcEndpoints[id];
      if (!ep || !exists(ep.life, ctx.now)) return notFoundError(EC2_KINDS.vpcEndpoints, id);
      deleteVpcEndpoint(ctx, id);
      return undefined;
    });
    return { Unsuccessful: unsuccessful };
  },
});
