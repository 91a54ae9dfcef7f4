/**
 * Changing a running NLB the way a learner (or a challenge) does: CreateListener (a TCP listener
 * that forwards to a target group, as `diagnose` tells a learner who lost theirs), DeleteListener,
 * ModifyListener (its port), RegisterTargets and DeregisterTargets. A newly registered target starts over with
 * `initial` (registration, then health checks); a deregistered one stops getting new connections
 * at once (the draining period is not modelled).
 */
import { type Elbv2, type HandlerContext, handlers, type Op } from "../../handler.js";
import { live, markDeleted, type TargetGroup } from "../../world.js";
import { createListener } from "../../model/load-balancers.js";
import { toSdkListener } from "./load-balancers.js";

/** The protocols an NLB's listener takes. */
const NLB_PROTOCOLS = ["TCP_UDP", "UDP", "TCP", "TLS"];

function checkPort(ctx: HandlerContext, port: number): void {
  if (port < 1 || port > 65535) ctx.fail("ValidationError", "1 validation error detected: Value at 'port' failed to satisfy constraint: Member must have value between 1 and 65535");
}

function group(ctx: HandlerContext, arn: string | undefined): TargetGroup {
  const tg = live(ctx.rw.targetGroups, ctx.now).find((g) => g.TargetGroupArn === arn);
  return tg ?? ctx.fail("TargetGroupNotFoundException", "One or more target groups not found");
}

const modifyListener: Op<Elbv2, "ModifyListenerCommand"> = (ctx, input) => {
  const listener = live(ctx.rw.listeners, ctx.now).find((l) => l.ListenerArn === input.ListenerArn);
  if (!listener) return ctx.fail("ListenerNotFoundException", "One or more listeners not found");
  if (input.Port !== undefined) {
    checkPort(ctx, input.Port);
    const clash = live(ctx.rw.listeners, ctx.now).some((l) => l !== listener && l.LoadBalancerArn === listener.LoadBalancerArn && l.Port === input.Port);
    if (clash) return ctx.fail("DuplicateListenerException", "A listener already exists on this port for this load balancer");
    listener.Port = input.Port;
  }
  const forward = input.DefaultActions?.find((a) => a.TargetGroupArn)?.TargetGroupArn;
  if (forward) listener.TargetGroupArn = group(ctx, forward).TargetGroupArn;
  return { Listeners: [toSdkListener(listener)] };
};

const createListenerOp: Op<Elbv2, "CreateListenerCommand"> = (ctx, input) => {
  const lb = live(ctx.rw.loadBalancers, ctx.now).find((l) => l.LoadBalancerArn === input.LoadBalancerArn);
  if (!lb) return ctx.fail("LoadBalancerNotFound", "One or more load balancers not found");
  const protocol = input.Protocol ?? "TCP";
  if (!NLB_PROTOCOLS.includes(protocol)) return ctx.fail("ValidationError", `Listener protocol '${protocol}' must be one of '${NLB_PROTOCOLS.join(", ")}'`);
  if (input.Port === undefined) return ctx.fail("ValidationError", "A listener port must be specified");
  checkPort(ctx, input.Port);
  const action = input.DefaultActions?.[0];
  if (!action) return ctx.fail("ValidationError", "1 validation error detected: Value null at 'defaultActions' failed to satisfy constraint: Member must not be null");
  const arn = action.TargetGroupArn ?? action.ForwardConfig?.TargetGroups?.[0]?.TargetGroupArn;
  if (action.Type !== "forward" || !arn) return ctx.fail("InvalidLoadBalancerAction", `The action type '${action.Type ?? ""}' is not valid for a load balancer of type 'network'`);
  const tg = group(ctx, arn);
  if (tg.Protocol !== protocol) return ctx.fail("IncompatibleProtocols", `Listener protocol '${protocol}' is not supported with a target group with the protocol '${tg.Protocol}'`);
  const elsewhere = live(ctx.rw.listeners, ctx.now).some((l) => l.TargetGroupArn === tg.TargetGroupArn && l.LoadBalancerArn !== lb.LoadBalancerArn);
  if (elsewhere) return ctx.fail("TargetGroupAssociationLimit", `The following target groups cannot be associated with more than one load balancer: ${tg.TargetGroupArn}`);
  const listener = createListener(ctx, { LoadBalancerArn: lb.LoadBalancerArn, Port: input.Port, Protocol: protocol, TargetGroupArn: tg.TargetGroupArn, life: { createdAt: ctx.now, readyAt: ctx.now } });
  return { Listeners: [toSdkListener(listener)] };
};

const deleteListenerOp: Op<Elbv2, "DeleteListenerCommand"> = (ctx, input) => {
  const listener = live(ctx.rw.listeners, ctx.now).find((l) => l.ListenerArn === input.ListenerArn);
  if (!listener) return ctx.fail("ListenerNotFound", "One or more listeners not found");
  markDeleted(listener.life, ctx.now, ctx.now);
  return {};
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
  CreateListenerCommand: createListenerOp,
  DeleteListenerCommand: deleteListenerOp,
  ModifyListenerCommand: modifyListener,
  RegisterTargetsCommand: registerTargets,
  DeregisterTargetsCommand: deregisterTargets,
});
