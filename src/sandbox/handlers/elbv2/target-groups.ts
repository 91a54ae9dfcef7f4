/**
 * DescribeTargetGroups and DescribeTargetHealth. A TCP target group created without health-check
 * settings (as in the article's Provider.yml) gets the NLB defaults: TCP checks on the traffic
 * port every 30 s, timeout 10 s, 5 to become healthy, 2 to become unhealthy.
 */
import type {
  TargetGroup as SdkTargetGroup,
  TargetHealthDescription,
  TargetHealthReasonEnum,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { type Elbv2, type HandlerContext, type Op } from "../../handler.js";
import { targetHealth } from "../../model/target-health.js";
import { live, type TargetGroup } from "../../world.js";
import { liveLoadBalancers } from "./load-balancers.js";

const NOT_FOUND = "One or more target groups not found";

/** ARNs of the load balancers whose listeners forward to the group. */
function loadBalancerArns(ctx: HandlerContext, tg: TargetGroup): string[] {
  const arns = live(ctx.rw.listeners, ctx.now)
    .filter((l) => l.TargetGroupArn === tg.TargetGroupArn)
    .map((l) => l.LoadBalancerArn);
  return [...new Set(arns)];
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

export const describeTargetGroups: Op<Elbv2, "DescribeTargetGroupsCommand"> = (ctx, input) => {
  const all = live(ctx.rw.targetGroups, ctx.now);
  if (input.LoadBalancerArn && !liveLoadBalancers(ctx).some((lb) => lb.LoadBalancerArn === input.LoadBalancerArn)) {
    return ctx.fail("LoadBalancerNotFoundException", "One or more load balancers not found");
  }
  if (input.Names?.some((n) => !all.some((tg) => tg.TargetGroupName === n))) return ctx.fail("TargetGroupNotFoundException", NOT_FOUND);
  if (input.TargetGroupArns?.some((arn) => !all.some((tg) => tg.TargetGroupArn === arn))) return ctx.fail("TargetGroupNotFoundException", NOT_FOUND);
  const picked = all.filter(
    (tg) =>
      (!input.Names?.length || input.Names.includes(tg.TargetGroupName)) &&
      (!input.TargetGroupArns?.length || input.TargetGroupArns.includes(tg.TargetGroupArn)) &&
      (!input.LoadBalancerArn || loadBalancerArns(ctx, tg).includes(input.LoadBalancerArn)),
  );
  return { TargetGroups: picked.map((tg) => toSdkTargetGroup(ctx, tg)) };
};

export const describeTargetHealth: Op<Elbv2, "DescribeTargetHealthCommand"> = (ctx, input) => {
  const tg = live(ctx.rw.targetGroups, ctx.now).find((g) => g.TargetGroupArn === input.TargetGroupArn);
  if (!tg) return ctx.fail("TargetGroupNotFoundException", NOT_FOUND);
  const asked = input.Targets?.length ? input.Targets : tg.Targets;
  const descriptions: TargetHealthDescription[] = asked.map((t) => {
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
};
