/**
 * Repairs that take more than one call: a rejected endpoint cannot be accepted again, so it is
 * replaced by a new endpoint (same subnet and security group) whose request is then accepted.
 */
import { LabError } from "../errors.js";
import type { LessonContext } from "../lesson/context.js";
import { createInterfaceEndpoint } from "../lesson/steps/interface-endpoint-actions.js";
import { waitFor } from "../lesson/wait.js";
import { readEndpointsById } from "../lesson/cloud-view.js";
import { waitAvailable } from "../lesson/steps/accept.js";
import { need, type LearnerPath } from "./learner-path.js";
import { awsPort } from "../aws/port.js";

export async function recreateEndpoint(ctx: LessonContext, path: LearnerPath): Promise<string> {
  const p = need(path, "serviceName", "consumerVpcId", "consumerSubnetId", "endpointSgId");
  return createInterfaceEndpoint(
    ctx,
    { serviceName: p.serviceName, vpcId: p.consumerVpcId, subnetIds: [p.consumerSubnetId], sgIds: [p.endpointSgId], name: `${ctx.state.prefix}-endpoint` },
  );
}

async function endpointState(ctx: LessonContext, endpointId: string): Promise<string | undefined> {
  return (await readEndpointsById(ctx.clients, [endpointId]))[0]?.state;
}

/** Accepts the endpoint's request once it is pendingAcceptance, then waits until it is available. */
export async function acceptAndWait(ctx: LessonContext, serviceId: string, endpointId: string): Promise<void> {
  await waitFor(ctx, {
    step: "challenge",
    label: "wait.accept",
    read: () => endpointState(ctx, endpointId),
    check: (s) => (s && s.toLowerCase() !== "pending" ? true : undefined),
    describe: (s) => s ?? "",
    usualSeconds: 60,
  });
  if ((await endpointState(ctx, endpointId))?.toLowerCase() === "pendingacceptance") {
    const out = await awsPort(ctx.clients).ec2.acceptVpcEndpointConnections({ ServiceId: serviceId, VpcEndpointIds: [endpointId] });
    const failure = out.Unsuccessful?.[0];
    // An earlier answer was lost and the retry finds it accepted already: that is no failure.
    const accepted = failure && /^(available|pending)$/i.test((await endpointState(ctx, endpointId)) ?? "");
    if (failure && !accepted) throw new LabError("error.acceptFailed", { id: endpointId, reason: failure.Error?.Message ?? "" }, { source: "aws" });
  }
  await waitAvailable(ctx, endpointId, "challenge");
}
