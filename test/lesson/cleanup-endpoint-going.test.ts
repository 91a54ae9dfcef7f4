/**
 * Hands-on, the cleanup run again after it was stopped once the endpoint's deletion began: the text follows the cloud.
 * The endpoint is said to be already being deleted (wait), its delete command is not offered (AWS would answer
 * `InvalidVpcEndpointId.NotFound`), and the commands for what is still there stay.
 */
import { DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { ourEndpoint, readCloud } from "../../src/lesson/cloud-view.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const GOING = { en: "already being deleted", ja: "すでに削除中" } as const;

describe.each(["en", "ja"] as const)("cleanup by hand with the endpoint already being deleted (%s)", (lang) => {
  const how = translator(lang)("engine.howToDo");

  it("says the endpoint is being deleted and offers no command to delete it again", async () => {
    // (The sandbox at a tenth of AWS's speed: the endpoint stays `deleting` while the step is shown.)
    const h = harness({ speed: 0.1, opts: { prefix: "going", mode: "hands-on", lang } });
    h.env.learnerReachesSandbox = true;
    for (const s of STEPS.filter((s) => s.id !== "cleanup")) await stepCommand(s.id, { ...h.opts, mode: "guided" }, h.env);
    // The lesson's cleanup began deleting the endpoint, then was stopped (Ctrl-C).
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const view = await readCloud(ctx.clients, ctx.names);
    const endpointId = ourEndpoint(view)!.id;
    await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));

    const host = new RecordingHost(lang, true, [{ match: how, value: "show", times: 1 }, { match: how, value: "guided" }]);
    await stepCommand("cleanup", h.opts, { ...h.env, makeHost: () => host });
    const text = (section: string) => host.ofType("explain").filter((e) => e.step === "cleanup" && e.section === section).map((e) => e.markdown).join("\n");
    expect(text("concept")).toContain(`${endpointId} ${lang === "en" ? "is " : "は"}${GOING[lang]}`);
    const cli = text("cli");
    expect(cli).not.toContain("delete-vpc-endpoints");
    expect(cli).toContain(endpointId); // still waited for
    expect(cli).toContain("delete-security-group");
    expect(cli).toContain("delete-vpc-endpoint-service-configurations");
    expect(cli).toContain("delete-stack");
  });
});
