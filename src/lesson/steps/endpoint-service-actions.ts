/** What the endpoint-service step and its hands-on form both do: make the service on the NLB. */
import { LabError } from "../../errors.js";
import { readServicesById, type CloudView } from "../cloud-view.js";
import { recordMade, type LessonContext } from "../context.js";
import { createOnce } from "../client-token.js";
import { participantTags } from "../../participant.js";
import { waitFor } from "../wait.js";
import { awsPort } from "../../aws/port.js";

export async function createEndpointService(ctx: LessonContext, choices: { name: string; nlbArn: string; acceptanceRequired: boolean }): Promise<void> {
  const params = { nlb: choices.nlbArn, acceptance: choices.acceptanceRequired, name: choices.name };
  const out = await createOnce(
    ctx,
    "service",
    params,
    (ClientToken) =>
      awsPort(ctx.clients).ec2.createVpcEndpointServiceConfiguration({
          NetworkLoadBalancerArns: [choices.nlbArn],
          AcceptanceRequired: choices.acceptanceRequired,
          // The same token on a retry after a crash returns the same service instead of a second one.
          ClientToken,
          TagSpecifications: [
            { ResourceType: "vpc-endpoint-service", Tags: [{ Key: "Name", Value: choices.name }, ...participantTags(ctx.state.prefix, ctx.lesson)] },
          ],
        }),
    (made) => /^(deleting|deleted|failed)$/i.test(String(made.ServiceConfiguration?.ServiceState ?? "")),
  );
  const id = out.ServiceConfiguration?.ServiceId;
  if (!id) throw new LabError("error.unexpected", { what: "CreateVpcEndpointServiceConfiguration" }, { source: "internal" });
  recordMade(ctx, "endpoint-service", "AWS::EC2::VPCEndpointService", "serviceId", id);
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
