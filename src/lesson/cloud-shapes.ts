/**
 * From the SDK's describe shapes to the small views the steps decide on. Pure: shared by the
 * learner's own read (`cloud-view.ts`) and the facilitator's room-wide read (`workshop/`).
 */
import type { Instance, SecurityGroup, ServiceConfiguration, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { EndpointView, InstanceView, SecurityGroupView, ServiceView } from "./cloud-view.js";

export function serviceView(s: ServiceConfiguration): ServiceView {
  return {
    id: s.ServiceId ?? "",
    name: s.ServiceName ?? "",
    state: String(s.ServiceState ?? ""),
    acceptanceRequired: s.AcceptanceRequired ?? false,
    nlbArns: s.NetworkLoadBalancerArns ?? [],
    azs: s.AvailabilityZones ?? [],
  };
}

/** An endpoint's regional name is `vpce-<id>-<suffix>.vpce-svc-…`; zonal ones add `-<az>`. */
export function endpointView(e: VpcEndpoint): EndpointView {
  const names = (e.DnsEntries ?? []).map((d) => d.DnsName ?? "").filter(Boolean);
  const regional = names.find((n) => /^vpce-[0-9a-z]+-[0-9a-z]+\.vpce-svc/.test(n));
  const zonal = names.find((n) => n !== regional && /^vpce-[0-9a-z]+-[0-9a-z]+-[a-z0-9-]+\.vpce-svc/.test(n));
  return {
    id: e.VpcEndpointId ?? "",
    state: String(e.State ?? ""),
    serviceName: e.ServiceName ?? "",
    vpcId: e.VpcId ?? "",
    subnetIds: e.SubnetIds ?? [],
    sgIds: (e.Groups ?? []).map((g) => g.GroupId ?? "").filter(Boolean),
    ...(regional ? { dnsRegional: regional } : {}),
    ...(zonal ? { dnsZonal: zonal } : {}),
  };
}

export function instanceView(i: Instance): InstanceView {
  return {
    id: i.InstanceId ?? "",
    ip: i.PrivateIpAddress ?? "",
    sgIds: (i.SecurityGroups ?? []).map((g) => g.GroupId ?? "").filter(Boolean),
    az: i.Placement?.AvailabilityZone ?? "",
    state: String(i.State?.Name ?? ""),
  };
}

export function securityGroupView(g: SecurityGroup, owned: boolean): SecurityGroupView {
  return { id: g.GroupId ?? "", name: g.GroupName ?? "", ingress: g.IpPermissions ?? [], owned };
}
