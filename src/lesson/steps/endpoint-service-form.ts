/** Hands-on: the console's "Create endpoint service" form; a wrong choice (no "Acceptance required") has its real consequence. */
import type { CloudView } from "../cloud-view.js";
import type { LessonContext } from "../context.js";
import type { HandsOn } from "../step.js";
import { createEndpointService, requireNlb } from "./endpoint-service-actions.js";

export const endpointServiceForm: HandsOn = {
  async run(ctx: LessonContext, view: CloudView): Promise<string[]> {
    const { io, t } = ctx;
    const notes: string[] = [];
    const nlbArn = requireNlb(view);
    const name = await io.input(t("form.service.name"), `${ctx.state.prefix}-service`);
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
