/**
 * A hands-on learner who pasted only the first of the deploy step's two create-stack commands and
 * chose "verify": the lesson names the stack that does not exist yet, instead of saying "the
 * stacks are still being created" (which sends the learner to wait for a stack never created).
 */
import { CreateStackCommand } from "@aws-sdk/client-cloudformation";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { packageRoot } from "../../src/paths.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const PREFIX = "half";

describe.each(["en", "ja"] as const)("hands-on deploy, only the Consumer stack created by hand (%s)", (lang) => {
  it("verify says the Provider stack does not exist yet, by name", async () => {
    const t = translator(lang);
    const h = harness({ speed: 0.1, opts: { prefix: PREFIX, mode: "hands-on", lang } });
    h.env.learnerReachesSandbox = true;
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    await stepCommand("preflight", { ...h.opts, mode: "guided" }, h.env);
    // The first create-stack of the step, pasted in the second terminal; the second one forgotten.
    await ctx.clients.cfn.send(
      new CreateStackCommand({
        StackName: ctx.names.consumerStack,
        TemplateBody: readFileSync(join(packageRoot(), "templates", "Consumer.yml"), "utf8"),
        Capabilities: ["CAPABILITY_NAMED_IAM"],
        Parameters: [{ ParameterKey: "Prefix", ParameterValue: PREFIX }, { ParameterKey: "AvailabilityZone", ParameterValue: "" }],
      }),
    );
    const host = new RecordingHost(lang, true, [
      { match: t("engine.howToDo"), value: "verify", times: 1 },
      { match: t("engine.howToDo"), value: "guided" },
    ]);
    await stepCommand("deploy", h.opts, { ...h.env, makeHost: () => host });
    const warned = host.ofType("notice").filter((n) => n.level === "warn").map((n) => n.message);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain(`${PREFIX}-provider`);
    expect(warned[0]).not.toContain(t("detect.deploy.inProgress"));
  }, 60_000);
});
