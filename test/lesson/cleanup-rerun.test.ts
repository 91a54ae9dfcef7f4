/**
 * The lesson run again after its cleanup was stopped midway (an endpoint already deleted): it says it goes on with the
 * cleanup and asks one question, whether to delete, not "Run this step now?" first; and it does not teach the step again.
 */
import { DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { start } from "../../src/commands/start.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { ourEndpoint, readCloud } from "../../src/lesson/cloud-view.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

describe.each(["en", "ja"] as const)("a stopped cleanup, run again (%s)", (lang) => {
  const t = translator(lang);

  it("asks once whether to delete, and deletes what is left", async () => {
    const h = harness({ opts: { prefix: "again", mode: "guided", lang } });
    for (const s of STEPS.filter((s) => s.id !== "cleanup")) await stepCommand(s.id, h.opts, h.env);
    // The cleanup got as far as the endpoint, then was stopped.
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const view = await readCloud(ctx.clients, ctx.names);
    await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [ourEndpoint(view)!.id] }));

    const host = new RecordingHost(lang, true);
    await start({ ...h.opts, yes: false }, { ...h.env, makeHost: () => host });
    expect(host.questions).toEqual([t("cleanup.confirm")]);
    expect(host.ofType("notice").map((n) => n.message)).toContain(t("engine.cleanupResumed"));
    expect(host.ofType("lesson-finished").at(-1)).toMatchObject({ cleanedUp: true });
  });
});
