/**
 * A learner's progress file is lost and their shell now names another Region (AWS_REGION): with no Region saved, the
 * lesson opens in that Region, not their lab's. IAM is global: their role already exists, their stacks are in the first
 * Region. The preflight stops before anything is created and says where the lab is, with the command that continues it
 * there, the one that deletes it, and another prefix for a new lab here. (With no Region named at all, the sandbox finds
 * the lab where it is: test/lesson/sandbox-lab-region.test.ts.)
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GlobalOptions } from "../../src/commands/options.js";
import { start } from "../../src/commands/start.js";
import { step } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

/** The same command line without `--region`: the Region comes from the progress file, else the language. */
function withoutRegion(opts: GlobalOptions): GlobalOptions {
  const { region: _, ...rest } = opts;
  return rest;
}

/** alice's lab deployed in us-east-1, her progress file lost, then the lesson run again in Japanese with AWS_REGION=ap-northeast-1. */
async function lostProgressThenJapanese(): Promise<{ h: Harness; err: unknown; from: number }> {
  const h = harness({ opts: { region: "us-east-1" } });
  for (const id of ["preflight", "deploy"]) await step(id, h.opts, h.env);
  rmSync(join(h.stateDir, "participants", "alice.json"));
  h.env.env = { LANG: "ja_JP.UTF-8", AWS_REGION: "ap-northeast-1" };
  const from = h.sandbox.calls.length;
  const err = await start(withoutRegion(h.opts), h.env).then(() => undefined, (e: unknown) => e);
  return { h, err, from };
}

describe("a lab of this prefix in another Region", () => {
  it("stops before creating anything and says where the lab is and how to continue, delete or choose another prefix", async () => {
    const { h, err, from } = await lostProgressThenJapanese();
    const ja = reportError(err, translator("ja"));
    expect(ja.key).toBe("doctor.name.elsewhere");
    expect(ja.message).toContain("プレフィックス alice のラボは、すでにリージョン us-east-1 にあります（スタック alice-consumer, alice-provider）。今回のリージョンは ap-northeast-1 です。");
    expect(ja.hint).toContain("`npx privatelink-lab --prefix alice --region us-east-1 --sandbox`");
    expect(ja.hint).toContain("`npx privatelink-lab destroy --prefix alice --region us-east-1 --sandbox`");
    expect(ja.hint).toContain("--prefix alice-2");
    const en = reportError(err, translator("en"));
    expect(en.message).toContain("A lab with the prefix alice already exists in Region us-east-1 (stacks alice-consumer, alice-provider); this run is in ap-northeast-1.");
    expect(en.hint).toContain("To continue that lab, run `npx privatelink-lab --prefix alice --region us-east-1 --sandbox`.");
    expect(h.sandbox.calls.slice(from).filter((c) => /^(Create|Run)/.test(c.command) && !c.dryRun)).toEqual([]);
  });

  it("the command it gives continues the lab in its Region", async () => {
    const { h } = await lostProgressThenJapanese();
    await step("tour", { ...h.opts, region: "us-east-1" }, h.env);
    expect(h.host.ofType("step-finished").at(-1)).toMatchObject({ step: "tour", status: "done" });
  });
});
