/**
 * A learner cleaning up by hand asks the lesson to verify too early: it says what is still there,
 * by the names they find it under, so they can tell what blocks the next deletion.
 */
import { DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { ourEndpoint, readCloud } from "../../src/lesson/cloud-view.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

describe("cleanup verified before it is finished", () => {
  it("names what is left: the endpoint's group, the service and the stacks", async () => {
    const h = harness({ opts: { prefix: "left", mode: "hands-on" } });
    h.env.learnerReachesSandbox = true;
    for (const s of STEPS.filter((s) => s.id !== "cleanup")) await stepCommand(s.id, { ...h.opts, mode: "guided" }, h.env);
    // By hand: the endpoint only.
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const view = await readCloud(ctx.clients, ctx.names);
    await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [ourEndpoint(view)!.id] }));
    // Verify once (too early), then let the tool finish.
    const host = new RecordingHost("en", true, [{ match: "How do you want", value: "verify", times: 1 }, { match: "How do you want", value: "guided" }]);
    await stepCommand("cleanup", h.opts, { ...h.env, makeHost: () => host });
    const said = host.ofType("notice").map((n) => n.message).find((m) => m.includes("still there"));
    const sg = view.endpointSgs.find((g) => g.owned)!.id;
    expect(said).toContain(`deleting: 4 items still there (${sg}, ${view.services[0]!.id}, left-consumer, …)`);
  });
});
