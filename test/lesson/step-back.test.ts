/**
 * `step <id>` on an earlier step the cloud shows done: the learner is told they go back to step N (as the lesson loop
 * says when it goes back), that the text describes the account before that step, and where the lesson continues;
 * the allow-http text does not claim that no rule lets the instance in when one does.
 */
import { describe, expect, it } from "vitest";
import { step as stepCommand } from "../../src/commands/step.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const UP_TO_CURL = ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept"];

async function builtToCurl(lang: "en" | "ja") {
  const h = harness({ opts: { prefix: "back", mode: "guided", lang } });
  for (const id of UP_TO_CURL) await stepCommand(id, h.opts, h.env);
  const host = new RecordingHost(lang);
  await stepCommand("allow-http", h.opts, { ...h.env, makeHost: () => host });
  return host;
}

describe("step <id> going back to a step already done", () => {
  it("says it goes back to step 5, that it is done, and that the lesson continues at step 7", async () => {
    const host = await builtToCurl("en");
    const notices = host.ofType("notice").map((n) => n.message);
    expect(notices.some((m) => m.startsWith("Back to step 5 (") && m.includes("already done"))).toBe(true);
    expect(notices.some((m) => m.includes("continues from step 7 ("))).toBe(true);
    // Said before the step is taught again.
    const said = host.events.findIndex((e) => e.type === "notice" && e.message.startsWith("Back to step 5"));
    expect(said).toBeLessThan(host.events.findIndex((e) => e.type === "step-started"));
  });

  it("in Japanese too, and the concept does not say no rule admits the instance", async () => {
    const host = await builtToCurl("ja");
    expect(host.ofType("notice").some((n) => n.message.startsWith("ステップ 5（") && n.message.includes("もう済んでいます"))).toBe(true);
    const concept = host.ofType("explain").find((e) => e.section === "concept")!.markdown;
    expect(concept).not.toContain("を通すルールはない");
  });
});
