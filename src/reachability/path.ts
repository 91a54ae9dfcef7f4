/**
 * One TCP connection from the consumer instance through PrivateLink: consumer SG egress → route (consumer VPC only) →
 * endpoint ENI and state → endpoint SG → service → NLB listener → target group and health → provider SG (sources are
 * the NLB nodes' IPs: PrivateLink is one-way and NAT-like) → httpd. The first broken link decides what the client sees:
 * a dropped SYN (SG, endpoint not available, no listener: NLBs are no proxies, no routable target) times out; a closed
 * target port answers RST through the NLB ("connection refused"); an NLB whose targets are all unhealthy fails open.
 */
import type { ReachabilityFacts, TargetFacts, TargetGroupFacts, TargetInstanceFacts, VpcEndpointFacts } from "./facts.js";
import { cidrContains, egressAllows, ingressAllows } from "./security-groups.js";

export type Reason =
  | "ok"
  | "dns-not-found"
  | "consumer-sg-egress-denies"
  | "no-route"
  | "unknown-address"
  | "endpoint-pending"
  | "endpoint-pending-acceptance"
  | "endpoint-rejected"
  | "endpoint-not-available"
  | "endpoint-sg-denies"
  | "not-an-endpoint-service"
  | "service-not-found"
  | "nlb-not-active"
  | "endpoint-other-az"
  | "no-listener"
  | "no-targets"
  | "targets-initial"
  | "target-not-running"
  | "targets-unhealthy"
  | "provider-sg-denies"
  | "httpd-not-running";

export type Server = { kind: "httpd"; instanceId: string; body: string | undefined } | { kind: "aws-api"; serviceName: string };

export type Connection =
  | { kind: "timeout"; reason: Reason }
  | { kind: "refused"; reason: Reason }
  | { kind: "connected"; reason: "ok"; server: Server };

const timeout = (reason: Reason): Connection => ({ kind: "timeout", reason });

const STATE_REASON: Record<string, Reason> = {
  pendingacceptance: "endpoint-pending-acceptance",
  pending: "endpoint-pending",
  rejected: "endpoint-rejected",
};

export function connect(facts: ReachabilityFacts, ip: string, port: number): Connection {
  const { consumer } = facts;
  const endpoint = facts.vpcEndpoints.find((ep) => ep.NetworkInterfaces.some((eni) => eni.PrivateIpAddress === ip));
  const peer = { ip, groupIds: endpoint?.SecurityGroupIds ?? [] };
  if (!egressAllows(facts.securityGroups, consumer.SecurityGroupIds, "tcp", port, peer)) return timeout("consumer-sg-egress-denies");
  if (!cidrContains(consumer.VpcCidrBlock, ip)) return timeout("no-route");
  if (!endpoint) return timeout("unknown-address");
  return throughEndpoint(facts, endpoint, ip, port);
}

/** Where an endpoint leads for `port`: its service, the service's NLB, the listener on `port` and its target group. */
export function pathFrom(facts: ReachabilityFacts, endpoint: VpcEndpointFacts | undefined, port: number) {
  const service = endpoint && facts.endpointServices.find((s) => s.ServiceName === endpoint.ServiceName);
  const nlb = service && facts.loadBalancers.find((lb) => service.NetworkLoadBalancerArns.includes(lb.LoadBalancerArn));
  const listener = nlb?.Listeners.find((l) => l.Port === port);
  const group = listener && facts.targetGroups.find((g) => g.TargetGroupArn === listener.TargetGroupArn);
  return { service, nlb, listener, group };
}

/** The target is this instance: by id, or by private IP (an `ip` target group). */
export const isTarget = (i: TargetInstanceFacts, t: TargetFacts): boolean =>
  i.InstanceId === t.Id || i.PrivateIpAddress === t.Id;

function throughEndpoint(facts: ReachabilityFacts, endpoint: VpcEndpointFacts, ip: string, port: number): Connection {
  const state = endpoint.State.toLowerCase();
  if (state !== "available") return timeout(STATE_REASON[state] ?? "endpoint-not-available");
  const source = { ip: facts.consumer.PrivateIpAddress, groupIds: facts.consumer.SecurityGroupIds };
  if (!ingressAllows(facts.securityGroups, endpoint.SecurityGroupIds, "tcp", port, source)) return timeout("endpoint-sg-denies");
  const { service, nlb, listener, group } = pathFrom(facts, endpoint, port);
  if (!service) {
    // AWS's own services (ssm, ssmmessages, ...) answer HTTPS APIs on 443 only.
    if (endpoint.ServiceName.startsWith("com.amazonaws.") && !endpoint.ServiceName.startsWith("com.amazonaws.vpce.")) {
      return port === 443 ? { kind: "connected", reason: "ok", server: { kind: "aws-api", serviceName: endpoint.ServiceName } } : timeout("not-an-endpoint-service");
    }
    return timeout("service-not-found");
  }
  const eniAz = endpoint.NetworkInterfaces.find((eni) => eni.PrivateIpAddress === ip)?.AvailabilityZone;
  if (!nlb || nlb.State.toLowerCase() !== "active") return timeout("nlb-not-active");
  // PrivateLink carries a flow within its AZ: an ENI in an AZ where the NLB has no node goes nowhere.
  if (eniAz && nlb.Nodes.length > 0 && !nlb.Nodes.some((n) => n.AvailabilityZone === eniAz)) return timeout("endpoint-other-az");
  if (!listener) return timeout("no-listener");
  if (!group || group.Targets.length === 0) return timeout("no-targets");
  const picked = pickTargets(group);
  if ("reason" in picked) return timeout(picked.reason);
  // The NLB node in the endpoint's AZ carries the flow; its private IP is what the target sees.
  const node = nlb.Nodes.find((n) => n.AvailabilityZone === eniAz) ?? nlb.Nodes[0];
  return toTarget(facts, picked.targets[0]!, node?.PrivateIpAddress);
}

/** Healthy targets if any; all of them when all are unhealthy (fail open); else why none. */
function pickTargets(group: TargetGroupFacts): { targets: TargetFacts[] } | { reason: Reason } {
  const healthy = group.Targets.filter((t) => t.State === "healthy");
  if (healthy.length > 0) return { targets: healthy };
  if (group.Targets.some((t) => t.State === "initial")) return { reason: "targets-initial" };
  const unhealthy = group.Targets.filter((t) => t.State === "unhealthy");
  if (unhealthy.length > 0 && unhealthy.length === group.Targets.length) return { targets: unhealthy };
  return { reason: group.Targets.some((t) => t.Reason === "Target.InvalidState") ? "target-not-running" : "targets-unhealthy" };
}

function toTarget(facts: ReachabilityFacts, target: TargetFacts, nodeIp: string | undefined): Connection {
  const instance = facts.targetInstances.find((i) => isTarget(i, target));
  if (!instance) {
    // A target we know nothing about: trust its health (a real account's diagnose may not see it).
    if (target.State !== "healthy") return { kind: "refused", reason: "targets-unhealthy" };
    return { kind: "connected", reason: "ok", server: { kind: "httpd", instanceId: target.Id, body: undefined } };
  }
  if (instance.State !== "running") return timeout("target-not-running");
  const fromNlb = { ip: nodeIp ?? "0.0.0.0", groupIds: [] };
  if (!ingressAllows(facts.securityGroups, instance.SecurityGroupIds, "tcp", target.Port, fromNlb)) return timeout("provider-sg-denies");
  const { httpd } = instance;
  if (httpd.status === "not-running") return { kind: "refused", reason: "httpd-not-running" };
  if (httpd.status === "unknown" && target.State !== "healthy") return { kind: "refused", reason: "targets-unhealthy" };
  return { kind: "connected", reason: "ok", server: { kind: "httpd", instanceId: instance.InstanceId, body: httpd.body } };
}
