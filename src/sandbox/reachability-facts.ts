/**
 * The sandbox adapter of the reachability model: reads the simulated world at `now` and states
 * it as the same network facts a real account's `Describe*` calls give (see reachability/facts.ts).
 */
import type { Speed } from "./clock.js";
import { findAwsServices } from "./model/aws-services.js";
import { endpointState } from "./model/endpoint-state.js";
import { instanceStateAt, targetHealth } from "./model/target-health.js";
import type {
  LoadBalancerFacts,
  ReachabilityFacts,
  SecurityGroupFacts,
  SgRuleFacts,
  TargetGroupFacts,
  TargetInstanceFacts,
  VpcEndpointFacts,
} from "../reachability/facts.js";
import { live, liveInterfaces, type Instance, type LoadBalancer, type RegionWorld, type SgRule, type TargetGroup, type VpcEndpoint, type World } from "./world.js";

function rule(r: SgRule): SgRuleFacts {
  return { IpProtocol: r.IpProtocol, FromPort: r.FromPort, ToPort: r.ToPort, CidrIpv4: r.CidrIpv4, ReferencedGroupId: r.ReferencedGroupId };
}

function securityGroups(rw: RegionWorld, now: number): SecurityGroupFacts[] {
  return live(rw.securityGroups, now).map((g) => ({ GroupId: g.GroupId, VpcId: g.VpcId, Ingress: g.Ingress.map(rule), Egress: g.Egress.map(rule) }));
}

function endpointFacts(rw: RegionWorld, region: string, ep: VpcEndpoint, now: number): VpcEndpointFacts {
  const enis = liveInterfaces(rw, ep.NetworkInterfaceIds, now);
  const names = ep.DnsEntries.map((d) => d.DnsName);
  const privateNames = ep.PrivateDnsEnabled
    ? findAwsServices(region, ep.ServiceName)
        .map((s) => s.PrivateDnsName)
        .filter((n): n is string => n !== undefined && !names.includes(n))
    : [];
  return {
    VpcEndpointId: ep.VpcEndpointId,
    VpcEndpointType: ep.VpcEndpointType,
    ServiceName: ep.ServiceName,
    VpcId: ep.VpcId,
    State: endpointState(ep, now),
    DnsEntries: ep.DnsEntries.map((d) => ({ DnsName: d.DnsName })),
    PrivateDnsNames: privateNames,
    NetworkInterfaces: enis.map((e) => ({ NetworkInterfaceId: e.NetworkInterfaceId, PrivateIpAddress: e.PrivateIpAddress, SubnetId: e.SubnetId, AvailabilityZone: e.AvailabilityZone })),
    SecurityGroupIds: [...ep.SecurityGroupIds],
  };
}

/** `provisioning` until the NLB is ready, then `active` (DescribeLoadBalancers' State.Code). */
export function loadBalancerState(lb: LoadBalancer, now: number): "provisioning" | "active" {
  return now < lb.life.readyAt ? "provisioning" : "active";
}

function loadBalancerFacts(rw: RegionWorld, lb: LoadBalancer, now: number): LoadBalancerFacts {
  const listeners = live(rw.listeners, now).filter((l) => l.LoadBalancerArn === lb.LoadBalancerArn);
  const nodes = liveInterfaces(rw, lb.NetworkInterfaceIds, now);
  return {
    LoadBalancerArn: lb.LoadBalancerArn,
    LoadBalancerName: lb.LoadBalancerName,
    DNSName: lb.DNSName,
    VpcId: lb.VpcId,
    State: loadBalancerState(lb, now),
    Listeners: listeners.map((l) => ({ ListenerArn: l.ListenerArn, Port: l.Port, Protocol: l.Protocol, TargetGroupArn: l.TargetGroupArn })),
    Nodes: nodes.map((e) => ({ PrivateIpAddress: e.PrivateIpAddress, SubnetId: e.SubnetId, AvailabilityZone: e.AvailabilityZone })),
  };
}

function targetGroupFacts(rw: RegionWorld, tg: TargetGroup, now: number, speed: Speed): TargetGroupFacts {
  return {
    TargetGroupArn: tg.TargetGroupArn,
    TargetGroupName: tg.TargetGroupName,
    Protocol: tg.Protocol,
    Port: tg.Port,
    Targets: tg.Targets.map((t) => {
      const h = targetHealth(rw, tg, t, now, speed);
      return { Id: t.Id, Port: t.Port, State: h.State, Reason: h.Reason };
    }),
  };
}

function targetInstanceFacts(inst: Instance, now: number): TargetInstanceFacts {
  const ready = inst.boot.httpdReadyAt !== undefined && inst.boot.httpdReadyAt <= now;
  return {
    InstanceId: inst.InstanceId,
    PrivateIpAddress: inst.PrivateIpAddress,
    SecurityGroupIds: [...inst.SecurityGroupIds],
    State: instanceStateAt(inst, now),
    httpd: { status: ready ? "running" : "not-running", body: inst.boot.httpdBody },
  };
}

/** Facts for a curl run on `consumerInstanceId` at `now`; undefined when there is no such instance. */
export function sandboxReachabilityFacts(world: World, region: string, consumerInstanceId: string, now: number, speed: Speed): ReachabilityFacts | undefined {
  const rw = world.regions[region];
  const inst = rw?.instances[consumerInstanceId];
  if (!rw || !inst) return undefined;
  const groups = live(rw.targetGroups, now);
  const targetIds = new Set(groups.flatMap((g) => g.Targets.map((t) => t.Id)));
  return {
    consumer: {
      InstanceId: inst.InstanceId,
      PrivateIpAddress: inst.PrivateIpAddress,
      PrivateDnsName: inst.PrivateDnsName,
      SecurityGroupIds: [...inst.SecurityGroupIds],
      SubnetId: inst.SubnetId,
      AvailabilityZone: inst.AvailabilityZone,
      VpcId: inst.VpcId,
      VpcCidrBlock: rw.vpcs[inst.VpcId]?.CidrBlock ?? `${inst.PrivateIpAddress}/32`,
    },
    vpcEndpoints: live(rw.vpcEndpoints, now)
      .filter((ep) => ep.VpcId === inst.VpcId && ep.VpcEndpointType !== "Gateway")
      .map((ep) => endpointFacts(rw, region, ep, now)),
    securityGroups: securityGroups(rw, now),
    endpointServices: live(rw.endpointServices, now).map((s) => ({
      ServiceId: s.ServiceId,
      ServiceName: s.ServiceName,
      NetworkLoadBalancerArns: [...s.NetworkLoadBalancerArns],
      AcceptanceRequired: s.AcceptanceRequired,
    })),
    loadBalancers: live(rw.loadBalancers, now).map((lb) => loadBalancerFacts(rw, lb, now)),
    targetGroups: groups.map((tg) => targetGroupFacts(rw, tg, now, speed)),
    targetInstances: Object.values(rw.instances)
      .filter((i) => targetIds.has(i.InstanceId))
      .map((i) => targetInstanceFacts(i, now)),
  };
}
