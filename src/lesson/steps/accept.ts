/** Step 6: the provider accepts the connection request; the endpoint becomes available. */
import { LabError } from "../../errors.js";
import { ourEndpoint, ourService, readEndpointsById, type CloudView } from "../cloud-view.js";
import type { LessonContext } from "../context.js";
import { becoming, madeBy, type HandsOn, type Step } from "../step.js";
import { waitFor } from "../wait.js";
import { awsPort } from "../../aws/port.js";
import { WAIT_WORDS } from "../wait-words.js";

function pair(view: CloudView, ctx: LessonContext): { serviceId: string; endpointId: string; state: string } {
  const svc = madeBy(ourService(view), "endpoint-service", ctx);
  const ep = madeBy(ourEndpoint(view), "interface-endpoint", ctx);
  return { serviceId: svc.id, endpointId: ep.id, state: ep.state };
}

/** Waits until the accepted endpoint is available (a rejected or failed one stops the wait). */
export async function waitAvailable(ctx: LessonContext, endpointId: string, step = "accept"): Promise<void> {
  await waitFor(ctx, {
    step,
    ...WAIT_WORDS.accept,
    read: async () => (await readEndpointsById(ctx.clients, [endpointId]))[0],
    check: (e) => (e?.state.toLowerCase() === "available" ? true : e && /rejected|failed/i.test(e.state) ? new LabError("error.endpointRejected", { id: endpointId }) : undefined),
    describe: (e) => e?.state ?? "",
    usualSeconds: 60,
  });
}

/** Accepts the endpoint's request; a retry whose earlier answer was lost finds it accepted already, which is no failure. */
export async function acceptConnection(ctx: LessonContext, serviceId: string, endpointId: string): Promise<void> {
  const failure = (await awsPort(ctx.clients).ec2.acceptVpcEndpointConnections({ ServiceId: serviceId, VpcEndpointIds: [endpointId] })).Unsuccessful?.[0];
  if (!failure) return;
  const now = (await readEndpointsById(ctx.clients, [endpointId]))[0]?.state ?? "";
  if (!/^(available|pending)$/i.test(now)) throw new LabError("error.acceptFailed", { id: endpointId, reason: failure.Error?.Message ?? failure.Error?.Code ?? "" }, { source: "aws" });
}

async function accept(ctx: LessonContext, view: CloudView): Promise<void> {
  const { serviceId, endpointId, state } = pair(view, ctx);
  if (state.toLowerCase() === "pendingacceptance") await acceptConnection(ctx, serviceId, endpointId);
  await waitAvailable(ctx, endpointId);
}

const form: HandsOn = {
  async run(ctx, view) {
    const { serviceId, endpointId, state } = pair(view, ctx);
    if (state.toLowerCase() === "available") return ["no-acceptance-needed"];
    const action = await ctx.io.select(
      ctx.t("form.accept.action", { id: endpointId }),
      [
        { value: "accept", name: ctx.t("form.accept.accept") },
        { value: "reject", name: ctx.t("form.accept.reject") },
      ],
      "accept",
    );
    if (action === "reject" && (await ctx.io.confirm(ctx.t("form.accept.rejectSure"), false))) {
      await awsPort(ctx.clients).ec2.rejectVpcEndpointConnections({ ServiceId: serviceId, VpcEndpointIds: [endpointId] });
      return ["reject"];
    }
    await accept(ctx, view);
    return [];
  },
};

export const acceptStep: Step = {
  id: "accept",
  requires: ["interface-endpoint"],
  detect(view) {
    const ep = ourEndpoint(view);
    if (!ep) return { done: false, why: "detect.accept.noEndpoint" };
    const state = ep.state.toLowerCase();
    if (state === "available") {
      const noAcceptance = ourService(view)?.acceptanceRequired === false;
      return { done: true, why: "detect.accept.done", ...(noAcceptance ? { note: "no-acceptance-needed" } : {}) };
    }
    // Accepted and on its way to available: waited for. Still waiting for acceptance is what this step is about.
    return { done: false, why: state === "pendingacceptance" ? "detect.accept.pendingAcceptance" : "detect.accept.pending", vars: { state: ep.state }, ...becoming(ep.state) };
  },
  perform: accept,
  handsOn: form,
};
