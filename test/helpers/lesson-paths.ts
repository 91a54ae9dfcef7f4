/** The ways through the lesson whose texts differ: the guided default and the learner's other choices. */
import type { IpPermission } from "@aws-sdk/client-ec2";
import type { CloudView } from "../../src/lesson/cloud-view.js";
import { ourEndpoint } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { authorize } from "../../src/lesson/steps/allow-http.js";
import { createEndpointService, requireNlb } from "../../src/lesson/steps/endpoint-service.js";
import { createInterfaceEndpoint, ensureEndpointSg, requireConsumer } from "../../src/lesson/steps/interface-endpoint.js";
import { ourService } from "../../src/lesson/cloud-view.js";
import type { LessonPath } from "./path-vars.js";

/** The endpoint gets a group that already has a rule (a reused group: after a reject, or the learner's own). */
async function endpointWithRuledGroup(ctx: LessonContext, view: CloudView): Promise<void> {
  const { vpcId, subnetId } = requireConsumer(view, ctx);
  const sg = await ensureEndpointSg(ctx, vpcId);
  await authorize(ctx, sg, fromSg(443)(view));
  await createInterfaceEndpoint(ctx, { serviceName: ourService(view)?.name ?? "", vpcId, subnetIds: [subnetId], sgIds: [sg], name: `${ctx.state.prefix}-endpoint` });
}
const noAcceptance = (ctx: LessonContext, view: CloudView) => createEndpointService(ctx, { name: `${ctx.state.prefix}-service`, nlbArn: requireNlb(view, ctx), acceptanceRequired: false });

/** Allows these rules on the endpoint's security group instead of the guided rule. */
function allow(...rules: ((view: CloudView) => IpPermission)[]) {
  return async (ctx: LessonContext, view: CloudView) => {
    const sgId = ourEndpoint(view)?.sgIds[0] ?? "";
    for (const rule of rules) await authorize(ctx, sgId, rule(view));
  };
}

const fromSg = (port: number) => (view: CloudView): IpPermission => ({ IpProtocol: "tcp", FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: view.consumerInstance?.sgIds[0] ?? "" }] });
const fromWorld = (view: CloudView): IpPermission => ({ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: view.consumerInstance ? "0.0.0.0/0" : "" }] });

/** A learner's quiz with fewer than half right (the closing words send them back to the explanations). */
const mostlyMissed = async (ctx: LessonContext) => {
  ctx.state.quiz = { score: 2, total: 10, at: new Date(ctx.clock.now()).toISOString() };
};

export const LESSON_PATHS: LessonPath[] = [
  { name: "guided" },
  {
    name: "service without acceptance",
    instead: {
      "endpoint-service": (ctx, view) => createEndpointService(ctx, { name: `${ctx.state.prefix}-service`, nlbArn: requireNlb(view, ctx), acceptanceRequired: false }),
    },
  },
  { name: "HTTP from the instance's security group", instead: { "allow-http": allow(fromSg(80)) } },
  { name: "HTTP from anywhere", instead: { "allow-http": allow(fromWorld) } },
  { name: "a 443 rule left beside HTTP", instead: { "allow-http": allow(fromSg(443), fromSg(80)) } },
  { name: "an endpoint group that has a rule already", instead: { "interface-endpoint": endpointWithRuledGroup } },
  { name: "no acceptance, an endpoint group that has a rule already", instead: { "endpoint-service": noAcceptance, "interface-endpoint": endpointWithRuledGroup } },
  { name: "cleanup declined", answers: [{ match: "Delete everything", value: false }] },
  { name: "quiz mostly missed", instead: { review: mostlyMissed } },
];
