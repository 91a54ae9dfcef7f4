/**
 * Both stacks deleted midway: the cloud cannot tell this learner from one who finished, but the
 * progress file can (a hint, not proof). `status` and `start` say the lab is gone, how far they
 * had got, and that `--restart` builds it again from the first step — not "finished" or "deleted"
 * as if the lesson were done. A finished lesson, or no progress at all, reads as before.
 */
import { describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { start } from "../../src/commands/start.js";
import { status } from "../../src/commands/status.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { stoppedAt } from "../../src/lesson/progress.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { freshState } from "../../src/state/schema.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

describe("a learner who deleted the lab midway", () => {
  it.each(["en", "ja"] as const)("%s: status and start say it is gone and begins again, not finished", async (lang) => {
    const h = harness({ host: new RecordingHost(lang), opts: { prefix: "half", mode: "guided", lang, yes: true } });
    for (const id of ["preflight", "deploy", "tour", "endpoint-service"]) await stepCommand(id, h.opts, h.env);
    await destroy(h.opts, h.env);
    const t = translator(lang);
    const midway = t("texts.stoppedMidway", { n: 3, title: lang === "ja" ? "提供する側：エンドポイントサービスを作る" : "Provider side: create an endpoint service", restart: "npx privatelink-lab --restart --prefix half --sandbox" });

    await status(h.opts, h.env);
    const report = h.host.ofType("status").at(-1)!;
    expect(report.finished).toBeUndefined();
    expect(report.next).toMatchObject({ step: "preflight", command: "npx privatelink-lab --restart", text: midway });
    // The steps after the one reached are not shown as done (the cleanup only passed them).
    const row = (id: string) => report.steps.find((st) => st.id === id)!;
    expect(row("deploy")).toMatchObject({ done: true });
    expect(row("tour")).toMatchObject({ done: true });
    expect(row("endpoint-service")).toMatchObject({ done: true });
    expect(row("interface-endpoint")).toMatchObject({ done: false, text: t("texts.notReached") });
    expect(row("curl")).toMatchObject({ done: false, current: false, text: t("texts.notReached") });
    expect(row("review")).toMatchObject({ done: false, text: t("texts.notReached") });

    const built = h.host.ofType("resource-created").length;
    await start(h.opts, h.env);
    const said = h.host.ofType("notice").map((n) => n.message);
    expect(said).toContain(midway);
    expect(said).not.toContain(t("start.cleanedUp"));
    // Nothing was built again without --restart.
    expect(h.host.ofType("resource-created")).toHaveLength(built);
  });
});

describe("a learner who stopped at the quiz and deleted the lab", () => {
  it.each(["en", "ja"] as const)("%s: status shows the quiz not done, where the notice says they stopped", { timeout: 120_000 }, async (lang) => {
    const t = translator(lang);
    const host = new RecordingHost(lang, false, [{ match: t("engine.quizAsk"), value: "stop" }]);
    const h = harness({ host, opts: { prefix: "quiz", mode: "guided", lang, yes: true } });
    await expect(start(h.opts, h.env)).rejects.toMatchObject({ key: "engine.paused" });
    await destroy(h.opts, h.env);

    await status(h.opts, h.env);
    const report = h.host.ofType("status").at(-1)!;
    const at = STEPS.findIndex((s) => s.id === "review");
    expect(report.next?.text).toBe(t("texts.stoppedMidway", { n: at, title: report.steps[at]!.title, restart: "npx privatelink-lab --restart --prefix quiz --sandbox" }));
    expect(report.steps[at]).toMatchObject({ id: "review", done: false, text: t("detect.review.todo") });
    // What they did before it stays done.
    expect(report.steps.find((st) => st.id === "curl")).toMatchObject({ done: true });
  });
});

describe("what the progress file says", () => {
  const state = () => freshState("half", "us-east-1", "sandbox", { at: new Date(0).toISOString(), lang: "en", mode: "guided" });
  it("finished (quiz taken or review marked): not stopped midway", () => {
    const quiz = { ...state(), taught: ["deploy", "curl"], quiz: { score: 3, total: 4, at: "x" } };
    expect(stoppedAt(STEPS, quiz)).toBeUndefined();
    const reviewed = { ...state(), taught: ["deploy"], marks: { review: "x" } };
    expect(stoppedAt(STEPS, reviewed)).toBeUndefined();
  });
  it("no progress at all (no file, or only destroy's mark): nothing to say", () => {
    expect(stoppedAt(STEPS, state())).toBeUndefined();
    expect(stoppedAt(STEPS, { ...state(), marks: { cleanup: "x", cleanupStarted: "x" } })).toBeUndefined();
  });
  it("the furthest step reached", () => {
    expect(stoppedAt(STEPS, { ...state(), taught: ["deploy", "deploy/nlb", "curl", "tour"], marks: { preflight: "x" } })).toBe(STEPS.findIndex((s) => s.id === "curl"));
    // A step announced as already done shows its notes, not its concept.
    expect(stoppedAt(STEPS, { ...state(), taught: ["deploy", "accept/pending"] })).toBe(STEPS.findIndex((s) => s.id === "accept"));
  });
});
