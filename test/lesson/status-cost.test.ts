/**
 * `status` prices what exists now, from its one read of the cloud: during cleanup, with the
 * endpoint already deleted, the hour costs less than the whole lesson's; once nothing is left,
 * no cost is shown. The text says it is what exists now, and that the sandbox is free.
 */
import { DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { destroy } from "../../src/commands/destroy.js";
import { status } from "../../src/commands/status.js";
import { step } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { costPerHour, FULL_LESSON } from "../../src/lesson/pricing.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { Chalk } from "chalk";
import { harness } from "../helpers/lesson-harness.js";

describe("status: the cost per hour of what exists now", () => {
  it("drops when the endpoint is deleted, and is not shown once nothing is left", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint"]) await step(id, h.opts, h.env);
    const full = costPerHour("ap-northeast-1", FULL_LESSON).perHourUsd;
    await status(h.opts, h.env);
    expect(h.host.ofType("status").at(-1)!.cost).toMatchObject({ of: "existing", perHourUsd: full, sandbox: true });

    // Cleanup under way: the learner's endpoint is gone, both stacks still up.
    const clients = await createSandboxClients(h.sandbox, "ap-northeast-1");
    const endpointId = h.host.ofType("status").at(-1)!.resources.find((r) => r.kind === "endpoint")!.id;
    await clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    await status(h.opts, h.env);
    const cost = h.host.ofType("status").at(-1)!.cost!;
    expect(cost.perHourUsd).toBe(costPerHour("ap-northeast-1", { ...FULL_LESSON, interfaceEndpoints: 2 }).perHourUsd);
    expect(cost.perHourUsd).toBeLessThan(full);
    const t = (lang: "en" | "ja") => renderEvent({ type: "cost", ...cost }, { c: new Chalk({ level: 0 }), t: translator(lang), width: 200, markdown: (m) => m }) ?? "";
    expect(t("en")).toContain(`what exists now would cost about $${cost.perHourUsd.toFixed(3)}/hour`);
    expect(t("en")).toContain("the sandbox is free");
    expect(t("ja")).toContain("今あるもの");

    await destroy(h.opts, h.env);
    await status(h.opts, h.env);
    expect(h.host.ofType("status").at(-1)!.cost).toBeUndefined();
  }, 60_000);

  it("is 0 when only what costs nothing by the hour is left, and says so", () => {
    const out = renderEvent({ type: "cost", of: "existing", perHourUsd: 0, region: "us-east-1", sandbox: false }, { c: new Chalk({ level: 0 }), t: translator("en"), width: 80, markdown: (m) => m }) ?? "";
    expect(out).toContain("Nothing left costs money by the hour");
  });
});
