/**
 * Hands-on step 4: the learner made the endpoint's security group, but its `SG_ID=$(…)` is gone (a new terminal, or
 * the command run twice: InvalidGroup.Duplicate leaves SG_ID empty) and create-vpc-endpoint failed on
 * `--security-group-ids ""`. The lesson's help gives the group's own id in the command, not "<the new group's id>"
 * (running create-security-group again, as the general hint says, only fails again).
 */
import { CreateSecurityGroupCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import { translator } from "../../src/i18n/messages.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const PREFIX = "lost";

describe.each(["en", "ja"] as const)("hands-on interface endpoint, the group made by hand but no endpoint (%s)", (lang) => {
  it("verify names the group's id, in the create-vpc-endpoint command to run", async () => {
    const t = translator(lang);
    const h = harness({ opts: { prefix: PREFIX, mode: "hands-on", lang } });
    h.env.learnerReachesSandbox = true;
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    for (const id of ["preflight", "deploy", "tour", "endpoint-service"]) await stepCommand(id, { ...h.opts, mode: "guided" }, h.env);
    const vpc = (await readCloud(ctx.clients, ctx.names)).consumer!.resources.Vpc!;
    const sg = await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: `${PREFIX}-endpoint-sg`, Description: `PrivateLink endpoint for ${PREFIX}`, VpcId: vpc }));
    const host = new RecordingHost(lang, true, [
      { match: t("engine.howToDo"), value: "verify", times: 1 },
      { match: t("engine.howToDo"), value: "guided" },
    ]);
    await stepCommand("interface-endpoint", h.opts, { ...h.env, makeHost: () => host });
    const help = host.ofType("explain").filter((e) => e.section === "hint").map((e) => e.markdown).join("\n");
    expect(help).toContain(`--security-group-ids ${sg.GroupId}`);
    expect(help).not.toMatch(/<the new group's id>|<作ったSGのID>/);
  }, 60_000);
});
