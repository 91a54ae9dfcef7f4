/** The learner's real values for `{{placeholders}}` in lesson content. */
import { join } from "node:path";
import { packageRoot } from "../paths.js";
import type { CloudView } from "./cloud-view.js";
import { ourEndpoint, ourService } from "./cloud-view.js";
import type { LessonContext } from "./context.js";
import { costPerHour, FULL_LESSON } from "./pricing.js";

export function lessonVars(ctx: LessonContext, view: CloudView): Record<string, string | undefined> {
  const c = view.consumer?.resources ?? {};
  const p = view.provider?.resources ?? {};
  const svc = ourService(view);
  const ep = ourEndpoint(view);
  const cost = costPerHour(ctx.state.region, FULL_LESSON);
  return {
    region: ctx.state.region,
    prefix: ctx.state.prefix,
    accountId: ctx.state.ids.accountId,
    az: ctx.state.az,
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
    // Absolute: after `npx` the package lives in npm's cache, not in the learner's folder.
    consumerTemplate: join(packageRoot(), "templates", "Consumer.yml"),
    providerTemplate: join(packageRoot(), "templates", "Provider.yml"),
  };
}
