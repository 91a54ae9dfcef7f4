/**
 * In the sandbox the Region is never asked: it is the language's (English: us-east-1, Japanese: ap-northeast-1). A
 * learner who built in English, whose progress file was then damaged or lost, and who comes back in Japanese was shown
 * an empty lesson ("the stacks do not exist yet", step 0 next) read in ap-northeast-1, although the file's warning says
 * the progress is rebuilt from the cloud; the lesson then refused at preflight with its stacks "in us-east-1". The lab
 * is now found where the sandbox account has it, and said so. Found by QA resuming with a damaged progress file.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSession, participantState } from "../../src/commands/session.js";
import { status } from "../../src/commands/status.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const BUILT = ["preflight", "deploy", "tour", "endpoint-service"];

/** Built in `built` (the sandbox's Region for it), then the progress file damaged or lost; `status` run again in `lang`. */
async function backAfter(damage: "corrupt" | "lost", built: "en" | "ja", lang: "en" | "ja", region?: string) {
  const h = harness({ opts: { prefix: "moved", mode: "guided", lang: built, region: undefined } });
  for (const id of BUILT) await stepCommand(id, h.opts, h.env);
  const file = join(h.stateDir, "participants", "moved.json");
  if (damage === "corrupt") writeFileSync(file, '{"schema": 2, "prefix": "mov');
  else rmSync(file);
  const host = new RecordingHost(lang);
  await status({ ...h.opts, lang, region }, { ...h.env, makeHost: () => host });
  const report = host.ofType("status")[0]!;
  const done = Object.fromEntries(report.steps.map((s) => [s.id, s.done]));
  return { host, done, notices: host.ofType("notice").map((n) => n.message), t: translator(lang) };
}

describe.each([
  ["en", "us-east-1", "ja"],
  ["ja", "ap-northeast-1", "en"],
] as const)("a sandbox lab built in %s (%s), its progress file gone, back in %s", (built, where, lang) => {
  it.each(["corrupt", "lost"] as const)("progress file %s: status finds the lab where it is and says so", async (damage) => {
    const { done, notices, t } = await backAfter(damage, built, lang);
    expect(done).toMatchObject({ deploy: true, "endpoint-service": true });
    expect(notices).toContain(t("session.labFoundIn", { region: where }));
    expect(notices.some((n) => n.startsWith(t("session.corruptRegion", { region: "\u0000" }).split("\u0000")[0]!))).toBe(false);
  });
});

describe("a Region the learner names is kept", () => {
  it("--region ap-northeast-1: read there (nothing of the lab), not moved to us-east-1", async () => {
    const { done, notices, t } = await backAfter("corrupt", "en", "ja", "ap-northeast-1");
    expect(done).toMatchObject({ deploy: false });
    expect(notices).not.toContain(t("session.labFoundIn", { region: "us-east-1" }));
  });
});

describe("the prefix question after the progress file was lost, the lab in the other language's Region", () => {
  it("offers the last prefix, so Enter continues that lab", async () => {
    const h = harness({ opts: { prefix: "moved", mode: "guided", lang: "en", region: undefined } });
    for (const id of BUILT) await stepCommand(id, h.opts, h.env);
    rmSync(join(h.stateDir, "participants", "moved.json"));
    const { prefix: _, ...noPrefix } = { ...h.opts, lang: "ja" };
    const host = new RecordingHost("ja", true);
    const env = { ...h.env, makeHost: () => host };
    const { state } = await participantState(noPrefix, env, await openSession(noPrefix, env), true);
    expect(host.questions).toContain(translator("ja")("session.askPrefix"));
    expect(state).toMatchObject({ prefix: "moved", region: "us-east-1" });
  });
});

describe.each(["en", "ja"] as const)("a sandbox lab, its progress file damaged, status run without --sandbox and no AWS credentials (%s)", (lang) => {
  it("uses the sandbox that holds the lab and says so, instead of offering the sandbox as if there were none", async () => {
    const h = harness({ opts: { prefix: "moved", mode: "guided", lang } });
    for (const id of BUILT) await stepCommand(id, h.opts, h.env);
    writeFileSync(join(h.stateDir, "participants", "moved.json"), '{"schema": 2, "prefix": "mov');
    const t = translator(lang);
    // Interactive: the old way asked "practise in the sandbox?" as if there were no lab there.
    const host = new RecordingHost(lang, true, [{ match: t("session.offerSandbox"), value: false }]);
    await status({ ...h.opts, sandbox: undefined }, { ...h.env, makeHost: () => host });
    const notices = host.ofType("notice").map((n) => n.message);
    expect(notices).toContain(t("session.labInSandbox"));
    expect(notices).not.toContain(t("session.noCredentials"));
    const done = Object.fromEntries(host.ofType("status")[0]!.steps.map((s) => [s.id, s.done]));
    expect(done).toMatchObject({ deploy: true, "endpoint-service": true });
  });
});
