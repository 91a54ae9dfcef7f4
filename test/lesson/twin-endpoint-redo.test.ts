/**
 * The create command pasted twice leaves two endpoints to the learner's own service in their Consumer VPC. Redoing the
 * interface endpoint step then named the second one a stray that "goes to <their service>, not to your endpoint
 * service": a contradiction. It is named as what it is (a second endpoint to their own service), with what it costs
 * and that the cleanup deletes both.
 */
import { CreateVpcEndpointCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { ourEndpoint, ourService, readCloud } from "../../src/lesson/cloud-view.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

describe.each(["en", "ja"] as const)("redoing the interface endpoint step with a second endpoint to the learner's service (%s)", (lang) => {
  it("names it as a second endpoint to their own service, with its price and that the cleanup deletes it too; never as going elsewhere", async () => {
    const t = translator(lang);
    const h = harness({ host: new RecordingHost(lang), opts: { lang } });
    for (const id of ["preflight", "deploy", "endpoint-service", "interface-endpoint"]) await stepCommand(id, h.opts, h.env);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const view = await readCloud(ctx.clients, ctx.names);
    const used = ourEndpoint(view)!;
    const service = ourService(view)!.name;
    const made = await ctx.clients.ec2.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: used.vpcId, ServiceName: service, SubnetIds: used.subnetIds, SecurityGroupIds: used.sgIds }),
    );
    const twin = made.VpcEndpoint!.VpcEndpointId!;
    const again = new RecordingHost(lang);
    await stepCommand("interface-endpoint", h.opts, { ...h.env, makeHost: () => again });
    const told = again.ofType("notice").map((n) => n.message).filter((m) => m.includes(twin));
    expect(told, "one notice names the second endpoint").toHaveLength(1);
    const stray = t("endpoint.stray", { id: twin, service });
    expect(told[0]).not.toBe(stray);
    expect(told[0]).not.toMatch(lang === "en" ? /not to your endpoint service/ : /あなたのエンドポイントサービスではありません/);
    expect(told[0]).toContain(used.id);
    expect(told[0]).toMatch(lang === "en" ? /another interface endpoint to your endpoint service/ : /あなたのエンドポイントサービスへのインターフェイスエンドポイントがもう 1 つ/);
    expect(told[0]).toMatch(/\$0\.\d{3}/);
    expect(told[0]).toContain(lang === "en" ? "The cleanup deletes it too" : "後片付けでは、これも削除します");
  });
});
