/**
 * Two interface endpoints to the learner's service (the create command pasted twice): AWS bills both, so the cost
 * line and the text after a kept cleanup count both, the learner is told the second one exists and costs money,
 * and the cleanup deletes both (QA: the cost line said $0.110/hour, the text after it $0.096).
 */
import { CreateVpcEndpointCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { ourEndpoint, ourService, readCloud } from "../../src/lesson/cloud-view.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost, type Answer } from "../helpers/recording-host.js";

const BUILT = ["preflight", "deploy", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl", "review"];

/** A finished build with a second endpoint to the learner's service, made as the pasted command makes it. */
async function withTwin(lang: "en" | "ja", answers: { match: string; value: Answer }[]) {
  const h = harness({ host: new RecordingHost(lang, false, answers), opts: { lang } });
  for (const id of BUILT) await stepCommand(id, h.opts, h.env);
  const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
  const view = await readCloud(ctx.clients, ctx.names);
  const used = ourEndpoint(view)!;
  const made = await ctx.clients.ec2.send(
    new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: used.vpcId, ServiceName: ourService(view)!.name, SubnetIds: used.subnetIds, SecurityGroupIds: used.sgIds }),
  );
  return { h, ctx, used: used.id, twin: made.VpcEndpoint!.VpcEndpointId! };
}

describe.each(["en", "ja"] as const)("a second endpoint to the learner's service (%s)", (lang) => {
  const t = translator(lang);

  it("kept: the cost line and the closing text say the same price, and the second endpoint is named as billed and deleted by the cleanup", async () => {
    const { h, used, twin } = await withTwin(lang, [{ match: t("cleanup.confirm"), value: false }]);
    await stepCommand("cleanup", h.opts, h.env);
    const perHour = `$${h.host.ofType("cost").at(-1)!.perHourUsd.toFixed(3)}`;
    const done = h.host.ofType("explain").filter((e) => e.step === "cleanup" && e.section === "done").at(-1)!;
    expect(done.markdown).toContain(perHour);
    const told = h.host.ofType("notice").map((n) => n.message).find((m) => m.includes(twin));
    expect(told, "a notice names the second endpoint").toBeDefined();
    expect(told).toContain(used);
    expect(told).toContain(lang === "en" ? "an hour" : "1 時間あたり");
    expect(told).toContain(lang === "en" ? "The cleanup deletes it too" : "後片付けでは、これも削除します");
  });

  it("cleaned up: both endpoints are deleted", async () => {
    const { h, ctx, used, twin } = await withTwin(lang, []);
    await stepCommand("cleanup", h.opts, h.env);
    const after = await readCloud(ctx.clients, ctx.names);
    expect(after.endpoints.filter((e) => e.id === used || e.id === twin)).toEqual([]);
  });
});
