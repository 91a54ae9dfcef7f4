/** AWS::ElasticLoadBalancingV2::LoadBalancer, TargetGroup and Listener (network load balancers). */
import {
  createListener,
  createLoadBalancer,
  createTargetGroup,
  deleteLoadBalancer,
  loadBalancerBlocker,
  loadBalancerFullName,
  targetGroupBlocker,
} from "../../model/load-balancers.js";
import { isRecord } from "../template.js";
import { blockedBy, markDeletedIn, propString, propStrings, requireProp, ResourceFailure, type ResourceProvider } from "./types.js";

/** CloudFormation's made-up ELB names fit the 32-character limit: `<stack>-<logical>-<hex>`. */
function elbName(stackName: string, logicalId: string): string {
  const hex = Math.random().toString(16).slice(2, 12).toUpperCase();
  return `${stackName.slice(0, 10)}-${logicalId.slice(0, 10)}-${hex}`.replace(/-+/g, "-");
}

export const loadBalancerProvider: ResourceProvider = {
  attributes: ["CanonicalHostedZoneID", "DNSName", "LoadBalancerArn", "LoadBalancerFullName", "LoadBalancerName", "SecurityGroups"],
  createSeconds: () => 150,
  deleteSeconds: () => 30,
  create(ctx, { props, life, tags, stackName, logicalId }) {
    const type = propString(props, "Type") ?? "application";
    if (type !== "network") throw new ResourceFailure(`The sandbox simulates network load balancers only (Type: ${type}).`);
    const scheme = propString(props, "Scheme") ?? "internet-facing";
    const lb = createLoadBalancer(ctx, {
      LoadBalancerName: propString(props, "Name") ?? elbName(stackName, logicalId),
      SubnetIds: propStrings(props, "Subnets"),
      Scheme: scheme === "internal" ? "internal" : "internet-facing",
      Tags: tags,
      life,
    });
    const attrs = Array.isArray(props.LoadBalancerAttributes) ? props.LoadBalancerAttributes : [];
    lb.DeletionProtection = attrs.some((a) => isRecord(a) && a.Key === "deletion_protection.enabled" && String(a.Value) === "true");
    return {
      physicalId: lb.LoadBalancerArn,
      attrs: {
        LoadBalancerArn: lb.LoadBalancerArn,
        LoadBalancerName: lb.LoadBalancerName,
        LoadBalancerFullName: loadBalancerFullName(lb.LoadBalancerArn),
        DNSName: lb.DNSName,
        CanonicalHostedZoneID: "Z31USIVHYNEOWT",
        SecurityGroups: [],
      },
    };
  },
  blocker(ctx, arn, stackId) {
    const lb = ctx.rw.loadBalancers[arn];
    if (lb?.DeletionProtection) {
      return { code: "OperationNotPermitted", message: `Load balancer '${arn}' cannot be deleted because deletion protection is enabled`, retrySeconds: 0 };
    }
    return blockedBy(loadBalancerBlocker, "ResourceInUse", 0)(ctx, arn, stackId);
  },
  delete: deleteLoadBalancer,
};

export const targetGroupProvider: ResourceProvider = {
  attributes: ["LoadBalancerArns", "TargetGroupArn", "TargetGroupFullName", "TargetGroupName"],
  create(ctx, { props, life, tags, stackName, logicalId }) {
    const port = Number(requireProp(props, "Port"));
    const targets = (Array.isArray(props.Targets) ? props.Targets : []).filter(isRecord).map((t) => ({
      Id: String(t.Id),
      Port: t.Port === undefined ? port : Number(t.Port),
    }));
    const targetType = propString(props, "TargetType") ?? "instance";
    const tg = createTargetGroup(ctx, {
      TargetGroupName: propString(props, "Name") ?? elbName(stackName, logicalId),
      Protocol: requireProp(props, "Protocol"),
      Port: port,
      VpcId: requireProp(props, "VpcId"),
      TargetType: targetType === "ip" ? "ip" : "instance",
      Targets: targets,
      Tags: tags,
      life,
    });
    return {
      physicalId: tg.TargetGroupArn,
      attrs: {
        TargetGroupArn: tg.TargetGroupArn,
        TargetGroupName: tg.TargetGroupName,
        TargetGroupFullName: tg.TargetGroupArn.split(":").pop() ?? "",
        LoadBalancerArns: [],
      },
    };
  },
  blocker: blockedBy(targetGroupBlocker, "ResourceInUse", 0),
  delete: markDeletedIn((ctx) => ctx.rw.targetGroups),
};

function forwardTarget(props: Record<string, unknown>): string {
  const actions = Array.isArray(props.DefaultActions) ? props.DefaultActions.filter(isRecord) : [];
  const forward = actions.find((a) => a.Type === "forward");
  const arn = forward?.TargetGroupArn ?? (isRecord(forward?.ForwardConfig) && Array.isArray(forward.ForwardConfig.TargetGroups) && isRecord(forward.ForwardConfig.TargetGroups[0]) ? forward.ForwardConfig.TargetGroups[0].TargetGroupArn : undefined);
  if (typeof arn !== "string") throw new ResourceFailure("Properties validation failed for resource with message: #/DefaultActions: a forward action with a TargetGroupArn is required");
  return arn;
}

export const listenerProvider: ResourceProvider = {
  attributes: ["ListenerArn"],
  create(ctx, { props, life }) {
    const listener = createListener(ctx, {
      LoadBalancerArn: requireProp(props, "LoadBalancerArn"),
      Port: Number(requireProp(props, "Port")),
      Protocol: requireProp(props, "Protocol"),
      TargetGroupArn: forwardTarget(props),
      life,
    });
    return { physicalId: listener.ListenerArn, attrs: { ListenerArn: listener.ListenerArn } };
  },
  delete: markDeletedIn((ctx) => ctx.rw.listeners),
};
