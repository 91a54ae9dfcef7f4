/**
 * `status` with a challenge in progress: it names the challenge, says it is in progress and gives the challenge
 * commands (for the learner's lesson) instead of "clean up"; the curl step's proof is history, and says the break came after.
 */
import { Chalk } from "chalk";
import { beforeAll, describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { status } from "../../src/commands/status.js";
import { step } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

async function statusDuringChallenge(lang: "en" | "ja") {
  const { h, host } = await copyLab(lab, lang);
  await challenge("start", "empty-house", h.opts, h.env);
  await status(h.opts, h.env);
  const report = host.ofType("status").at(-1)!;
  const text = renderEvent(report, { c: new Chalk({ level: 0 }), t: translator(lang), width: 200, markdown: (md) => md })!;
  return { h, host, report, text };
}

describe("status while a challenge is in progress", () => {
  it("--json: names the challenge, in progress, with its check, fix and give-up commands for this lesson; no clean-up next", async () => {
    const { h, report } = await statusDuringChallenge("en");
    const prefix = h.opts.prefix!;
    expect(report.challenge).toMatchObject({
      id: "empty-house",
      state: "in-progress",
      commands: {
        check: `npx privatelink-lab challenge check --prefix ${prefix} --sandbox`,
        fix: `npx privatelink-lab challenge fix --prefix ${prefix} --sandbox`,
        giveUp: `npx privatelink-lab challenge give-up --prefix ${prefix} --sandbox`,
      },
    });
    expect(report.challenge!.title.length).toBeGreaterThan(0);
    expect(report.next).toBeUndefined();
    // The curl proof is Run Command history: it says the challenge broke the path since.
    const curl = report.steps.find((s) => s.id === "curl")!;
    expect(curl.reason).toBe("status.curlBeforeChallenge");
    expect(curl.text).toContain(report.challenge!.title);
  });

  it("on a terminal, in English and Japanese: the challenge, in progress, and its commands instead of clean-up", async () => {
    for (const lang of ["en", "ja"] as const) {
      const { report, text } = await statusDuringChallenge(lang);
      expect(text, lang).toContain(report.challenge!.title);
      expect(text, lang).toContain(report.challenge!.commands.check);
      expect(text, lang).toContain(report.challenge!.commands.fix);
      expect(text, lang).toContain(report.challenge!.commands.giveUp);
      expect(text, lang).toMatch(lang === "en" ? /in progress/ : /挑戦中/);
      expect(text, lang).not.toContain("step cleanup");
    }
  });

  it("once given up, status shows no challenge and the lesson's next step again", async () => {
    const { h, host } = await copyLab(lab, "en");
    await challenge("start", "empty-house", h.opts, h.env);
    await challenge("give-up", undefined, h.opts, h.env);
    await status(h.opts, h.env);
    const report = host.ofType("status").at(-1)!;
    expect(report.challenge).toBeUndefined();
    expect(report.next?.step).toBeDefined();
    expect(report.steps.find((s) => s.id === "curl")!.reason).toBe("detect.curl.done");
  });

  it("after a give-up that followed a failed check, the curl step says no curl has run since the path was put back, not that the last one failed", async () => {
    for (const lang of ["en", "ja"] as const) {
      const { h, host } = await copyLab(lab, lang);
      await challenge("start", "turned-away", h.opts, h.env);
      // The learner's fix attempt: a new endpoint, not accepted yet; the check's curl through it fails.
      await step("interface-endpoint", h.opts, h.env);
      await expect(challenge("check", undefined, h.opts, h.env)).rejects.toThrow();
      const failed = host.ofType("curl-result").at(-1)!;
      expect(failed.ok, lang).toBe(false);
      // Give-up accepts that endpoint: the build works again, and no curl has run on it.
      await challenge("give-up", undefined, h.opts, h.env);
      await status(h.opts, h.env);
      const curl = host.ofType("status").at(-1)!.steps.find((s) => s.id === "curl")!;
      expect(curl, lang).toMatchObject({ done: false, reason: "detect.curl.beforeGiveUp" });
      expect(curl.text, lang).toContain(failed.dnsName);
      expect(curl.text, lang).toMatch(lang === "en" ? /since give-up put the path back/ : /ギブアップで経路を元に戻してから/);
    }
  });
});
