/**
 * The PrivateLink path, link by link, as `diagnose` shows it, judged from the same facts and SG evaluation that decide
 * curl's answer (path.ts). `fail`: it alone stops the connection; `warn`: a symptom or risk whose cause is a later link;
 * `skip`: not judged, something before it is missing; `wait`: AWS is still starting it, wait about `seconds`.
 * The first `fail` is the diagnosis; with none, a `wait` says to wait and look again.
 */
import type { ReachabilityFacts, TargetFacts, TargetGroupFacts, VpcEndpointFacts } from "./facts.js";
import { NOT_REGISTERED } from "./from-describe.js";
import { isTarget, pathFrom } from "./path.js";
import { resolveHost } from "./resolve.js";
import { egressAllows, ingressAllows } from "./security-groups.js";

export const LINK_IDS = [
  "consumer-instance",
  "consumer-sg-egress",
  "dns-name",
  "endpoint",
  "endpoint-sg",
  "service-acceptance",
  "nlb-listener",
  "target-group",
  "target-health",
  "provider-sg",
  "httpd",
] as const;

export type LinkId = (typeof LINK_IDS)[number];
export type LinkStatus = "pass" | "fail" | "warn" | "skip" | "wait";

export interface Link {
  id: LinkId;
  status: LinkStatus;
  /** A key under the link in the diagnose text. */
  problem?: string;
  vars: Record<string, string>;
  /** For `wait`: about how many more AWS seconds (before the sandbox's speed). */
  seconds?: number;
}

interface ChainTarget {
  /** The learner's endpoint; else the first endpoint to an endpoint service. */
  endpointId?: string;
  port: number;
}

const pass = (id: LinkId, vars: Record<string, string> = {}): Link => ({ id, status: "pass", vars });
const fail = (id: LinkId, problem: string, vars: Record<string, string> = {}): Link => ({ id, status: "fail", problem, vars });
const warn = (id: LinkId, problem: string, vars: Record<string, string> = {}): Link => ({ id, status: "warn", problem, vars });
const skip = (id: LinkId): Link => ({ id, status: "skip", vars: {} });
const wait = (id: LinkId, problem: string, seconds: number, vars: Record<string, string> = {}): Link => ({ id, status: "wait", problem, vars, seconds: Math.max(30, Math.round(seconds)) });

/**
 * AWS's usual start-up times in seconds (instance running, SSM Agent registered, endpoint available, NLB active, first
 * health checks, Apache installed by user data). Past `young`, a missing registration or failing checks are a fault.
 */
const STARTING_SECONDS = { instance: 60, agent: 180, endpoint: 120, nlb: 180, health: 120, httpd: 240, young: 600 } as const;

const young = (since: number | undefined): since is number => since !== undefined && since < STARTING_SECONDS.young;

type Path = ReturnType<typeof findPath>;

function findPath(f: ReachabilityFacts, to: ChainTarget) {
  const endpoint = f.vpcEndpoints.find((e) => e.VpcEndpointId === to.endpointId) ?? f.vpcEndpoints.find((e) => e.ServiceName.includes(".vpce-svc-"));
  const { service, nlb, listener, group } = pathFrom(f, endpoint, to.port);
  const instances = (group?.Targets ?? []).flatMap((t) => f.targetInstances.filter((i) => isTarget(i, t)));
  const target = carryingTarget(f, group);
  const inst = target && f.targetInstances.find((i) => isTarget(i, target));
  return { endpoint, service, nlb, listener, group, instances, inst, target };
}

/**
 * The target the NLB hands the flow to, as curl's path picks it: a healthy one while any is (an extra registration left
 * failing, say the instance on a wrong port, breaks nothing while another is healthy); with none, the one on the target
 * group's own port (the fix to name is for that port, not a stray one's), else the first registered.
 */
function carryingTarget(f: ReachabilityFacts, group: TargetGroupFacts | undefined): TargetFacts | undefined {
  const known = (group?.Targets ?? []).filter((t) => f.targetInstances.some((i) => isTarget(i, t)));
  return known.find((t) => t.State === "healthy") ?? known.find((t) => t.Port === group?.Port) ?? known[0];
}

function consumerLink(f: ReachabilityFacts): Link {
  const vars = { instanceId: f.consumer.InstanceId, state: f.consumer.State ?? "", ping: f.consumer.PingStatus ?? "" };
  const since = f.consumer.SecondsSinceLaunch;
  if (f.consumer.State === "pending") return wait("consumer-instance", "instance-pending", STARTING_SECONDS.instance, vars);
  if (f.consumer.State !== undefined && f.consumer.State !== "running") return fail("consumer-instance", "not-running", vars);
  // A new instance's agent is not listed until it registers: only a late one is a fault.
  if (f.consumer.PingStatus === NOT_REGISTERED && young(since)) return wait("consumer-instance", "ssm-registering", STARTING_SECONDS.agent - since, vars);
  if (f.consumer.PingStatus !== undefined && f.consumer.PingStatus !== "Online") return fail("consumer-instance", "ssm-offline", vars);
  return pass("consumer-instance", vars);
}

function egressLink(f: ReachabilityFacts, ep: VpcEndpointFacts | undefined, port: number): Link {
  const ip = ep?.NetworkInterfaces[0]?.PrivateIpAddress;
  if (!ep || !ip) return skip("consumer-sg-egress");
  const vars = { sgIds: f.consumer.SecurityGroupIds.join(", "), consumerSgId: f.consumer.SecurityGroupIds[0] ?? "", eniIp: ip, port: String(port) };
  const ok = egressAllows(f.securityGroups, f.consumer.SecurityGroupIds, "tcp", port, { ip, groupIds: ep.SecurityGroupIds });
  return ok ? pass("consumer-sg-egress", vars) : fail("consumer-sg-egress", "no-rule", vars);
}

function dnsLink(f: ReachabilityFacts, ep: VpcEndpointFacts | undefined): Link {
  if (!ep) return skip("dns-name");
  const name = ep.DnsEntries[0]?.DnsName;
  // A pending endpoint gets its name and addresses as AWS wires it up.
  const pending = ep.State.toLowerCase() === "pending";
  if (!name) return pending ? wait("dns-name", "endpoint-pending", STARTING_SECONDS.endpoint, { endpointId: ep.VpcEndpointId }) : fail("dns-name", "no-name", { endpointId: ep.VpcEndpointId });
  const resolved = resolveHost(f, name);
  const vars = { dns: name, addresses: resolved?.addresses.join(", ") ?? "" };
  if (resolved && resolved.endpoint?.VpcEndpointId === ep.VpcEndpointId) return pass("dns-name", vars);
  // (No addresses yet: the line gives the link's short name, not "→" and nothing.)
  return pending ? wait("dns-name", "endpoint-pending", STARTING_SECONDS.endpoint, { dns: name, endpointId: ep.VpcEndpointId }) : fail("dns-name", "no-address", vars);
}

const FINISHED = ["deleting", "deleted", "failed", "expired"];

function endpointLink(f: ReachabilityFacts, p: Path): Link {
  const ep = p.endpoint;
  if (!ep) return fail("endpoint", "missing", {});
  const state = ep.State.toLowerCase();
  const zones = ep.NetworkInterfaces.map((e) => e.AvailabilityZone);
  const vars = { endpointId: ep.VpcEndpointId, state: ep.State, azs: zones.join(", "), serviceAzs: "" };
  if (state === "pending") return wait("endpoint", "endpoint-pending", STARTING_SECONDS.endpoint, vars);
  if (FINISHED.includes(state)) return fail("endpoint", "gone", vars);
  const nlbZones = p.nlb?.Nodes.map((n) => n.AvailabilityZone) ?? p.service?.AvailabilityZones ?? [];
  vars.serviceAzs = nlbZones.join(", ");
  if (nlbZones.length > 0 && zones.length > 0 && !zones.some((z) => nlbZones.includes(z))) return fail("endpoint", "other-az", vars);
  if (state !== "available") return warn("endpoint", "waiting", vars);
  if (!zones.includes(f.consumer.AvailabilityZone)) return warn("endpoint", "consumer-other-az", { ...vars, consumerAz: f.consumer.AvailabilityZone });
  return pass("endpoint", vars);
}

function endpointSgLink(f: ReachabilityFacts, ep: VpcEndpointFacts | undefined, port: number): Link {
  if (!ep) return skip("endpoint-sg");
  const vars = { sgId: ep.SecurityGroupIds[0] ?? "", sgIds: ep.SecurityGroupIds.join(", "), consumerIp: f.consumer.PrivateIpAddress, port: String(port) };
  const source = { ip: f.consumer.PrivateIpAddress, groupIds: f.consumer.SecurityGroupIds };
  return ingressAllows(f.securityGroups, ep.SecurityGroupIds, "tcp", port, source) ? pass("endpoint-sg", vars) : fail("endpoint-sg", "no-rule", vars);
}

function acceptanceLink(p: Path): Link {
  const ep = p.endpoint;
  if (!ep) return skip("service-acceptance");
  const svc = p.service;
  // Allowed principals decide who may *create* an endpoint (the service's account always may); removing one cuts no connection.
  const principals = svc?.AllowedPrincipals?.length ? svc.AllowedPrincipals.join(", ") : "-";
  const vars = { endpointId: ep.VpcEndpointId, serviceName: ep.ServiceName, serviceId: svc?.ServiceId ?? "", state: ep.State, principals };
  if (!svc) return fail("service-acceptance", "service-missing", vars);
  const state = ep.State.toLowerCase();
  if (state === "pendingacceptance") return fail("service-acceptance", "pending-acceptance", vars);
  if (state === "rejected") return fail("service-acceptance", "rejected", vars);
  return pass("service-acceptance", vars);
}

function listenerLink(p: Path, port: number): Link {
  if (!p.service) return skip("nlb-listener");
  const nlb = p.nlb;
  if (!nlb) return fail("nlb-listener", "nlb-missing", { serviceId: p.service.ServiceId });
  const ports = nlb.Listeners.map((l) => l.Port);
  const vars = { nlbArn: nlb.LoadBalancerArn, nlbName: nlb.LoadBalancerName, state: nlb.State, port: String(port), ports: ports.join(", "), listenerArn: nlb.Listeners[0]?.ListenerArn ?? "" };
  if (nlb.State.toLowerCase() === "provisioning") return wait("nlb-listener", "nlb-provisioning", STARTING_SECONDS.nlb, vars);
  if (nlb.State.toLowerCase() !== "active") return fail("nlb-listener", "nlb-not-active", vars);
  if (!ports.includes(port)) return fail("nlb-listener", ports.length > 0 ? "wrong-port" : "no-listener", vars);
  return pass("nlb-listener", { ...vars, listenerArn: p.listener?.ListenerArn ?? "" });
}

function groupLink(f: ReachabilityFacts, p: Path): Link {
  if (!p.listener) return skip("target-group");
  const g = p.group;
  if (!g) return fail("target-group", "missing", { targetGroupArn: p.listener.TargetGroupArn });
  const vars = { targetGroupArn: g.TargetGroupArn, targetGroupName: g.TargetGroupName, targets: g.Targets.map((t) => t.Id).join(", ") };
  if (g.Targets.length === 0) return fail("target-group", "no-targets", vars);
  if (f.targetInstances.length > 0 && p.instances.length === 0) return warn("target-group", "unknown-targets", vars);
  return pass("target-group", vars);
}

function healthLink(p: Path): Link {
  const g = p.group;
  if (!g || g.Targets.length === 0) return skip("target-health");
  const states = g.Targets.map((t) => `${t.Id}: ${t.State}${t.Reason ? ` (${t.Reason})` : ""}`).join(", ");
  const vars = { targetGroupArn: g.TargetGroupArn, health: states };
  if (g.Targets.some((t) => t.State === "healthy")) return pass("target-health", vars);
  if (g.Targets.some((t) => t.State === "initial")) return wait("target-health", "targets-initial", STARTING_SECONDS.health, vars);
  if (g.Targets.some((t) => t.Reason === "Target.InvalidState")) return fail("target-health", "instance-stopped", vars);
  return warn("target-health", "unhealthy", vars);
}

function providerSgLink(f: ReachabilityFacts, { inst, target, nlb }: Path): Link {
  if (!inst || !target || !nlb) return skip("provider-sg");
  const nodes = nlb.Nodes.map((n) => n.PrivateIpAddress);
  const vars = { sgId: inst.SecurityGroupIds[0] ?? "", instanceId: inst.InstanceId, port: String(target.Port), nodeIps: nodes.join(", ") };
  // The NLB's addresses are not visible: the rule cannot be judged, and the screen says so (never ✔).
  if (nodes.length === 0) return { id: "provider-sg", status: "skip", problem: "unseen", vars };
  const ok = nodes.some((ip) => ingressAllows(f.securityGroups, inst.SecurityGroupIds, "tcp", target.Port, { ip, groupIds: [] }));
  return ok ? pass("provider-sg", vars) : fail("provider-sg", "no-rule", vars);
}

function httpdLink({ inst, target }: Path): Link {
  if (!inst) return skip("httpd");
  const vars = { instanceId: inst.InstanceId, state: inst.State, port: String(target?.Port ?? 80) };
  if (inst.State === "pending") return wait("httpd", "instance-pending", STARTING_SECONDS.instance, vars);
  if (inst.State !== "running") return fail("httpd", "instance-not-running", vars);
  if (inst.httpd.status === "not-running") return fail("httpd", "not-running", vars);
  // Unhealthy checks no group explains mean Apache is not answering; on a new instance, user data may still be installing it.
  if (inst.httpd.status === "unknown" && target?.State === "unhealthy") {
    return young(inst.SecondsSinceLaunch) ? wait("httpd", "httpd-installing", STARTING_SECONDS.httpd - inst.SecondsSinceLaunch, vars) : fail("httpd", "not-answering", vars);
  }
  return pass("httpd", vars);
}

/** Every link of the path to `target.port`, in the order a packet meets them. */
export function walkChain(f: ReachabilityFacts, target: ChainTarget): Link[] {
  const p = findPath(f, target);
  return [
    consumerLink(f),
    egressLink(f, p.endpoint, target.port),
    dnsLink(f, p.endpoint),
    endpointLink(f, p),
    endpointSgLink(f, p.endpoint, target.port),
    acceptanceLink(p),
    listenerLink(p, target.port),
    groupLink(f, p),
    healthLink(p),
    providerSgLink(f, p),
    httpdLink(p),
  ];
}

export function firstFailure(links: readonly Link[]): Link | undefined {
  return links.find((l) => l.status === "fail");
}

/** With nothing broken, what is still starting: the first such link, and about how long to wait for all of them (AWS seconds). */
export function stillStarting(links: readonly Link[]): { link: Link; seconds: number } | undefined {
  const waiting = links.filter((l) => l.status === "wait");
  if (waiting.length === 0 || firstFailure(links)) return undefined;
  return { link: waiting[0]!, seconds: Math.max(...waiting.map((l) => l.seconds ?? 0)) };
}
