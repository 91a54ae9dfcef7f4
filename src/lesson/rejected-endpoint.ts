/** A rejected endpoint stays in the Consumer VPC, carrying nothing yet billed hourly: the lesson goes back a step and offers to delete it. */
import { LabError } from "../errors.js";
import type { CloudView, EndpointView } from "./cloud-view.js";
import type { LessonContext } from "./context.js";
import { awsPort } from "../aws/port.js";

export function rejectedEndpoints(view: CloudView): EndpointView[] {
  const vpc = view.consumer?.resources.Vpc;
  return view.endpoints.filter((e) => e.state.toLowerCase() === "rejected" && (!vpc || e.vpcId === vpc));
}

/** Asks, then deletes an endpoint that is not the lesson's; true when deleted (kept without a learner to ask: the cleanup removes it). */
export async function offerToDelete(ctx: LessonContext, endpointId: string, question: string): Promise<boolean> {
  if (!ctx.io.interactive || !(await ctx.io.confirm(question, true))) return false;
  const failure = (await awsPort(ctx.clients).ec2.deleteVpcEndpoints({ VpcEndpointIds: [endpointId] })).Unsuccessful?.[0];
  if (failure) throw new LabError("error.deleteFailed", { what: endpointId, reason: failure.Error?.Message ?? "" }, { source: "aws" });
  return true;
}

export async function offerToRemoveRejected(ctx: LessonContext, view: CloudView): Promise<void> {
  for (const e of rejectedEndpoints(view)) {
    ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("screens.rejected.left", { id: e.id }) });
    if (await offerToDelete(ctx, e.id, ctx.t("screens.rejected.remove", { id: e.id }))) {
      ctx.io.notify({ type: "notice", level: "success", message: ctx.t("screens.rejected.removed", { id: e.id }) });
    }
  }
}
