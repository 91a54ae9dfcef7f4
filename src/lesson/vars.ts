/** The learner's real values for `{{placeholders}}` in lesson content. */
import { packageRoot } from "../paths.js";
import { templatePathFor } from "../places.js";
import type { CloudView } from "./cloud-view.js";
import { ourEndpoint, ourService } from "./cloud-view.js";
import type { LessonContext } from "./context.js";
import { endpointSgName, httpRule, inboundRules } from "./http-rule.js";
import { costPerHour, FULL_LESSON, inventoryOf } from "./pricing.js";

/** Every `{{name}}` lesson content may use (the content check refuses any other). */
export const PLACEHOLDER_NAMES = [
  "region", "prefix", "accountId", "az", "consumerStack", "providerStack", "consumerVpcId", "consumerSubnetId",
  "consumerInstanceId", "consumerInstanceIp", "consumerSgId", "providerVpcId", "providerSubnetId", "providerInstanceId",
  "nlbArn", "nlbName", "targetGroupArn", "serviceId", "serviceName", "endpointId", "endpointSgId", "dnsRegional",
  "dnsZonal", "endpointSgName", "endpointSgRules", "costPerHour", "costNowPerHour", "httpSource", "otherRules", "consumerTemplate", "providerTemplate",
] as const;

export type LessonVars = Record<(typeof PLACEHOLDER_NAMES)[number], string | undefined>;

/** Ids a text may name after the resource is gone (a learner can delete it before the text shows). */
const REMEMBERED = [
  "consumerVpcId", "consumerSubnetId", "consumerInstanceId", "consumerInstanceIp", "consumerSgId", "providerVpcId", "providerSubnetId",
  "providerInstanceId", "nlbArn", "targetGroupArn", "serviceId", "serviceName", "endpointId", "endpointSgId", "endpointSgName", "dnsRegional", "dnsZonal",
] as const;

/** The learner's values: from the cloud, else as the cloud last showed them (kept in the progress file). */
export function lessonVars(ctx: LessonContext, view: CloudView): LessonVars {
  const vars = cloudVars(ctx, view);
  for (const key of REMEMBERED) vars[key] ??= ctx.state.ids[key];
  return vars;
}

/** The cleanup text's values: an id nobody knows any more (progress file lost) belongs to something deleted, and says so. */
export function cleanupVars(ctx: LessonContext, view: CloudView): LessonVars {
  const vars = lessonVars(ctx, view);
  for (const key of REMEMBERED) vars[key] ??= ctx.t("vars.gone");
  return vars;
}

/** Remembers the ids the cloud shows now, so text about them still names them once they are gone. */
export function rememberIds(ctx: LessonContext, view: CloudView): void {
  const vars = cloudVars(ctx, view);
  for (const key of REMEMBERED) if (vars[key]) ctx.state.ids[key] = vars[key];
}

function cloudVars(ctx: LessonContext, view: CloudView): LessonVars {
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
    endpointSgName: endpointSgName(view),
    endpointSgRules: inboundRules(view).join(", ") || undefined,
    dnsRegional: ep?.dnsRegional,
    dnsZonal: ep?.dnsZonal,
    costPerHour: `$${cost.perHourUsd.toFixed(3)}`,
    // What exists now (every endpoint, a twin included), as the cost line counts it.
    costNowPerHour: `$${costPerHour(ctx.state.region, inventoryOf(view)).perHourUsd.toFixed(3)}`,
    httpSource: http?.source,
    otherRules: http?.others.join(", ") || undefined,
    // Absolute: after `npx` the package lives in npm's cache, not in the learner's folder.
    consumerTemplate: templatePathFor(packageRoot(), "Consumer.yml", process.platform),
    providerTemplate: templatePathFor(packageRoot(), "Provider.yml", process.platform),
  };
}

