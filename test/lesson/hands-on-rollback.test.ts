/**
 * A beginner's stack that failed and rolled back (a mistyped AvailabilityZone) in hands-on mode: "verify" must say
 * what to do, not repeat "create the stacks" (create-stack on the same name fails with AlreadyExists until the
 * ROLLBACK_COMPLETE stack is deleted). The lesson's rollback note tells why and gives the delete command.
 */
import { CreateStackCommand } from "@aws-sdk/client-cloudformation";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import { packageRoot } from "../../src/paths.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const PREFIX = "roll";
const template = (side: string) => readFileSync(join(packageRoot(), "templates", `${side}.yml`), "utf8");

describe("hands-on deploy: a stack the learner made that rolled back", () => {
  it("verify explains the rollback and how to delete the stack before creating it again", async () => {
    const h = harness({ opts: { prefix: PREFIX, mode: "hands-on" } });
    h.env.learnerReachesSandbox = true;
    await stepCommand("preflight", { ...h.opts, mode: "guided" }, h.env);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    for (const [side, name, az] of [["Consumer", ctx.names.consumerStack, "ap-northeast-1z"], ["Provider", ctx.names.providerStack, "ap-northeast-1a"]] as const) {
      await ctx.clients.cfn.send(
        new CreateStackCommand({
          StackName: name,
          TemplateBody: template(side),
          Capabilities: ["CAPABILITY_NAMED_IAM"],
          Parameters: [{ ParameterKey: "Prefix", ParameterValue: PREFIX }, { ParameterKey: "AvailabilityZone", ParameterValue: az }],
        }),
      );
    }
    h.clock.advance(3_600_000);
    expect((await readCloud(ctx.clients, ctx.names)).consumer?.status).toBe("ROLLBACK_COMPLETE");

    const host = new RecordingHost("en", true, [
      { match: "How do you want", value: "verify", times: 1 },
      { match: "How do you want", value: () => { throw new Error("asked again"); } },
    ]);
    await expect(stepCommand("deploy", h.opts, { ...h.env, makeHost: () => host })).rejects.toThrow("asked again");

    const told = host.ofType("explain").filter((e) => e.section === "hint").map((e) => e.markdown).join("\n");
    expect(told).toContain("ROLLBACK_COMPLETE");
    expect(told).toContain(`aws cloudformation delete-stack --region ap-northeast-1 --stack-name ${ctx.names.consumerStack}`);
  });
});

describe("a hint in Japanese", () => {
  it("follows its full-width colon directly (no space after ：)", async () => {
    const h = harness({ opts: { prefix: PREFIX, mode: "hands-on", lang: "ja" } });
    h.env.learnerReachesSandbox = true;
    h.env.env.LANG = "ja_JP.UTF-8";
    await stepCommand("preflight", { ...h.opts, mode: "guided" }, h.env);
    const host = new RecordingHost("ja", true, [
      { match: "どう進めますか", value: "verify", times: 1 },
      { match: "どう進めますか", value: () => { throw new Error("asked again"); } },
    ]);
    await expect(stepCommand("deploy", h.opts, { ...h.env, makeHost: () => host })).rejects.toThrow("asked again");
    const hint = host.ofType("explain").find((e) => e.section === "hint")!.markdown;
    expect(hint).toMatch(/^ヒント 1\/3：テンプレート/);
  });
});
