/** Hands-on: the console's "Create endpoint" form; a wrong service name (InvalidServiceName) and the default group are explained. */
import { awsCode } from "../../errors.js";
import { ourService, type CloudView } from "../cloud-view.js";
import type { LessonContext } from "../context.js";
import type { HandsOn } from "../step.js";
import { createInterfaceEndpoint, ensureEndpointSg, groupNamed, offerToRemoveStrays, requireConsumer } from "./interface-endpoint-actions.js";
import { awsPort } from "../../aws/port.js";

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

export const interfaceEndpointForm: HandsOn = {
  async run(ctx: LessonContext, view: CloudView): Promise<string[]> {
    const { io, t } = ctx;
    const notes: string[] = [];
    const { vpcId, subnetId } = requireConsumer(view);
    await offerToRemoveStrays(ctx, view);
    const name = await io.input(t("form.endpoint.name"), `${ctx.state.prefix}-endpoint`);
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
