/** The learner's real values for `{{placeholders}}` in lesson content. */
import type { CloudView } from "./cloud-view.js";
import { ourEndpoint, ourService } from "./cloud-view.js";
import type { LessonContext } from "./context.js";
import { httpRule } from "./http-rule.js";
import { costPerHour, FULL_LESSON } from "./pricing.js";

/** Every `{{name}}` lesson content may use (the content check refuses any other). */
export const PLACEHOLDER_NAMES = [
  "region", "prefix", "accountId", "az", "consumerStack", "providerStack", "consumerVpcId", "consumerSubnetId",
  "consumerInstanceId", "consumerInstanceIp", "consumerSgId", "providerVpcId", "providerSubnetId", "providerInstanceId",
  "nlbArn", "nlbName", "targetGroupArn", "serviceId", "serviceName", "endpointId", "endpointSgId", "dnsRegional",
  "dnsZonal", "costPerHour", "httpSource", "otherRules",
] as const;

export type LessonVars = Record<(typeof PLACEHOLDER_NAMES)[number], string | undefined>;

export function lessonVars(ctx: LessonContext, view: CloudView): LessonVars {
  const c = view.consumer?.resources ?? {};
  const p = view.provider?.resources ?? {};
  const svc = ourService(view);
  const ep = ourEndpoint(view);
  const cost = costPerHour(ctx.state.region, FULL_LESSON);
  const http = httpRule(view);
  return {
    region: ctx.state.region,
    prefix: ctx.state.prefix,
    accountId: ctx.state.ids.accountId,
    // Without a progress file the AZ is where the stacks put the Consumer instance.
    az: ctx.state.az ?? (view.consumerInstance?.az || undefined),
    consumerStack: ctx.names.consumerStack,
    providerStack: ctx.names.providerStack,
    consumerVpcId: c.Vpc,
    consumerSubnetId: c.PrivateSubnet,
    consumerInstanceId: c.EC2Instance,
    consumerInstanceIp: view.consumerInstance?.ip,
    consumerSgId: c.SecurityGroup,
    providerVpcId: p.Vpc,
    providerSubnetId: p.PrivateSubnet,
    providerInstanceId: p.EC2Instance,
    nlbArn: p.NLB,
    nlbName: ctx.names.nlbName,
    targetGroupArn: p.TargetGroup,
    serviceId: svc?.id,
    serviceName: svc?.name,
    endpointId: ep?.id,
    endpointSgId: ep?.sgIds[0] ?? view.endpointSgs[0]?.id,
    dnsRegional: ep?.dnsRegional,
    dnsZonal: ep?.dnsZonal,
    costPerHour: `$${cost.perHourUsd.toFixed(3)}`,
    httpSource: http?.source,
    otherRules: http?.others.join(", ") || undefined,
  };
}
