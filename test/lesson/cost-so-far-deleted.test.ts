/**
 * An endpoint fully deleted drops out of AWS's list of what exists (after a while, of every list), and so out of the
 * cost so far, which counts what is still there since it was made. The cost line says so plainly, in both languages
 * and in the sandbox's words too, rather than let a learner take the smaller figure for all they spent.
 */
import { DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { status } from "../../src/commands/status.js";
import { step } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import type { CostReport } from "../../src/ui/io-host.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { harness } from "../helpers/lesson-harness.js";

const HOUR = 3_600_000;
const line = (cost: CostReport, lang: "en" | "ja") =>
  (renderEvent({ type: "cost", ...cost }, { c: new Chalk({ level: 0 }), t: translator(lang), width: 400, markdown: (m) => m }) ?? "").replace(/\n\s*/g, lang === "ja" ? "" : " ");

describe("the cost so far after an endpoint is deleted", () => {
  it("leaves the deleted endpoint out, and the line says it counts only what is still there", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint"]) await step(id, h.opts, h.env);
    h.clock.advance(2.5 * HOUR);
    await status(h.opts, h.env);
    const before = h.host.ofType("status").at(-1)!;
    const endpointId = before.resources.find((r) => r.kind === "endpoint")!.id;
    const clients = await createSandboxClients(h.sandbox, "ap-northeast-1");
    await clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    h.clock.advance(1000);
    await status(h.opts, h.env);
    const after = h.host.ofType("status").at(-1)!;
    expect(after.resources.some((r) => r.id === endpointId), "the endpoint is gone").toBe(false);
    // The figure is of what is still there: the endpoint's hours, which AWS billed, are not in it.
    expect(after.cost!.sinceUsd!).toBeLessThan(before.cost!.sinceUsd!);
    for (const sandbox of [true, false]) {
      const cost = { ...after.cost!, sandbox };
      expect(line(cost, "en")).toMatch(/what is still there (has|would have) cost about \$\d+\.\d\d/);
      expect(line(cost, "en")).toContain("What you already deleted is not counted");
      expect(line(cost, "ja")).toMatch(/今も残っているものについて/);
      expect(line(cost, "ja")).toContain("削除済みのものは");
      expect(line(cost, "ja")).toContain("この合計には含めていません");
    }
  }, 60_000);
});
