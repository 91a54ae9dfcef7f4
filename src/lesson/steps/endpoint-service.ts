/** Step 3: the provider side of PrivateLink — an endpoint service on the NLB, acceptance required. */
import { ourService } from "../cloud-view.js";
import { becoming, type Step } from "../step.js";
import { createEndpointService, requireNlb } from "./endpoint-service-actions.js";
import { endpointServiceForm } from "./endpoint-service-form.js";

export const endpointService: Step = {
  id: "endpoint-service",
  requires: ["deploy"],
  detect(view) {
    const svc = ourService(view);
    if (!svc) return { done: false, why: "detect.service.todo" };
    if (svc.state.toLowerCase() !== "available") return { done: false, why: "detect.service.pending", vars: { state: svc.state }, ...becoming(svc.state) };
    if (svc.acceptanceRequired) return { done: true, why: "detect.service.done" };
    return { done: true, why: "detect.service.noAcceptance", doneVariant: "no-acceptance" };
  },
  async perform(ctx, view) {
    await createEndpointService(ctx, { name: `${ctx.state.prefix}-service`, nlbArn: requireNlb(view), acceptanceRequired: true });
  },
  handsOn: endpointServiceForm,
};
