/** `status` while AWS is deleting the learner's endpoint: the row says so (not `+`), and the hour's cost leaves it out. */
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { awsPort } from "../../src/aws/port.js";
import { status } from "../../src/commands/status.js";
import { step } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import type { Lang } from "../../src/i18n/lang.js";
import { renderData } from "../../src/ui/render-data.js";
import { harness } from "../helpers/lesson-harness.js";

async function statusWhileDeleting(lang: Lang) {
  const h = harness({ opts: { lang } });
  for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "accept"]) await step(id, h.opts, h.env);
  await status(h.opts, h.env);
  const before = h.host.ofType("status")[0]!;
  const endpoint = before.resources.find((r) => r.kind === "endpoint")!.id;
  // AWS's usual deleting time (the clock stands still): the endpoint stays `deleting` while status looks.
  h.sandbox.speed = 1;
  await awsPort(await createSandboxClients(h.sandbox, "ap-northeast-1")).ec2.deleteVpcEndpoints({ VpcEndpointIds: [endpoint] });
  await status(h.opts, h.env);
  const after = h.host.ofType("status")[1]!;
  const text = renderData(after, translator(lang), (rows) => rows.map((r) => r.join(" | ")).join("\n"), () => "");
  const row = text.split("\n").find((l) => l.includes(endpoint))!;
  return { before, after, endpoint, row };
}

describe("status with an endpoint being deleted", () => {
  it.each([
    ["en", "- | endpoint | {id} | (being deleted)"],
    ["ja", "- | エンドポイント | {id} | （削除中）"],
  ] as const)("shows it as being deleted (%s), not as one that exists", async (lang, expected) => {
    const { after, endpoint, row } = await statusWhileDeleting(lang);
    expect(row).toBe(expected.replace("{id}", endpoint));
    expect(after.resources.find((r) => r.id === endpoint)).toEqual({ kind: "endpoint", id: endpoint, deleting: true });
  });

  it("leaves it out of the hourly cost (one interface endpoint's hour less)", async () => {
    const { before, after } = await statusWhileDeleting("en");
    // ap-northeast-1: an interface endpoint costs $0.014 an hour per zone.
    expect(before.cost!.perHourUsd - after.cost!.perHourUsd).toBeCloseTo(0.014, 4);
  });
});
