/**
 * In the sandbox the real AWS Management Console cannot see the account: a learner who followed its click path would
 * build in their own AWS account, billed, where the lesson never looks. So in guided mode too, "show how" unfolds the
 * AWS CLI alone and says why, and how to type those commands against the sandbox (hands-on serves it); a log (`--yes`,
 * `--json`) gets no console path either, and is told why once.
 */
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { translator } from "../../src/i18n/messages.js";
import { runLesson } from "../../src/lesson/engine.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";
import { UnfoldingLearner } from "../helpers/unfolding-learner.js";

type Lang = "en" | "ja";
/** Step 0's console path (top right of the Management Console) and the choice naming the console. */
const REAL_CONSOLE = { en: /Management Console, choose|in the console and with/, ja: /マネジメントコンソール右上|コンソールと AWS CLI/ } as const;

async function firstTwoSteps(host: RecordingHost, lang: Lang, interactive: boolean): Promise<void> {
  const h = harness({ host, opts: { lang, mode: "guided", yes: !interactive } });
  const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
  await runLesson(ctx, { only: "preflight" });
  await runLesson(ctx, { only: "deploy" });
}

describe.each(["en", "ja"] as const)("guided in the sandbox (%s)", (lang) => {
  const t = translator(lang);
  const why = t("engine.tryCliHandsOn", { why: t("engine.noRealConsoleGuided") });

  it("a learner who unfolds 'show how' gets the AWS CLI they could type, not the console's click path", { timeout: 120_000 }, async () => {
    const learner = new UnfoldingLearner(lang);
    await firstTwoSteps(learner, lang, true);
    expect(learner.ofType("step-finished").map((e) => e.step)).toEqual(["preflight", "deploy"]);
    expect(learner.offered).toContain(t("engine.showCli"));
    expect(learner.offered).not.toContain(t("engine.showReference"));
    expect(learner.ofType("explain").filter((e) => e.section === "cli").map((e) => e.step)).toEqual(["preflight", "deploy"]);
    expect(learner.ofType("explain").filter((e) => e.section === "console")).toEqual([]);
    // Why, and how to run those commands against the sandbox: said with each unfolded reference.
    expect(learner.ofType("notice").filter((n) => n.message === why)).toHaveLength(2);
    expect(why).toContain("--sandbox --mode hands-on");
    expect(learner.screen()).not.toMatch(REAL_CONSOLE[lang]);
    // With no console path above it, the AWS CLI's heading stands on its own (no "the same").
    expect(t("render.cli")).not.toMatch(/same|同じ/);
  });

  it("a log (--yes, --json) gets the AWS CLI and no console path, and is told why once", { timeout: 120_000 }, async () => {
    const log = new RecordingHost(lang, false);
    await firstTwoSteps(log, lang, false);
    expect(log.ofType("explain").filter((e) => e.section === "cli").map((e) => e.step)).toEqual(["preflight", "deploy"]);
    expect(log.ofType("explain").filter((e) => e.section === "console")).toEqual([]);
    expect(log.ofType("notice").filter((n) => n.message === why)).toHaveLength(1);
  });
});
