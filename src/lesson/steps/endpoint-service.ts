/** Step 3: the provider side of PrivateLink — an endpoint service on the NLB, acceptance required. */
import { CreateVpcEndpointServiceConfigurationCommand } from "@aws-sdk/client-ec2";
import { LabError } from "../../errors.js";
import { ourService, readServicesById, type CloudView } from "../cloud-view.js";
import { saveState, type LessonContext } from "../context.js";
import { createOnce } from "../client-token.js";
import { participantTags } from "../participant.js";
import type { Step } from "../step.js";
import { waitFor } from "../wait.js";
import { endpointServiceForm } from "./endpoint-service-form.js";

export interface ServiceChoices {
  name: string;
  nlbArn: string;
  acceptanceRequired: boolean;
}

export async function createEndpointService(ctx: LessonContext, choices: ServiceChoices): Promise<void> {
  const params = { nlb: choices.nlbArn, acceptance: choices.acceptanceRequired, name: choices.name };
  const out = await createOnce(
    ctx,
    "service",
    params,
    (ClientToken) =>
      ctx.clients.ec2.send(
        new CreateVpcEndpointServiceConfigurationCommand({
          NetworkLoadBalancerArns: [choices.nlbArn],
          AcceptanceRequired: choices.acceptanceRequired,
          // The same token on a retry after a crash returns the same service instead of a second one.
          ClientToken,
          TagSpecifications: [
            { ResourceType: "vpc-endpoint-service", Tags: [{ Key: "Name", Value: choices.name }, ...participantTags(ctx.state.prefix, ctx.lesson)] },
          ],
        }),
      ),
    (made) => /^(deleting|deleted|failed)$/i.test(String(made.ServiceConfiguration?.ServiceState ?? "")),
  );
  const id = out.ServiceConfiguration?.ServiceId;
  if (!id) throw new LabError("error.unexpected", { what: "CreateVpcEndpointServiceConfiguration" }, { source: "internal" });
  ctx.state.ids.serviceId = id;
  saveState(ctx);
  ctx.io.notify({ type: "resource-created", step: "endpoint-service", kind: "AWS::EC2::VPCEndpointService", id });
  await waitFor(ctx, {
    step: "endpoint-service",
    label: "wait.service",
    read: async () => (await readServicesById(ctx.clients, [id]))[0],
    check: (s) => (s && s.state.toLowerCase() === "available" ? true : s && s.state.toLowerCase() === "failed" ? new LabError("error.serviceFailed", { id }) : undefined),
    describe: (s) => s?.state ?? "",
    usualSeconds: 30,
  });
}

export function requireNlb(view: CloudView): string {
  const nlb = view.provider?.resources.NLB;
  if (!nlb) throw new LabError("error.missingStep", { step: "deploy" });
  return nlb;
}

export const endpointService: Step = {
  id: "endpoint-service",
  requires: ["deploy"],
  detect(view) {
    const svc = ourService(view);
    if (!svc) return { done: false, why: "detect.service.todo" };
    if (svc.state.toLowerCase() !== "available") return { done: false, why: "detect.service.pending", vars: { state: svc.state } };
    if (svc.acceptanceRequired) return { done: true, why: "detect.service.done" };
    return { done: true, why: "detect.service.noAcceptance", doneVariant: "no-acceptance" };
  },
  async perform(ctx, view) {
    await createEndpointService(ctx, { name: `${ctx.state.prefix}-service`, nlbArn: requireNlb(view), acceptanceRequired: true });
  },
  handsOn: endpointServiceForm,
};
