/** Repairs of several calls: a rejected endpoint cannot be accepted again, so one like it is made and accepted. */
import type { LessonContext } from "../lesson/context.js";
import { createInterfaceEndpoint } from "../lesson/steps/interface-endpoint.js";
import { waitFor } from "../lesson/wait.js";
import { readEndpointsById } from "../lesson/cloud-view.js";
import { acceptConnection, waitAvailable } from "../lesson/steps/accept.js";
import { need, type LearnerPath } from "./learner-path.js";
import { WAIT_WORDS } from "../lesson/wait-words.js";

export async function recreateEndpoint(ctx: LessonContext, path: LearnerPath): Promise<string> {
  const p = need(path, "serviceName", "consumerVpcId", "consumerSubnetId", "endpointSgId");
  return createInterfaceEndpoint(
    ctx,
    { serviceName: p.serviceName, vpcId: p.consumerVpcId, subnetIds: [p.consumerSubnetId], sgIds: [p.endpointSgId], name: `${ctx.state.prefix}-endpoint` },
  );
}

/** Accepts the endpoint's request once it is pendingAcceptance (a new one is `pending` first), then waits until it is available. */
export async function acceptAndWait(ctx: LessonContext, serviceId: string, endpointId: string): Promise<void> {
  const state = await waitFor(ctx, {
    step: "challenge",
    ...WAIT_WORDS.request,
    read: async () => (await readEndpointsById(ctx.clients, [endpointId]))[0]?.state,
    check: (s) => (s && s.toLowerCase() !== "pending" ? true : undefined),
    describe: (s) => s ?? "",
    usualSeconds: 60,
  });
  if (state?.toLowerCase() === "pendingacceptance") await acceptConnection(ctx, serviceId, endpointId);
  await waitAvailable(ctx, endpointId, "challenge");
}
