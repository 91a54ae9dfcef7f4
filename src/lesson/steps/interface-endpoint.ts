/** Step 4: the consumer side — an interface endpoint to the service, with its own security group; its console form. */
import { awsCode, LabError } from "../../errors.js";
import { DEAD_ENDPOINT, ourEndpoint, ourService, readEndpointsById, strayEndpoints, wrongVpcEndpoints, type CloudView, type EndpointView } from "../cloud-view.js";
import { recordMade, type LessonContext } from "../context.js";
import { createOnce } from "../client-token.js";
import { namesFor, participantTags } from "../../participant.js";
import { waitFor } from "../wait.js";
import { awsPort } from "../../aws/port.js";
import { inboundRules } from "../http-rule.js";
import { becoming, madeBy, type Detection, type HandsOn, type Step } from "../step.js";
import { WAIT_WORDS } from "../wait-words.js";
import type { LessonState } from "../../state/schema.js";
import { twinNotices } from "../twin-notice.js";

/** A rejected endpoint stays in the Consumer VPC, billed hourly: the lesson goes back and offers to delete it. */
function rejectedEndpoints(view: CloudView): EndpointView[] {
  const vpc = view.consumer?.resources.Vpc;
  return view.endpoints.filter((e) => e.state.toLowerCase() === "rejected" && (!vpc || e.vpcId === vpc));
}

/** Asks, then deletes an endpoint that is not the lesson's; true when deleted (kept without a learner to ask: the cleanup removes it). */
async function offerToDelete(ctx: LessonContext, endpointId: string, question: string): Promise<boolean> {
  if (!ctx.io.interactive || !(await ctx.io.confirm(question, true))) return false;
  const failure = (await awsPort(ctx.clients).ec2.deleteVpcEndpoints({ VpcEndpointIds: [endpointId] })).Unsuccessful?.[0];
  if (failure) throw new LabError("error.deleteFailed", { what: endpointId, reason: failure.Error?.Message ?? "" }, { source: "aws" });
  return true;
}

/** The words after `aws` that delete an endpoint (aimed at the lesson's account where the text is said: step.ts detectionVars). */
const deleteWords = (e: EndpointView, state: LessonState): string[] => ["ec2", "delete-vpc-endpoints", "--vpc-endpoint-ids", e.id, "--region", state.region];

const WAITING_STATES = new Set(["pendingacceptance", "available"]);

/** The id of the group with this name in the VPC, if there is one. */
async function groupNamed(ctx: LessonContext, vpcId: string, name: string): Promise<string | undefined> {
  const out = await awsPort(ctx.clients).ec2.describeSecurityGroups({ Filters: [{ Name: "vpc-id", Values: [vpcId] }, { Name: "group-name", Values: [name] }] });
  return out.SecurityGroups?.[0]?.GroupId;
}

/** The endpoint's own security group in the Consumer VPC (created once, found again by name). */
export async function ensureEndpointSg(ctx: LessonContext, vpcId: string): Promise<string> {
  const name = ctx.names.endpointSgName;
  const existing = await groupNamed(ctx, vpcId, name);
  if (existing) return existing;
  try {
    const out = await awsPort(ctx.clients).ec2.createSecurityGroup({
        GroupName: name,
        Description: "privatelink-lab: interface endpoint to the Provider service",
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: "security-group", Tags: [{ Key: "Name", Value: name }, ...participantTags(ctx.state.prefix, ctx.lesson)] }],
      });
    recordMade(ctx, "interface-endpoint", "AWS::EC2::SecurityGroup", "endpointSgId", out.GroupId ?? "");
    return out.GroupId ?? "";
  } catch (e) {
    if (awsCode(e) === "InvalidGroup.Duplicate") return ensureEndpointSg(ctx, vpcId);
    throw e;
  }
}

export async function createInterfaceEndpoint(ctx: LessonContext, c: { serviceName: string; vpcId: string; subnetIds: string[]; sgIds: string[]; name: string }): Promise<string> {
  // Sorted: the same request always hashes to the same token.
  const params = { service: c.serviceName, vpc: c.vpcId, subnets: [...c.subnetIds].sort(), groups: [...c.sgIds].sort(), name: c.name };
  const out = await createOnce(
    ctx,
    "endpoint",
    params,
    (ClientToken) =>
      awsPort(ctx.clients).ec2.createVpcEndpoint({
          VpcEndpointType: "Interface",
          ServiceName: c.serviceName,
          VpcId: c.vpcId,
          SubnetIds: c.subnetIds,
          SecurityGroupIds: c.sgIds,
          // The service has no private DNS name: we use the endpoint's own DNS names.
          PrivateDnsEnabled: false,
          ClientToken,
          TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: "Name", Value: c.name }, ...participantTags(ctx.state.prefix, ctx.lesson)] }],
        }),
    (made) => DEAD_ENDPOINT.test(String(made.VpcEndpoint?.State ?? "")),
  );
  const id = out.VpcEndpoint?.VpcEndpointId;
  if (!id) throw new LabError("error.unexpected", { what: "CreateVpcEndpoint" }, { source: "internal" });
  recordMade(ctx, "interface-endpoint", "AWS::EC2::VPCEndpoint", "endpointId", id);
  await waitFor(ctx, {
    step: "interface-endpoint",
    ...WAIT_WORDS.endpoint,
    read: async () => (await readEndpointsById(ctx.clients, [id]))[0],
    check: (e) => (e && WAITING_STATES.has(e.state.toLowerCase()) ? true : e && e.state.toLowerCase() === "failed" ? new LabError("error.endpointFailed", { id }) : undefined),
    describe: (e) => e?.state ?? "",
    usualSeconds: 90,
  });
  return id;
}

/**
 * Offers to delete rejected endpoints, and endpoints to another service, in the Provider VPC, or a second one to the
 * learner's own service (they cost money), each named as what it is; without a learner, kept.
 */
async function offerToRemoveStrays(ctx: LessonContext, view: CloudView): Promise<void> {
  for (const e of rejectedEndpoints(view)) {
    ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("screens.rejected.left", { id: e.id }) });
    if (await offerToDelete(ctx, e.id, ctx.t("screens.rejected.remove", { id: e.id }))) {
      ctx.io.notify({ type: "notice", level: "success", message: ctx.t("screens.rejected.removed", { id: e.id }) });
    }
  }
  const wrongVpc = wrongVpcEndpoints(view).map((e) => ({ e, message: ctx.t("wrongVpc.notice", { id: e.id, vpc: e.vpcId }) }));
  const strays = strayEndpoints(view).map((e) => ({ e, message: ctx.t("endpoint.stray", { id: e.id, service: e.serviceName }) }));
  for (const { e, message } of [...wrongVpc, ...strays, ...twinNotices(ctx, view)]) {
    ctx.io.notify({ type: "notice", level: "warn", message });
    await offerToDelete(ctx, e.id, ctx.t("endpoint.removeStray", { id: e.id }));
  }
}

export function requireConsumer(view: CloudView, ctx: LessonContext): { vpcId: string; subnetId: string } {
  const c = view.consumer?.resources;
  return { vpcId: madeBy(c?.Vpc, "deploy", ctx), subnetId: madeBy(c?.PrivateSubnet, "deploy", ctx) };
}

async function serviceExists(ctx: LessonContext, name: string): Promise<boolean> {
  try {
    const out = await awsPort(ctx.clients).ec2.describeVpcEndpointServices({ ServiceNames: [name] });
    return (out.ServiceDetails ?? []).length > 0 || (out.ServiceNames ?? []).includes(name);
  } catch (e) {
    if (awsCode(e) === "InvalidServiceName") return false;
    throw e;
  }
}

async function askServiceName(ctx: LessonContext, expected: string, notes: string[]): Promise<string> {
  for (;;) {
    // A learner copies the name the step text shows; only a run without a learner (--yes, no TTY) takes it by itself.
    const name = (await ctx.io.input(ctx.t("form.endpoint.serviceName"), ctx.io.interactive ? "" : expected, (v) => (v.trim() ? true : ctx.t("form.endpoint.serviceNameEmpty")))).trim();
    if (await serviceExists(ctx, name)) {
      ctx.io.notify({ type: "notice", level: "success", message: ctx.t("form.endpoint.verified") });
      return name;
    }
    ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("form.endpoint.notFound", { name }) });
    notes.push("wrong-service-name");
    if (!ctx.io.interactive) return expected;
  }
}

/** The console's "Create endpoint" form; a wrong service name (InvalidServiceName), the default group are explained. */
const form: HandsOn = {
  async run(ctx: LessonContext, view: CloudView): Promise<string[]> {
    const { io, t } = ctx;
    const notes: string[] = [];
    const { vpcId, subnetId } = requireConsumer(view, ctx);
    await offerToRemoveStrays(ctx, view);
    const name = await io.input(t("form.endpoint.name"), `${ctx.state.prefix}-endpoint`, undefined, { verbatim: true });
    await io.select(
      t("form.endpoint.category"),
      [
        { value: "nlb", name: t("form.endpoint.categoryNlb") },
        { value: "aws", name: t("form.endpoint.categoryAws") },
      ],
      "nlb",
    );
    const serviceName = await askServiceName(ctx, ourService(view)?.name ?? "", notes);
    const providerVpc = view.provider?.resources.Vpc;
    for (;;) {
      const vpc = await io.select(
        t("form.endpoint.vpc"),
        [{ value: vpcId, name: `${vpcId} (${ctx.names.prefix}-consumer-vpc)` }, ...(providerVpc ? [{ value: providerVpc, name: `${providerVpc} (${ctx.names.prefix}-provider-vpc)` }] : [])],
        vpcId,
      );
      if (vpc === vpcId) break;
      io.notify({ type: "notice", level: "warn", message: t("form.endpoint.wrongVpc") });
      if (!io.interactive) break;
    }
    await io.select(t("form.endpoint.subnet"), [{ value: subnetId, name: `${subnetId} (${ctx.state.az ?? ""})` }], subnetId);
    const sgChoice = await io.select(
      t("form.endpoint.sg"),
      [
        { value: "dedicated", name: t("form.endpoint.sgDedicated", { name: ctx.names.endpointSgName }) },
        { value: "default", name: t("form.endpoint.sgDefault") },
      ],
      "dedicated",
    );
    let sg = sgChoice === "default" ? await groupNamed(ctx, vpcId, "default") : undefined;
    if (sgChoice === "default") notes.push("default-sg");
    sg ??= await ensureEndpointSg(ctx, vpcId);
    await createInterfaceEndpoint(ctx, { serviceName, vpcId, subnetIds: [subnetId], sgIds: [sg], name });
    return notes;
  },
};

export const interfaceEndpoint: Step = {
  id: "interface-endpoint",
  requires: ["endpoint-service"],
  detect(view, state): Detection {
    const ep = ourEndpoint(view);
    const stray = strayEndpoints(view)[0];
    const wrong = wrongVpcEndpoints(view)[0];
    // Made in the Provider VPC (by hand): say where it is, and how to delete it.
    if (!ep && wrong) return { done: false, why: "wrongVpc.detect", vars: { id: wrong.id, vpc: wrong.vpcId, consumerVpc: view.consumer?.resources.Vpc ?? "" }, commands: { command: deleteWords(wrong, state) } };
    if (!ep && stray) return { done: false, why: "detect.endpoint.stray", vars: { id: stray.id, service: stray.serviceName }, note: "stray-service" };
    const rejected = rejectedEndpoints(view)[0];
    if (!ep && rejected) return { done: false, why: "detect.endpoint.rejected", vars: { id: rejected.id } };
    // The group made, the endpoint not (its SG_ID lost with the terminal, or emptied by a Duplicate): the note gives its id.
    const group = view.endpointSgs.some((g) => g.name === namesFor(state.prefix).endpointSgName);
    if (!ep) return { done: false, why: "detect.endpoint.todo", ...(group ? { note: "group-made" } : {}) };
    // Made, whatever came after: still `pending` (new, or just accepted on its way to available) it counts, and is waited for.
    const made = ep.state.toLowerCase();
    if (!WAITING_STATES.has(made) && made !== "pending") return { done: false, why: "detect.endpoint.pending", vars: { state: ep.state } };
    // The done text says what the cloud shows (accepted already or waiting; whether the group has rules); one left in the
    // Provider VPC beside it is named with its delete command, as it still costs money.
    const rules = inboundRules(view).length > 0;
    const said: Pick<Detection, "why" | "vars" | "commands" | "doneAlso"> = wrong
      ? { why: "vpcPolish.leftover", vars: { state: ep.state, id: wrong.id, vpc: wrong.vpcId }, commands: { command: deleteWords(wrong, state) }, doneAlso: "texts.leftInProviderVpc" }
      : { why: "detect.endpoint.done", vars: { state: ep.state } };
    if (made === "available") return { done: true, ...said, doneVariant: rules ? "available-rules" : "available" };
    return { done: true, ...said, teaches: ["pending-acceptance"], ...(rules ? { doneVariant: "rules" } : {}), ...becoming(ep.state) };
  },
  async perform(ctx, view) {
    const svc = madeBy(ourService(view), "endpoint-service", ctx);
    const { vpcId, subnetId } = requireConsumer(view, ctx);
    await offerToRemoveStrays(ctx, view);
    const sg = await ensureEndpointSg(ctx, vpcId);
    await createInterfaceEndpoint(ctx, { serviceName: svc.name, vpcId, subnetIds: [subnetId], sgIds: [sg], name: `${ctx.state.prefix}-endpoint` });
  },
  handsOn: form,
  // The learner's service may not require acceptance (a form answer): the concept says what will happen.
  conceptVariant: (view) => (ourService(view)?.acceptanceRequired === false ? "no-acceptance" : undefined),
};
