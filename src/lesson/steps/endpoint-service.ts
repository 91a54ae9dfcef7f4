/** Step 3: the provider side of PrivateLink — an endpoint service on the NLB, acceptance required; its console form. */
import { LabError } from "../../errors.js";
import { ourService, readServicesById, type CloudView } from "../cloud-view.js";
import { recordMade, type LessonContext } from "../context.js";
import { createOnce } from "../client-token.js";
import { participantTags } from "../../participant.js";
import { becoming, madeBy, type HandsOn, type Step } from "../step.js";
import { waitFor } from "../wait.js";
import { awsPort } from "../../aws/port.js";
import { WAIT_WORDS } from "../wait-words.js";

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
    ...WAIT_WORDS.service,
    read: async () => (await readServicesById(ctx.clients, [id]))[0],
    check: (s) => (s && s.state.toLowerCase() === "available" ? true : s && s.state.toLowerCase() === "failed" ? new LabError("error.serviceFailed", { id }) : undefined),
    describe: (s) => s?.state ?? "",
    usualSeconds: 30,
  });
}

export const requireNlb = (view: CloudView, ctx: LessonContext): string => madeBy(view.provider?.resources.NLB, "deploy", ctx);

/** The console's "Create endpoint service" form; a wrong choice (no "Acceptance required") has its real consequence. */
const form: HandsOn = {
  async run(ctx, view) {
    const { io, t } = ctx;
    const notes: string[] = [];
    const nlbArn = requireNlb(view, ctx);
    const name = await io.input(t("form.service.name"), `${ctx.state.prefix}-service`, undefined, { verbatim: true });
    for (;;) {
      const type = await io.select(
        t("form.service.lbType"),
        [
          { value: "network", name: t("form.service.lbTypeNetwork") },
          { value: "gateway", name: t("form.service.lbTypeGateway") },
        ],
        "network",
      );
      if (type === "network") break;
      io.notify({ type: "notice", level: "warn", message: t("form.service.noGwlb") });
      notes.push("gateway-type");
      if (!io.interactive) break;
    }
    const nlbName = nlbArn.split("/")[2] ?? nlbArn;
    const chosen = await io.select(t("form.service.lb"), [{ value: nlbArn, name: nlbName }], nlbArn);
    const acceptanceRequired = await io.confirm(t("form.service.acceptance"), true);
    if (!acceptanceRequired) notes.push("no-acceptance");
    await createEndpointService(ctx, { name, nlbArn: chosen, acceptanceRequired });
    notes.push("service-name");
    return notes;
  },
};

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
    await createEndpointService(ctx, { name: `${ctx.state.prefix}-service`, nlbArn: requireNlb(view, ctx), acceptanceRequired: true });
  },
  handsOn: form,
};
