/** DescribeLoadBalancers and DescribeListeners: the NLB and its listeners as the ELBv2 API shows them. */
import type { Listener as SdkListener, LoadBalancer as SdkLoadBalancer } from "@aws-sdk/client-elastic-load-balancing-v2";
import { type Elbv2, type HandlerContext, type Op } from "../../handler.js";
import { loadBalancerState } from "../../reachability-facts.js";
import { regionInfo } from "../../regions.js";
import { live, type Listener, type LoadBalancer } from "../../world.js";

export function liveLoadBalancers(ctx: HandlerContext): LoadBalancer[] {
  return live(ctx.rw.loadBalancers, ctx.now);
}

export function toSdkLoadBalancer(ctx: HandlerContext, lb: LoadBalancer): SdkLoadBalancer {
  return {
    LoadBalancerArn: lb.LoadBalancerArn,
    DNSName: lb.DNSName,
    CanonicalHostedZoneId: regionInfo(ctx.region)?.hostedZones.nlb ?? "Z26RNL4JYFTOTI",
    CreatedTime: new Date(lb.life.createdAt),
    LoadBalancerName: lb.LoadBalancerName,
    Scheme: lb.Scheme,
    VpcId: lb.VpcId,
    State: { Code: loadBalancerState(lb, ctx.now) },
    Type: lb.Type,
    // An internal NLB without static addresses lists its subnets with no LoadBalancerAddresses.
    AvailabilityZones: lb.SubnetIds.map((id) => ({ ZoneName: ctx.rw.subnets[id]?.AvailabilityZone, SubnetId: id, LoadBalancerAddresses: [] })),
    IpAddressType: "ipv4",
  };
}

export const describeLoadBalancers: Op<Elbv2, "DescribeLoadBalancersCommand"> = (ctx, input) => {
  const all = liveLoadBalancers(ctx);
  const missing = (input.Names ?? []).filter((n) => !all.some((lb) => lb.LoadBalancerName === n));
  if (missing.length > 0) return ctx.fail("LoadBalancerNotFoundException", `Load balancers '[${missing.join(", ")}]' not found`);
  if (input.LoadBalancerArns?.some((arn) => !all.some((lb) => lb.LoadBalancerArn === arn))) {
    return ctx.fail("LoadBalancerNotFoundException", "One or more load balancers not found");
  }
  const picked = all.filter(
    (lb) => (!input.Names?.length || input.Names.includes(lb.LoadBalancerName)) && (!input.LoadBalancerArns?.length || input.LoadBalancerArns.includes(lb.LoadBalancerArn)),
  );
  return { LoadBalancers: picked.map((lb) => toSdkLoadBalancer(ctx, lb)) };
};

export function toSdkListener(l: Listener): SdkListener {
  return {
    ListenerArn: l.ListenerArn,
    LoadBalancerArn: l.LoadBalancerArn,
    Port: l.Port,
    Protocol: l.Protocol as SdkListener["Protocol"],
    DefaultActions: [
      {
        Type: "forward",
        TargetGroupArn: l.TargetGroupArn,
        ForwardConfig: { TargetGroups: [{ TargetGroupArn: l.TargetGroupArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
      },
    ],
  };
}

export const describeListeners: Op<Elbv2, "DescribeListenersCommand"> = (ctx, input) => {
  const listeners = live(ctx.rw.listeners, ctx.now);
  if (input.ListenerArns?.length) {
    if (input.ListenerArns.some((arn) => !listeners.some((l) => l.ListenerArn === arn))) return ctx.fail("ListenerNotFoundException", "One or more listeners not found");
    return { Listeners: listeners.filter((l) => input.ListenerArns!.includes(l.ListenerArn)).map(toSdkListener) };
  }
  if (!input.LoadBalancerArn) return ctx.fail("ValidationError", "You must specify either listener ARNs or a load balancer ARN");
  if (!liveLoadBalancers(ctx).some((lb) => lb.LoadBalancerArn === input.LoadBalancerArn)) {
    return ctx.fail("LoadBalancerNotFoundException", "One or more load balancers not found");
  }
  return { Listeners: listeners.filter((l) => l.LoadBalancerArn === input.LoadBalancerArn).map(toSdkListener) };
};
