/**
 * Elastic Load Balancing v2: the describes the lesson, the tour and `diagnose` read, and the changes
 * a learner (or a challenge) makes to a running NLB. Attributes are an NLB's and a TCP target
 * group's defaults (deletion protection as the stack set it). A target group created without
 * health-check settings (as in the article's Provider.yml) gets the NLB defaults: TCP checks on the
 * traffic port every 30 s, timeout 10 s, 5 to become healthy, 2 to become unhealthy. A newly
 * registered target starts over with `initial`; a deregistered one stops getting new connections at
 * once (the draining period is not modelled).
 */
import type {
  Listener as SdkListener,
  LoadBalancer as SdkLoadBalancer,
  TargetGroup as SdkTargetGroup,
  TargetHealthReasonEnum,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { type Elbv2, type HandlerContext, handlers } from "../handler.js";
import { createListener } from "../model/load-balancers.js";
import { targetHealth } from "../model/target-health.js";
import { loadBalancerState } from "../reachability-facts.js";
import { regionInfo } from "../regions.js";
import { pickNamed } from "./ec2/filters.js";
import { live, markDeleted, type Listener, type LoadBalancer, type TargetGroup } from "../world.js";

const LB_NOT_FOUND = "One or more load balancers not found";
const TG_NOT_FOUND = "One or more target groups not found";

/** The protocols an NLB's listener takes. */
const NLB_PROTOCOLS = ["TCP_UDP", "UDP", "TCP", "TLS"];

function loadBalancer(ctx: HandlerContext, arn?: string, code = "LoadBalancerNotFoundException"): LoadBalancer {
  const lb = live(ctx.rw.loadBalancers, ctx.now).find((l) => l.LoadBalancerArn === arn);
  return lb ?? ctx.fail(code, LB_NOT_FOUND);
}

function targetGroup(ctx: HandlerContext, arn: string | undefined): TargetGroup {
  const tg = live(ctx.rw.targetGroups, ctx.now).find((g) => g.TargetGroupArn === arn);
  return tg ?? ctx.fail("TargetGroupNotFoundException", TG_NOT_FOUND);
}

function listener(ctx: HandlerContext, arn: string | undefined, code = "ListenerNotFoundException"): Listener {
  const found = live(ctx.rw.listeners, ctx.now).find((l) => l.ListenerArn === arn);
  return found ?? ctx.fail(code, "One or more listeners not found");
}

function toSdkLoadBalancer(ctx: HandlerContext, lb: LoadBalancer): SdkLoadBalancer {
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

function toSdkListener(l: Listener): SdkListener {
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

/** ARNs of the load balancers whose listeners forward to the group. */
function loadBalancerArns(ctx: HandlerContext, tg: TargetGroup): string[] {
  const forwarding = live(ctx.rw.listeners, ctx.now).filter((l) => l.TargetGroupArn === tg.TargetGroupArn);
  return [...new Set(forwarding.map((l) => l.LoadBalancerArn))];
}

function toSdkTargetGroup(ctx: HandlerContext, tg: TargetGroup): SdkTargetGroup {
  return {
    TargetGroupArn: tg.TargetGroupArn,
    TargetGroupName: tg.TargetGroupName,
    Protocol: tg.Protocol as SdkTargetGroup["Protocol"],
    Port: tg.Port,
    VpcId: tg.VpcId,
    HealthCheckProtocol: "TCP",
    HealthCheckPort: "traffic-port",
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 10,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    LoadBalancerArns: loadBalancerArns(ctx, tg),
    TargetType: tg.TargetType,
    IpAddressType: "ipv4",
  };
}

const pairs = (attrs: Record<string, string>) => Object.entries(attrs).map(([Key, Value]) => ({ Key, Value }));

function checkPort(ctx: HandlerContext, port: number): void {
  if (port < 1 || port > 65535) ctx.fail("ValidationError", "1 validation error detected: Value at 'port' failed to satisfy constraint: Member must have value between 1 and 65535");
}

export const elbv2Handlers = handlers<Elbv2>({
  DescribeLoadBalancerAttributesCommand: (ctx, input) => {
    const lb = loadBalancer(ctx, input.LoadBalancerArn);
    return {
      Attributes: pairs({
        "access_logs.s3.enabled": "false", "access_logs.s3.bucket": "", "access_logs.s3.prefix": "",
        "deletion_protection.enabled": String(lb.DeletionProtection), "load_balancing.cross_zone.enabled": "false",
        "dns_record.client_routing_policy": "any_availability_zone", "zonal_shift.config.enabled": "false",
      }),
    };
  },

  DescribeTargetGroupAttributesCommand: (ctx, input) => {
    targetGroup(ctx, input.TargetGroupArn);
    return {
      Attributes: pairs({
        "deregistration_delay.timeout_seconds": "300", "deregistration_delay.connection_termination.enabled": "false",
        "proxy_protocol_v2.enabled": "false", "preserve_client_ip.enabled": "true", "stickiness.enabled": "false", "stickiness.type": "source_ip",
        "load_balancing.cross_zone.enabled": "use_load_balancer_configuration",
        "target_group_health.dns_failover.minimum_healthy_targets.count": "1", "target_group_health.dns_failover.minimum_healthy_targets.percentage": "off",
        "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count": "1", "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage": "off",
        "target_health_state.unhealthy.connection_termination.enabled": "true", "target_health_state.unhealthy.draining_interval_seconds": "0",
      }),
    };
  },

  DescribeLoadBalancersCommand: (ctx, input) => {
    const all = live(ctx.rw.loadBalancers, ctx.now);
    const named = pickNamed(all, input.Names, (lb) => lb.LoadBalancerName, (missing) =>
      ctx.fail("LoadBalancerNotFoundException", `Load balancers '[${missing.join(", ")}]' not found`),
    );
    const unknownArn = () => ctx.fail("LoadBalancerNotFoundException", LB_NOT_FOUND);
    const byArn = pickNamed(all, input.LoadBalancerArns, (lb) => lb.LoadBalancerArn, unknownArn);
    return { LoadBalancers: named.filter((lb) => byArn.includes(lb)).map((lb) => toSdkLoadBalancer(ctx, lb)) };
  },

  DescribeListenersCommand: (ctx, input) => {
    const listeners = live(ctx.rw.listeners, ctx.now);
    if (input.ListenerArns?.length) {
      for (const arn of input.ListenerArns) listener(ctx, arn);
      return { Listeners: listeners.filter((l) => input.ListenerArns!.includes(l.ListenerArn)).map(toSdkListener) };
    }
    if (!input.LoadBalancerArn) return ctx.fail("ValidationError", "You must specify either listener ARNs or a load balancer ARN");
    loadBalancer(ctx, input.LoadBalancerArn);
    return { Listeners: listeners.filter((l) => l.LoadBalancerArn === input.LoadBalancerArn).map(toSdkListener) };
  },

  DescribeTargetGroupsCommand: (ctx, input) => {
    const all = live(ctx.rw.targetGroups, ctx.now);
    if (input.LoadBalancerArn) loadBalancer(ctx, input.LoadBalancerArn);
    const missing = () => ctx.fail("TargetGroupNotFoundException", TG_NOT_FOUND);
    const named = pickNamed(all, input.Names, (tg) => tg.TargetGroupName, missing);
    const byArn = pickNamed(all, input.TargetGroupArns, (tg) => tg.TargetGroupArn, missing);
    const lbArn = input.LoadBalancerArn;
    const behind = (tg: TargetGroup) => !lbArn || loadBalancerArns(ctx, tg).includes(lbArn);
    const picked = named.filter((tg) => byArn.includes(tg) && behind(tg));
    return { TargetGroups: picked.map((tg) => toSdkTargetGroup(ctx, tg)) };
  },

  DescribeTargetHealthCommand: (ctx, input) => {
    const tg = targetGroup(ctx, input.TargetGroupArn);
    const asked = input.Targets?.length ? input.Targets : tg.Targets;
    const descriptions = asked.map((t) => {
      const port = t.Port ?? tg.Port;
      const registered = tg.Targets.find((r) => r.Id === t.Id && r.Port === port);
      const health = registered
        ? targetHealth(ctx.rw, tg, registered, ctx.now, ctx.speed)
        : { State: "unused" as const, Reason: "Target.NotRegistered", Description: "Target is not registered to the target group" };
      return {
        Target: { Id: t.Id, Port: port, AvailabilityZone: ctx.rw.instances[t.Id ?? ""]?.AvailabilityZone },
        HealthCheckPort: String(port),
        TargetHealth: { State: health.State, Reason: health.Reason as TargetHealthReasonEnum | undefined, Description: health.Description },
      };
    });
    return { TargetHealthDescriptions: descriptions };
  },

  DescribeTagsCommand: (ctx, input) => {
    const tagged = [
      ...live(ctx.rw.loadBalancers, ctx.now).map((lb) => ({ arn: lb.LoadBalancerArn, tags: lb.Tags })),
      ...live(ctx.rw.targetGroups, ctx.now).map((tg) => ({ arn: tg.TargetGroupArn, tags: tg.Tags })),
    ];
    const arns = input.ResourceArns ?? [];
    const missing = arns.find((arn) => !tagged.some((t) => t.arn === arn));
    if (missing?.includes(":targetgroup/")) return ctx.fail("TargetGroupNotFoundException", TG_NOT_FOUND);
    if (missing) return ctx.fail("LoadBalancerNotFoundException", LB_NOT_FOUND);
    return { TagDescriptions: arns.map((arn) => ({ ResourceArn: arn, Tags: tagged.find((t) => t.arn === arn)!.tags.map((t) => ({ ...t })) })) };
  },

  CreateListenerCommand: (ctx, input) => {
    const lb = loadBalancer(ctx, input.LoadBalancerArn, "LoadBalancerNotFound");
    const protocol = input.Protocol ?? "TCP";
    if (!NLB_PROTOCOLS.includes(protocol)) return ctx.fail("ValidationError", `Listener protocol '${protocol}' must be one of '${NLB_PROTOCOLS.join(", ")}'`);
    if (input.Port === undefined) return ctx.fail("ValidationError", "A listener port must be specified");
    checkPort(ctx, input.Port);
    const action = input.DefaultActions?.[0];
    if (!action) return ctx.fail("ValidationError", "1 validation error detected: Value null at 'defaultActions' failed to satisfy constraint: Member must not be null");
    const arn = action.TargetGroupArn ?? action.ForwardConfig?.TargetGroups?.[0]?.TargetGroupArn;
    if (action.Type !== "forward" || !arn) return ctx.fail("InvalidLoadBalancerAction", `The action type '${action.Type ?? ""}' is not valid for a load balancer of type 'network'`);
    const tg = targetGroup(ctx, arn);
    if (tg.Protocol !== protocol) return ctx.fail("IncompatibleProtocols", `Listener protocol '${protocol}' is not supported with a target group with the protocol '${tg.Protocol}'`);
    const elsewhere = live(ctx.rw.listeners, ctx.now).some((l) => l.TargetGroupArn === tg.TargetGroupArn && l.LoadBalancerArn !== lb.LoadBalancerArn);
    if (elsewhere) return ctx.fail("TargetGroupAssociationLimit", `The following target groups cannot be associated with more than one load balancer: ${tg.TargetGroupArn}`);
    const created = createListener(ctx, { LoadBalancerArn: lb.LoadBalancerArn, Port: input.Port, Protocol: protocol, TargetGroupArn: tg.TargetGroupArn, life: { createdAt: ctx.now, readyAt: ctx.now } });
    return { Listeners: [toSdkListener(created)] };
  },

  DeleteListenerCommand: (ctx, input) => {
    markDeleted(listener(ctx, input.ListenerArn, "ListenerNotFound").life, ctx.now, ctx.now);
    return {};
  },

  ModifyListenerCommand: (ctx, input) => {
    const l = listener(ctx, input.ListenerArn);
    if (input.Port !== undefined) {
      checkPort(ctx, input.Port);
      const clash = live(ctx.rw.listeners, ctx.now).some((x) => x !== l && x.LoadBalancerArn === l.LoadBalancerArn && x.Port === input.Port);
      if (clash) return ctx.fail("DuplicateListenerException", "A listener already exists on this port for this load balancer");
      l.Port = input.Port;
    }
    const forward = input.DefaultActions?.find((a) => a.TargetGroupArn)?.TargetGroupArn;
    if (forward) l.TargetGroupArn = targetGroup(ctx, forward).TargetGroupArn;
    return { Listeners: [toSdkListener(l)] };
  },

  RegisterTargetsCommand: (ctx, input) => {
    const tg = targetGroup(ctx, input.TargetGroupArn);
    for (const t of input.Targets ?? []) {
      const inst = t.Id ? ctx.rw.instances[t.Id] : undefined;
      if (!inst || inst.life.deletedAt !== undefined) return ctx.fail("InvalidTargetException", `The following targets are not in a running state and cannot be registered: '${t.Id}'`);
      if (inst.VpcId !== tg.VpcId) return ctx.fail("InvalidTargetException", `The following targets are not in the target group VPC '${tg.VpcId}': '${t.Id}'`);
      const port = t.Port ?? tg.Port;
      if (!tg.Targets.some((r) => r.Id === t.Id && r.Port === port)) tg.Targets.push({ Id: inst.InstanceId, Port: port, registeredAt: ctx.now, speed: ctx.speed });
    }
    return {};
  },

  DeregisterTargetsCommand: (ctx, input) => {
    const tg = targetGroup(ctx, input.TargetGroupArn);
    for (const t of input.Targets ?? []) {
      const port = t.Port ?? tg.Port;
      if (!tg.Targets.some((r) => r.Id === t.Id && r.Port === port)) return ctx.fail("InvalidTargetException", `The following targets are not registered in target group: '${t.Id}'`);
      tg.Targets = tg.Targets.filter((r) => !(r.Id === t.Id && r.Port === port));
    }
    return {};
  },
});
