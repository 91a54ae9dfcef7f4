/**
 * `sandbox serve` with no --region serves in the region of the lesson the learner made in the sandbox
 * (so `aws ec2 describe-vpcs` in the served shell shows its VPCs); --region still decides when given.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sandboxServe } from "../../src/commands/sandbox-serve.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

/** A learner who ran `step preflight --sandbox --region eu-west-1`; then `sandbox serve --json` (and `more` flags) in the same home. */
async function servedAfterLesson(more: { region?: string } = {}): Promise<string> {
  const h = harness({ opts: { region: "eu-west-1" } });
  await stepCommand("preflight", h.opts, h.env);
  const host = new RecordingHost();
  const env = { ...h.env.env, PRIVATELINK_LAB_SANDBOX_FILE: join(mkdtempSync(join(tmpdir(), "pll-serve-")), "account.json") };
  await sandboxServe({ json: true, port: "0", ...more }, { ...h.env, env, makeHost: () => host }, Promise.resolve());
  return host.ofType("sandbox-served").at(-1)!.region;
}

describe("sandbox serve's region", () => {
  it("is the sandbox lesson's region when --region is not given", async () => {
    expect(await servedAfterLesson()).toBe("eu-west-1");
  });

  it("is --region when given", async () => {
    expect(await servedAfterLesson({ region: "ap-northeast-1" })).toBe("ap-northeast-1");
  });
});
