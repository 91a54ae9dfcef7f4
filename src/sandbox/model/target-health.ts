/**
 * NLB target health, derived from the world at `now` (lazy time), as DescribeTargetHealth shows it.
 *
 * An NLB health-checks its targets over TCP on the traffic port, from its nodes' private IPs in
 * the target's VPC. So a target passes only when the instance runs, Apache listens, and the
 * Provider security group admits the NLB's addresses on that port. Timeline of a new target:
 * `initial` (Elb.RegistrationInProgress) until the listener links the group to an active NLB and
 * registration completes (~30 s), `initial` (Elb.InitialHealthChecking) while the first checks
 * run, then `healthy` about 90 s after everything is up (3 checks × 30 s), or `unhealthy`
 * (Target.FailedHealthChecks) when the checks keep failing.
 */
import { after, readyMoment, settled, type Moment, type Speed } from "../clock.js";
import { ingressAllows } from "../../reachability/security-groups.js";
import { exists, live, liveInterfaces, type Instance, type LoadBalancer, type RegionWorld, type Target, type TargetGroup } from "../world.js";

const HEALTH_TIMES = { registration: 30, checksToHealthy: 90, checksToUnhealthy: 60 } as const;

interface TargetHealthView {
  State: "initial" | "healthy" | "unhealthy" | "unused" | "draining" | "unavailable";
  Reason?: string;
  Description?: string;
}

export type InstanceStateName = "pending" | "running" | "stopping" | "stopped" | "shutting-down" | "terminated";

/** EC2's instance state name at `now`: pending, running, then as stops and starts left it, until terminated. */
export function instanceStateAt(inst: Instance, now: number): InstanceStateName {
  if (inst.life.deletedAt !== undefined && inst.life.deletedAt <= now) return "terminated";
  if (inst.life.deleteRequestedAt !== undefined && inst.life.deleteRequestedAt <= now) return "shutting-down";
  const last = (inst.power ?? []).filter((p) => p.from <= now).at(-1);
  if (last) return last.state;
  return now < inst.life.readyAt ? "pending" : "running";
}

/** When the instance last came up running (its launch, or its latest start) by `now`. */
export function runningSince(inst: Instance, now: number): number {
  return (inst.power ?? []).filter((p) => p.state === "running" && p.from <= now).at(-1)?.from ?? inst.life.readyAt;
}

/** That moment, with the speed recorded when the instance was launched (what comes after it runs at). */
export function runningMoment(inst: Instance, now: number): Moment {
  return { at: runningSince(inst, now), speed: inst.life.speed };
}

/** The NLB that sends traffic to this group (through one of its listeners), and since when. */
function loadBalancerOf(rw: RegionWorld, tg: TargetGroup, now: number): { lb: LoadBalancer; linked: Moment[] } | undefined {
  for (const listener of live(rw.listeners, now)) {
    if (listener.TargetGroupArn !== tg.TargetGroupArn) continue;
    const lb = rw.loadBalancers[listener.LoadBalancerArn];
    if (lb && exists(lb.life, now)) return { lb, linked: [readyMoment(listener.life), readyMoment(lb.life), readyMoment(tg.life)] };
  }
  return undefined;
}

/** Does the target's security group admit the NLB's health checks on `port`, from its nodes' (ENIs') private IPs? */
function admitsLoadBalancer(rw: RegionWorld, inst: Instance, lb: LoadBalancer, port: number, now: number): boolean {
  const groups = live(rw.securityGroups, now);
  const nodeIps = liveInterfaces(rw, lb.NetworkInterfaceIds, now).map((eni) => eni.PrivateIpAddress);
  return nodeIps.some((ip) => ingressAllows(groups, inst.SecurityGroupIds, "tcp", port, { ip, groupIds: [] }));
}

const initial = (reason: "Elb.RegistrationInProgress" | "Elb.InitialHealthChecking"): TargetHealthView => ({
  State: "initial",
  Reason: reason,
  Description: reason === "Elb.RegistrationInProgress" ? "Target registration is in progress" : "Initial health checks in progress",
});
const failed = (): TargetHealthView => ({
  State: "unhealthy",
  Reason: "Target.FailedHealthChecks",
  Description: "Health checks failed",
});

export function targetHealth(rw: RegionWorld, tg: TargetGroup, target: Target, now: number, speed: Speed): TargetHealthView {
  const link = loadBalancerOf(rw, tg, now);
  if (!link) return { State: "unused", Reason: "Target.NotInUse", Description: "Target group is not configured to receive traffic from the load balancer" };
  const inst = rw.instances[target.Id];
  if (!inst) return failed();
  const state = instanceStateAt(inst, now);
  if (state !== "pending" && state !== "running") {
    return { State: "unused", Reason: "Target.InvalidState", Description: `Target is in the ${state === "terminated" ? "terminated" : "stopped"} state` };
  }
  // Registration and the checks run at the speed in force when the last part was in place (Life.speed).
  const linked = settled([...link.linked, { at: target.registeredAt ?? 0, speed: target.speed }], speed);
  const registeredAt = after(linked.at, HEALTH_TIMES.registration, linked.speed);
  if (now < registeredAt || now < link.lb.life.readyAt) return initial("Elb.RegistrationInProgress");
  const checks = settled([{ at: registeredAt, speed: linked.speed }, runningMoment(inst, now)], speed);
  const unhealthyAt = after(checks.at, HEALTH_TIMES.checksToUnhealthy, checks.speed);
  const httpdAt = inst.boot.httpdReadyAt;
  if (httpdAt !== undefined && admitsLoadBalancer(rw, inst, link.lb, target.Port, now)) {
    const healthyAt = after(Math.max(checks.at, httpdAt), HEALTH_TIMES.checksToHealthy, checks.speed);
    if (now >= healthyAt) return { State: "healthy" };
    // Until Apache answers, the checks fail (below); once it does, the target stays initial until healthy.
    if (now >= httpdAt) return initial("Elb.InitialHealthChecking");
  }
  return now >= unhealthyAt ? failed() : initial("Elb.InitialHealthChecking");
}
