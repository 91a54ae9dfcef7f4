/**
 * Changing a running NLB the way a learner (or a challenge) does: ModifyListener (its port),
 * RegisterTargets and DeregisterTargets. A newly registered target starts over with
 * `initial` (registration, then health checks); a deregistered one stops getting new connections
 * at once (the draining period is not modelled).
 */
import { type Elbv2, type HandlerContext, handlers, type Op } from "../../handler.js";
import { live, type TargetGroup } from "../../world.js";
import { toSdkListener } from "./load-balancers.js";

function group(ctx: HandlerContext, arn: string | undefined): TargetGroup {
  const tg = live(ctx.rw.targetGroups, ctx.now).find((g) => g.TargetGroupArn === arn);
  return tg ?? ctx.fail("TargetGroupNotFoundException", "One or more target groups not found");
}

const modifyListener: Op<Elbv2, "ModifyListenerCommand"> = (ctx, input) => {
  const listener = live(ctx.rw.listeners, ctx.now).find((l) => l.ListenerArn === input.ListenerArn);
  if (!listener) return ctx.fail("ListenerNotFoundException", "One or more listeners not found");
  if (input.Port !== undefined) {
    if (input.Port < 1 || input.Port > 65535) return ctx.fail("ValidationError", "1 validation error detected: Value at 'port' failed to satisfy constraint: Member must have value between 1 and 65535");
    const clash = live(ctx.rw.listeners, ctx.now).some((l) => l !== listener && l.LoadBalancerArn === listener.LoadBalancerArn && l.Port === input.Port);
    if (clash) return ctx.fail("DuplicateListenerException", "A listener already exists on this port for this load balancer");
    listener.Port = input.Port;
  }
  const forward = input.DefaultActions?.find((a) => a.TargetGroupArn)?.TargetGroupArn;
  if (forward) listener.TargetGroupArn = group(ctx, forward).TargetGroupArn;
  return { Listeners: [toSdkListener(listener)] };
};

const registerTargets: Op<Elbv2, "RegisterTargetsCommand"> = (ctx, input) => {
  const tg = group(ctx, input.TargetGroupArn);
  for (const t of input.Targets ?? []) {
    const inst = t.Id ? ctx.rw.instances[t.Id] : undefined;
    if (!inst || inst.life.deletedAt !== undefined) return ctx.fail("InvalidTargetException", `The following targets are not in a running state and cannot be registered: '${t.Id}'`);
    if (inst.VpcId !== tg.VpcId) return ctx.fail("InvalidTargetException", `The following targets are not in the target group VPC '${tg.VpcId}': '${t.Id}'`);
    const port = t.Port ?? tg.Port;
    if (!tg.Targets.some((r) => r.Id === t.Id && r.Port === port)) tg.Targets.push({ Id: inst.InstanceId, Port: port, registeredAt: ctx.now, speed: ctx.speed });
  }
  return {};
};

const deregisterTargets: Op<Elbv2, "DeregisterTargetsCommand"> = (ctx, input) => {
  const tg = group(ctx, input.TargetGroupArn);
  for (const t of input.Targets ?? []) {
    const port = t.Port ?? tg.Port;
    if (!tg.Targets.some((r) => r.Id === t.Id && r.Port === port)) return ctx.fail("InvalidTargetException", `The following targets are not registered in target group: '${t.Id}'`);
    tg.Targets = tg.Targets.filter((r) => !(r.Id === t.Id && r.Port === port));
  }
  return {};
};

export const elbv2ChangeHandlers = handlers<Elbv2>({
  ModifyListenerCommand: modifyListener,
  RegisterTargetsCommand: registerTargets,
  DeregisterTargetsCommand: deregisterTargets,
});
