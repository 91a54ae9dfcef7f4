/**
 * Network Load Balancers, target groups and listeners. An NLB has one requester-managed ENI per
 * subnet (its node in that AZ); names are at most 32 characters; an NLB used by a VPC endpoint
 * service cannot be deleted (`ResourceInUse`).
 */
import type { HandlerContext } from "../handler.js";
import { heldOutside, markDeleted, newId, notDeletedBy, type Listener, type LoadBalancer, type NewOf, type TargetGroup } from "../world.js";
import { createNetworkInterface, releaseNetworkInterfaces } from "./network-interfaces.js";

const hex16 = (ctx: HandlerContext): string => newId(ctx.world, "", 16);

function checkName(ctx: HandlerContext, label: "Load balancer" | "Target group", name: string): void {
  if (name.length > 32) ctx.fail("ValidationError", `${label} name '${name}' cannot be longer than '32' characters`);
  if (!/^[A-Za-z0-9-]+$/.test(name)) {
    ctx.fail("ValidationError", `${label} name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
  }
  if (name.startsWith("-") || name.endsWith("-")) ctx.fail("ValidationError", `${label} name '${name}' cannot begin or end with '-' character`);
}

type NewLoadBalancer = NewOf<LoadBalancer, "LoadBalancerName" | "SubnetIds" | "life", "Scheme" | "Tags">;

export function createLoadBalancer(ctx: HandlerContext, p: NewLoadBalancer): LoadBalancer {
  checkName(ctx, "Load balancer", p.LoadBalancerName);
  const others = Object.values(ctx.rw.loadBalancers).filter((lb) => notDeletedBy(lb.life, p.life.createdAt));
  if (others.some((lb) => lb.LoadBalancerName === p.LoadBalancerName)) {
    ctx.fail("DuplicateLoadBalancerName", `A load balancer with the same name '${p.LoadBalancerName}' exists, but with different settings`);
  }
  if (others.length >= ctx.world.quotas.networkLoadBalancersPerRegion) {
    ctx.fail("TooManyLoadBalancers", "You've reached the limit on the number of load balancers for your account");
  }
  const first = ctx.rw.subnets[p.SubnetIds[0] ?? ""];
  if (!first) return ctx.fail("SubnetNotFound", `The subnet ID '${p.SubnetIds[0] ?? ""}' is not valid`);
  const id = hex16(ctx);
  const arn = `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.world.accountId}:loadbalancer/net/${p.LoadBalancerName}/${id}`;
  const enis = p.SubnetIds.map((subnetId) =>
    createNetworkInterface(ctx, {
      SubnetId: subnetId,
      GroupIds: [],
      InterfaceType: "network_load_balancer",
      Description: `ELB net/${p.LoadBalancerName}/${id}`,
      OwnerRef: arn,
      RequesterManaged: true,
      life: p.life,
    }),
  );
  const lb: LoadBalancer = {
    LoadBalancerArn: arn,
    LoadBalancerName: p.LoadBalancerName,
    DNSName: `${p.LoadBalancerName}-${hex16(ctx)}.elb.${ctx.region}.amazonaws.com`,
    Scheme: p.Scheme ?? "internet-facing",
    Type: "network",
    VpcId: first.VpcId,
    SubnetIds: [...p.SubnetIds],
    NetworkInterfaceIds: enis.map((e) => e.NetworkInterfaceId),
    DeletionProtection: false,
    Tags: p.Tags ?? [],
    life: { ...p.life },
  };
  ctx.rw.loadBalancers[arn] = lb;
  return lb;
}

/** `net/<name>/<id>`, as CloudWatch and `LoadBalancerFullName` spell it. */
export function loadBalancerFullName(arn: string): string {
  return arn.split(":loadbalancer/")[1] ?? "";
}

type NewTargetGroup = NewOf<TargetGroup, "TargetGroupName" | "Protocol" | "Port" | "VpcId" | "life", "TargetType" | "Targets" | "Tags">;

export function createTargetGroup(ctx: HandlerContext, p: NewTargetGroup): TargetGroup {
  checkName(ctx, "Target group", p.TargetGroupName);
  if (Object.values(ctx.rw.targetGroups).some((t) => t.TargetGroupName === p.TargetGroupName && notDeletedBy(t.life, p.life.createdAt))) {
    ctx.fail("DuplicateTargetGroupName", `A target group with the same name '${p.TargetGroupName}' exists, but with different settings`);
  }
  const arn = `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.world.accountId}:targetgroup/${p.TargetGroupName}/${hex16(ctx)}`;
  const tg: TargetGroup = {
    TargetGroupArn: arn,
    TargetGroupName: p.TargetGroupName,
    Protocol: p.Protocol,
    Port: p.Port,
    VpcId: p.VpcId,
    TargetType: p.TargetType ?? "instance",
    Targets: (p.Targets ?? []).map((t) => ({ Id: t.Id, Port: t.Port || p.Port })),
    Tags: p.Tags ?? [],
    life: { ...p.life },
  };
  ctx.rw.targetGroups[arn] = tg;
  return tg;
}

export function createListener(ctx: HandlerContext, p: Omit<Listener, "ListenerArn">): Listener {
  const lb = ctx.rw.loadBalancers[p.LoadBalancerArn];
  if (!lb) return ctx.fail("LoadBalancerNotFound", "One or more load balancers not found");
  if (!ctx.rw.targetGroups[p.TargetGroupArn]) ctx.fail("TargetGroupNotFound", "One or more target groups not found");
  const clash = Object.values(ctx.rw.listeners).some(
    (l) => l.LoadBalancerArn === p.LoadBalancerArn && l.Port === p.Port && notDeletedBy(l.life, p.life.createdAt),
  );
  if (clash) ctx.fail("DuplicateListener", "A listener already exists on this port for this load balancer");
  const arn = `${p.LoadBalancerArn.replace(":loadbalancer/", ":listener/")}/${hex16(ctx)}`;
  const listener: Listener = { ...p, ListenerArn: arn, life: { ...p.life } };
  ctx.rw.listeners[arn] = listener;
  return listener;
}

export function deleteLoadBalancer(ctx: HandlerContext, arn: string, at: number): void {
  const lb = ctx.rw.loadBalancers[arn];
  if (!lb) return;
  markDeleted(lb.life, ctx.now, at);
  releaseNetworkInterfaces(ctx, lb.NetworkInterfaceIds, at);
  for (const l of Object.values(ctx.rw.listeners)) if (l.LoadBalancerArn === arn) markDeleted(l.life, ctx.now, at);
}

/** `ResourceInUse` message when a VPC endpoint service outside the stack still uses the NLB. */
export function loadBalancerBlocker(ctx: HandlerContext, arn: string, ignoreStackId?: string): string | undefined {
  const used = Object.values(ctx.rw.endpointServices).some(
    (s) => s.NetworkLoadBalancerArns.includes(arn) && heldOutside(s.life, ctx.now, ignoreStackId),
  );
  return used ? `Load balancer '${arn}' cannot be deleted because it is currently associated with another service` : undefined;
}

/** `ResourceInUse` message when a listener outside the stack still forwards to the target group. */
export function targetGroupBlocker(ctx: HandlerContext, arn: string, ignoreStackId?: string): string | undefined {
  const used = Object.values(ctx.rw.listeners).some((l) => l.TargetGroupArn === arn && heldOutside(l.life, ctx.now, ignoreStackId));
  return used ? `Target group '${arn}' is currently in use by a listener or a rule` : undefined;
}
