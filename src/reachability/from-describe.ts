/** Pure adapter of the reachability model: the SDK's `Describe*` shapes in (from AWS, the sandbox or a test), facts out. */
import type { AllowedPrincipal, Instance, IpPermission, NetworkInterface, SecurityGroup, ServiceConfiguration, Vpc, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { Listener, LoadBalancer, TargetGroup, TargetHealthDescription } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { InstanceInformation } from "@aws-sdk/client-ssm";
import type { LoadBalancerFacts, ReachabilityFacts, SecurityGroupFacts, SgRuleFacts, TargetInstanceFacts, VpcEndpointFacts } from "./facts.js";

export interface DescribeShapes {
  accountId?: string;
  /** DescribeInstances: the Consumer instance curl runs on. */
  consumer: Instance;
  /** DescribeVpcs: the Consumer's VPC (its CIDR bounds what is routable). */
  consumerVpc?: Vpc;
  /** SSM DescribeInstanceInformation for the Consumer instance; null: asked, and it is not registered. */
  consumerPing?: InstanceInformation | null;
  vpcEndpoints: VpcEndpoint[];
  /** DescribeNetworkInterfaces: the endpoints' ENIs and the NLB's nodes (`ELB net/<name>/<id>`). */
  networkInterfaces: NetworkInterface[];
  securityGroups: SecurityGroup[];
  serviceConfigurations: ServiceConfiguration[];
  /** DescribeVpcEndpointServicePermissions, by service id. */
  allowedPrincipals?: Record<string, AllowedPrincipal[]>;
  loadBalancers: LoadBalancer[];
  listeners: Listener[];
  targetGroups: TargetGroup[];
  /** DescribeTargetHealth, by target group ARN. */
  targetHealth: Record<string, TargetHealthDescription[]>;
  /** DescribeInstances: the instances registered as targets (and the Provider instance). */
  targetInstances: Instance[];
}

/** One rule per source, as the model reads them ("6" is TCP by number). */
export function rulesOf(permissions: readonly IpPermission[]): SgRuleFacts[] {
  return permissions.flatMap((p) => {
    const base = {
      IpProtocol: p.IpProtocol === "6" ? "tcp" : (p.IpProtocol ?? "-1"),
      ...(p.FromPort !== undefined ? { FromPort: p.FromPort } : {}),
      ...(p.ToPort !== undefined ? { ToPort: p.ToPort } : {}),
    };
    return [
      ...(p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [{ ...base, CidrIpv4: r.CidrIp }] : [])),
      ...(p.UserIdGroupPairs ?? []).flatMap((g) => (g.GroupId ? [{ ...base, ReferencedGroupId: g.GroupId }] : [])),
    ];
  });
}

function groupFacts(g: SecurityGroup): SecurityGroupFacts {
  return { GroupId: g.GroupId ?? "", ...(g.VpcId ? { VpcId: g.VpcId } : {}), Ingress: rulesOf(g.IpPermissions ?? []), Egress: rulesOf(g.IpPermissionsEgress ?? []) };
}

function endpointFacts(ep: VpcEndpoint, enis: readonly NetworkInterface[]): VpcEndpointFacts {
  const own = enis.filter((e) => (ep.NetworkInterfaceIds ?? []).includes(e.NetworkInterfaceId ?? ""));
  return {
    VpcEndpointId: ep.VpcEndpointId ?? "",
    VpcEndpointType: String(ep.VpcEndpointType ?? "Interface"),
    ServiceName: ep.ServiceName ?? "",
    VpcId: ep.VpcId ?? "",
    State: String(ep.State ?? ""),
    DnsEntries: (ep.DnsEntries ?? []).flatMap((d) => (d.DnsName ? [{ DnsName: d.DnsName }] : [])),
    NetworkInterfaces: own.map((e) => ({
      NetworkInterfaceId: e.NetworkInterfaceId ?? "",
      PrivateIpAddress: e.PrivateIpAddress ?? "",
      SubnetId: e.SubnetId ?? "",
      AvailabilityZone: e.AvailabilityZone ?? "",
    })),
    SecurityGroupIds: (ep.Groups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
  };
}

/** `arn:aws:elasticloadbalancing:…:loadbalancer/net/<name>/<id>` → `ELB net/<name>/<id>`, the nodes' ENI description. */
export function nodeDescription(arn: string): string {
  return `ELB ${arn.split(":loadbalancer/")[1] ?? ""}`;
}

function loadBalancerFacts(lb: LoadBalancer, s: DescribeShapes): LoadBalancerFacts {
  const arn = lb.LoadBalancerArn ?? "";
  const nodes = s.networkInterfaces.filter((e) => e.Description === nodeDescription(arn));
  return {
    LoadBalancerArn: arn,
    LoadBalancerName: lb.LoadBalancerName ?? "",
    ...(lb.DNSName ? { DNSName: lb.DNSName } : {}),
    VpcId: lb.VpcId ?? "",
    State: String(lb.State?.Code ?? ""),
    Listeners: s.listeners
      .filter((l) => l.LoadBalancerArn === arn)
      .map((l) => ({
        ListenerArn: l.ListenerArn ?? "",
        Port: l.Port ?? 0,
        Protocol: String(l.Protocol ?? ""),
        TargetGroupArn: l.DefaultActions?.find((a) => a.TargetGroupArn)?.TargetGroupArn ?? "",
      })),
    Nodes: nodes.map((e) => ({ PrivateIpAddress: e.PrivateIpAddress ?? "", SubnetId: e.SubnetId ?? "", AvailabilityZone: e.AvailabilityZone ?? "" })),
  };
}

/** When the shapes were read (ms epoch) and AWS time's speed (the sandbox's; 1 on AWS): to tell each instance's age. */
export interface ReadTime {
  now: number;
  scale: number;
}

/** Seconds of AWS time since `launched` (at instant speed everything started long ago). */
function sinceLaunch(launched: Date | undefined, time: ReadTime | undefined): { SecondsSinceLaunch?: number } {
  if (!launched || !time) return {};
  const ms = Math.max(0, time.now - launched.getTime());
  return { SecondsSinceLaunch: time.scale > 0 ? ms / 1000 / time.scale : Infinity };
}

/** What the account shows of a target instance. Apache itself cannot be seen from the API. */
function targetInstanceFacts(i: Instance, time?: ReadTime): TargetInstanceFacts {
  return {
    ...sinceLaunch(i.LaunchTime, time),
    InstanceId: i.InstanceId ?? "",
    PrivateIpAddress: i.PrivateIpAddress ?? "",
    SecurityGroupIds: (i.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
    State: String(i.State?.Name ?? ""),
    httpd: { status: "unknown" },
  };
}

/** What the Consumer's agent is called when SSM does not list it at all. */
export const NOT_REGISTERED = "NotRegistered";

export function factsFromDescribe(s: DescribeShapes, time?: ReadTime): ReachabilityFacts {
  const c = s.consumer;
  return {
    consumer: {
      InstanceId: c.InstanceId ?? "",
      PrivateIpAddress: c.PrivateIpAddress ?? "",
      ...(c.PrivateDnsName ? { PrivateDnsName: c.PrivateDnsName } : {}),
      SecurityGroupIds: (c.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
      SubnetId: c.SubnetId ?? "",
      AvailabilityZone: c.Placement?.AvailabilityZone ?? "",
      VpcId: c.VpcId ?? "",
      VpcCidrBlock: s.consumerVpc?.CidrBlock ?? `${c.PrivateIpAddress ?? "0.0.0.0"}/32`,
      ...(c.State?.Name ? { State: String(c.State.Name) } : {}),
      ...sinceLaunch(c.LaunchTime, time),
      ...(s.consumerPing === null ? { PingStatus: NOT_REGISTERED } : s.consumerPing?.PingStatus ? { PingStatus: String(s.consumerPing.PingStatus) } : {}),
    },
    vpcEndpoints: s.vpcEndpoints.map((ep) => endpointFacts(ep, s.networkInterfaces)),
    securityGroups: s.securityGroups.map(groupFacts),
    endpointServices: s.serviceConfigurations.map((svc) => ({
      ServiceId: svc.ServiceId ?? "",
      ServiceName: svc.ServiceName ?? "",
      NetworkLoadBalancerArns: svc.NetworkLoadBalancerArns ?? [],
      AcceptanceRequired: svc.AcceptanceRequired ?? false,
      ...(s.allowedPrincipals?.[svc.ServiceId ?? ""] ? { AllowedPrincipals: s.allowedPrincipals[svc.ServiceId ?? ""]!.flatMap((p) => (p.Principal ? [p.Principal] : [])) } : {}),
      ...(svc.AvailabilityZones ? { AvailabilityZones: svc.AvailabilityZones } : {}),
    })),
    loadBalancers: s.loadBalancers.map((lb) => loadBalancerFacts(lb, s)),
    targetGroups: s.targetGroups.map((tg) => ({
      TargetGroupArn: tg.TargetGroupArn ?? "",
      TargetGroupName: tg.TargetGroupName ?? "",
      Protocol: String(tg.Protocol ?? ""),
      Port: tg.Port ?? 0,
      Targets: (s.targetHealth[tg.TargetGroupArn ?? ""] ?? []).map((h) => ({
        Id: h.Target?.Id ?? "",
        Port: h.Target?.Port ?? tg.Port ?? 0,
        State: String(h.TargetHealth?.State ?? ""),
        ...(h.TargetHealth?.Reason ? { Reason: String(h.TargetHealth.Reason) } : {}),
      })),
    })),
    targetInstances: s.targetInstances.map((i) => targetInstanceFacts(i, time)),
  };
}
