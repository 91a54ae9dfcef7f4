/** Step 4: the consumer side — an interface endpoint to the service, with its own security group. */
import { inboundRules } from "../http-rule.js";
import { LabError } from "../../errors.js";
import { ourEndpoint, ourService, strayEndpoints, wrongVpcEndpoints } from "../cloud-view.js";
import { becoming, type Detection, type Step } from "../step.js";
import { createInterfaceEndpoint, ensureEndpointSg, offerToRemoveStrays, requireConsumer, WAITING_STATES } from "./interface-endpoint-actions.js";
import { interfaceEndpointForm } from "./interface-endpoint-form.js";
import { rejectedEndpoints } from "../rejected-endpoint.js";

export const interfaceEndpoint: Step = {
  id: "interface-endpoint",
  requires: ["endpoint-service"],
  detect(view, state): Detection {
    const ep = ourEndpoint(view);
    const stray = strayEndpoints(view)[0];
    const wrong = wrongVpcEndpoints(view)[0];
    // Made in the Provider VPC (by hand): say where it is, and how to delete it.
    if (!ep && wrong) return { done: false, why: "wrongVpc.detect", vars: { id: wrong.id, vpc: wrong.vpcId, consumerVpc: view.consumer?.resources.Vpc ?? "", region: state.region } };
    if (!ep && stray) return { done: false, why: "detect.endpoint.stray", vars: { id: stray.id, service: stray.serviceName }, note: "stray-service" };
    const rejected = rejectedEndpoints(view)[0];
    if (!ep && rejected) return { done: false, why: "detect.endpoint.rejected", vars: { id: rejected.id } };
    if (!ep) return { done: false, why: "detect.endpoint.todo" };
    // Made, whatever came after: still `pending` (new, or just accepted on its way to available) it counts, and is waited for.
    const made = ep.state.toLowerCase();
    if (!WAITING_STATES.has(made) && made !== "pending") return { done: false, why: "detect.endpoint.pending", vars: { state: ep.state } };
    // The done text says what the cloud shows (accepted already or waiting; whether the group has rules); one left in the
    // Provider VPC beside it is named with its delete command, as it still costs money.
    const rules = inboundRules(view).length > 0;
    const said: Pick<Detection, "why" | "vars" | "doneAlso"> = wrong
      ? { why: "vpcPolish.leftover", vars: { state: ep.state, id: wrong.id, vpc: wrong.vpcId, region: state.region }, doneAlso: "texts.leftInProviderVpc" }
      : { why: "detect.endpoint.done", vars: { state: ep.state } };
    if (made === "available") return { done: true, ...said, doneVariant: rules ? "available-rules" : "available" };
    return { done: true, ...said, teaches: ["pending-acceptance"], ...(rules ? { doneVariant: "rules" } : {}), ...becoming(ep.state) };
  },
  async perform(ctx, view) {
    const svc = ourService(view);
    if (!svc) throw new LabError("error.missingStep", { step: "endpoint-service" });
    const { vpcId, subnetId } = requireConsumer(view);
    await offerToRemoveStrays(ctx, view);
    const sg = await ensureEndpointSg(ctx, vpcId);
    await createInterfaceEndpoint(ctx, { serviceName: svc.name, vpcId, subnetIds: [subnetId], sgIds: [sg], name: `${ctx.state.prefix}-endpoint` });
  },
  handsOn: interfaceEndpointForm,
  // The learner's service may not require acceptance (a form answer): the concept says what will happen.
  conceptVariant: (view) => (ourService(view)?.acceptanceRequired === false ? "no-acceptance" : undefined),
};
