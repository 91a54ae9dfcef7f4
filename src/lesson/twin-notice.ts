/** A second endpoint to the learner's own service (the create command pasted twice), said as what it is: billed, and deleted at cleanup. */
import { ourEndpoint, twinEndpoints, type CloudView, type EndpointView } from "./cloud-view.js";
import { freeHere, type LessonContext } from "./context.js";
import { endpointCost } from "./pricing.js";

/** Each twin of the learner's endpoint, with the sentence that names it beside theirs, with its price. */
export function twinNotices(ctx: LessonContext, view: CloudView): { e: EndpointView; message: string }[] {
  const used = ourEndpoint(view);
  return twinEndpoints(view).map((e) => {
    const usd = endpointCost(ctx.state.region, e).perHourUsd.toFixed(3);
    return { e, message: ctx.t(freeHere(ctx) ? "endpoint.twinSandbox" : "endpoint.twin", { id: e.id, used: used?.id ?? "", usd }) };
  });
}
