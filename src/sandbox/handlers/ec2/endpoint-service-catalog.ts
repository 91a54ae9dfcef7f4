/**
 * DescribeVpcEndpointServices: what a consumer can connect to in this region: the AWS services
 * (owner `amazon`) and the account's own endpoint services. A name that does not exist fails the
 * whole call with `InvalidServiceName`, as on AWS. DescribePrefixLists: the managed prefix lists
 * of the Gateway services (what a gateway endpoint's route points at).
 */
import type { PrefixList, ServiceDetail } from "@aws-sdk/client-ec2";
import { type Ec2, type HandlerContext, handlers } from "../../handler.js";
import { fnv1a, live } from "../../world.js";
import { awsServices } from "../../model/aws-services.js";
import { serviceState } from "../../model/endpoint-services.js";
import { zoneIds } from "../../regions.js";
import { toServiceConfiguration } from "./endpoint-services.js";
import { applyFilters, pickNamed, sameNamed } from "./filters.js";

/** A stable service id for an AWS service (AWS gives them ids too). */
function awsServiceId(name: string, type: string): string {
  const text = `${name}|${type}`;
  const hex = fnv1a(text).toString(16).padStart(8, "0") + fnv1a(text, 0x1b873593, 0x5bd1e995).toString(16).padStart(9, "0");
  return `vpce-svc-${hex.slice(0, 17)}`;
}

function awsDetails(ctx: HandlerContext): ServiceDetail[] {
  return awsServices(ctx.region).map((s) => ({
    ServiceName: s.ServiceName,
    ServiceId: awsServiceId(s.ServiceName, s.ServiceType),
    ServiceType: [{ ServiceType: s.ServiceType }],
    ServiceRegion: ctx.region,
    AvailabilityZones: [...s.AvailabilityZones],
    AvailabilityZoneIds: zoneIds(ctx.region, s.AvailabilityZones),
    Owner: "amazon",
    BaseEndpointDnsNames: [s.BaseEndpointDnsName],
    ...(s.PrivateDnsName
      ? { PrivateDnsName: s.PrivateDnsName, PrivateDnsNames: [{ PrivateDnsName: s.PrivateDnsName }], PrivateDnsNameVerificationState: "verified" as const }
      : {}),
    VpcEndpointPolicySupported: s.VpcEndpointPolicySupported,
    AcceptanceRequired: false,
    ManagesVpcEndpoints: false,
    SupportedIpAddressTypes: ["ipv4"],
    Tags: [],
  }));
}

/** The account's own services: their configurations, as a consumer sees them. */
function accountDetails(ctx: HandlerContext): ServiceDetail[] {
  return live(ctx.rw.endpointServices, ctx.now)
    .filter((s) => serviceState(s, ctx.now) !== "Deleting")
    .map((s) => {
      const { ServiceState: _state, NetworkLoadBalancerArns: _nlbs, ...shared } = toServiceConfiguration(ctx, s);
      return { ...shared, ServiceRegion: ctx.region, Owner: ctx.world.accountId, VpcEndpointPolicySupported: false };
    });
}

/** Address ranges of the Gateway services (a few of AWS's, for the look of it: the sandbox routes by prefix-list id). */
const GATEWAY_CIDRS: Record<string, string[]> = { s3: ["3.5.0.0/19", "52.216.0.0/15", "54.231.0.0/16"], dynamodb: ["3.218.180.0/22", "52.94.0.0/22", "52.119.224.0/20"] };

export const serviceCatalogHandlers = handlers<Ec2>({
  DescribePrefixListsCommand: (ctx, input) => {
    const lists: PrefixList[] = awsServices(ctx.region)
      .filter((s) => s.PrefixListId)
      .map((s) => ({ PrefixListId: s.PrefixListId, PrefixListName: s.ServiceName, Cidrs: [...(GATEWAY_CIDRS[s.short] ?? [])] }));
    const named = pickNamed(lists, input.PrefixListIds, (l) => l.PrefixListId, ([id]) =>
      ctx.fail("InvalidPrefixListId.NotFound", `The prefix list ID '${id}' does not exist`),
    );
    return { PrefixLists: applyFilters(ctx, named, input.Filters, sameNamed<PrefixList>("prefix-list-id", "prefix-list-name")) };
  },

  DescribeVpcEndpointServicesCommand: (ctx, input) => {
    const all = [...awsDetails(ctx), ...accountDetails(ctx)];
    const named = pickNamed(all, input.ServiceNames, (d) => d.ServiceName, ([name]) =>
      ctx.fail("InvalidServiceName", `The Vpc Endpoint Service '${name}' does not exist`),
    );
    const details = applyFilters(
      ctx,
      named,
      input.Filters,
      {
        ...sameNamed<ServiceDetail>("service-name", "owner", "service-region"),
        "service-type": (d) => d.ServiceType?.map((t) => t.ServiceType),
        "supported-ip-address-types": () => "ipv4",
      },
      (d) => (d.Tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" })),
    );
    const names = [...new Set(details.map((d) => d.ServiceName ?? ""))].sort();
    return { ServiceNames: names, ServiceDetails: details };
  },
});
