/** Elastic Load Balancing v2: the describes the lesson, the tour and `diagnose` read; the changes challenges make. */
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

export const elbv2Handlers = handlers<Elbv2>({
  DescribeLoadBalancersCommand: describeLoadBalancers,
  DescribeListenersCommand: describeListeners,
  DescribeTargetGroupsCommand: describeTargetGroups,
  DescribeTargetHealthCommand: describeTargetHealth,
  DescribeTagsCommand: describeTags,
  ...elbv2ChangeHandlers,
});
