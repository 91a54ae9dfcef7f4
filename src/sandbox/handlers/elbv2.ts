/**
 * Elastic Load Balancing v2: the describes the lesson, the tour and `diagnose` read; the changes
 * challenges make. Attributes are an NLB's and a TCP target group's defaults (deletion protection
 * as the stack set it).
 */
import { type Elbv2, handlers, type Op } from "../handler.js";
import { live } from "../world.js";
import { describeListeners, describeLoadBalancers } from "./elbv2/load-balancers.js";
import { describeTargetGroups, describeTargetHealth } from "./elbv2/target-groups.js";
import { elbv2ChangeHandlers } from "./elbv2/changes.js";

const describeTags: Op<Elbv2, "DescribeTagsCommand"> = (ctx, input) => {
  const tagged = [...live(ctx.rw.loadBalancers, ctx.now).map((lb) => ({ arn: lb.LoadBalancerArn, tags: lb.Tags })), ...live(ctx.rw.targetGroups, ctx.now).map((tg) => ({ arn: tg.TargetGroupArn, tags: tg.Tags }))];
  const arns = input.ResourceArns ?? [];
  const missing = arns.find((arn) => !tagged.some((t) => t.arn === arn));
  if (missing) {
    if (missing.includes(":targetgroup/")) return ctx.fail("TargetGroupNotFoundException", "One or more target groups not found");
    return ctx.fail("LoadBalancerNotFoundException", "One or more load balancers not found");
  }
  return { TagDescriptions: arns.map((arn) => ({ ResourceArn: arn, Tags: tagged.find((t) => t.arn === arn)!.tags.map((t) => ({ ...t })) })) };
};

const pairs = (attrs: Record<string, string>) => Object.entries(attrs).map(([Key, Value]) => ({ Key, Value }));

const describeLoadBalancerAttributes: Op<Elbv2, "DescribeLoadBalancerAttributesCommand"> = (ctx, input) => {
  const lb = live(ctx.rw.loadBalancers, ctx.now).find((l) => l.LoadBalancerArn === input.LoadBalancerArn);
  if (!lb) return ctx.fail("LoadBalancerNotFoundException", "One or more load balancers not found");
  return {
    Attributes: pairs({
      "access_logs.s3.enabled": "false", "access_logs.s3.bucket": "", "access_logs.s3.prefix": "",
      "deletion_protection.enabled": String(lb.DeletionProtection), "load_balancing.cross_zone.enabled": "false",
      "dns_record.client_routing_policy": "any_availability_zone", "zonal_shift.config.enabled": "false",
    }),
  };
};

const describeTargetGroupAttributes: Op<Elbv2, "DescribeTargetGroupAttributesCommand"> = (ctx, input) => {
  if (!live(ctx.rw.targetGroups, ctx.now).some((g) => g.TargetGroupArn === input.TargetGroupArn)) return ctx.fail("TargetGroupNotFoundException", "One or more target groups not found");
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
};

export const elbv2Handlers = handlers<Elbv2>({
  DescribeLoadBalancerAttributesCommand: describeLoadBalancerAttributes,
  DescribeTargetGroupAttributesCommand: describeTargetGroupAttributes,
  DescribeLoadBalancersCommand: describeLoadBalancers,
  DescribeListenersCommand: describeListeners,
  DescribeTargetGroupsCommand: describeTargetGroups,
  DescribeTargetHealthCommand: describeTargetHealth,
  DescribeTagsCommand: describeTags,
  ...elbv2ChangeHandlers,
});
