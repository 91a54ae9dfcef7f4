/**
 * A guided lesson stopped while its endpoint was still `pending` (Ctrl-C or a kill during the wait), run again: the
 * wait it picks up names the step it waits for (on a line of its own, whole), and never speaks of the hands-on learner's tries ("no hint used"): no
 * hint exists in guided mode, and the line comes before any step is on screen.
 */
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { start } from "../../src/commands/start.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { loadStep } from "../../src/content/lesson-content.js";
import { translator } from "../../src/i18n/messages.js";
import { ourEndpoint, readCloud } from "../../src/lesson/cloud-view.js";
import type { Spinner } from "../../src/ui/io-host.js";
import { byHandSteps } from "../helpers/by-hand-steps.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const PREFIX = "again";

/** A learner who stops at the first question after the wait, and whose screen keeps the lines each wait ends with. */
class FinishedWaits extends RecordingHost {
  readonly started: string[] = [];
  readonly finished: string[] = [];
  override spinner(step: string, text: string): Spinner {
    super.spinner(step, text);
    this.started.push(text);
    return { update: () => undefined, succeed: (t) => void this.finished.push(t ?? text), fail: () => undefined, stop: () => undefined };
  }
}

describe.each(["en", "ja"] as const)("guided, run again while the endpoint it made is still pending (%s)", (lang) => {
  it("waits for it under the step's name, with no word of hints", async () => {
    const t = translator(lang);
    const h = harness({ speed: 0.1, opts: { prefix: PREFIX, mode: "guided", lang } });
    for (const id of ["preflight", "deploy", "tour", "endpoint-service"]) await stepCommand(id, h.opts, h.env);
    // The endpoint's create went through, then the process died before its wait was over.
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    await byHandSteps(PREFIX)["interface-endpoint"]!(ctx);
    expect(ourEndpoint(await readCloud(ctx.clients, ctx.names))?.state).toBe("pending");

    const host = new FinishedWaits(lang, true, [{ match: t("engine.runAsk"), value: "stop" }]);
    await start(h.opts, { ...h.env, makeHost: () => host }).catch(() => undefined);
    const title = loadStep("privatelink", "interface-endpoint", lang).title;
    const screen = [...host.started, ...host.finished];
    expect(screen.filter((l) => l.includes(t("handsOnFixes.settling")) || l.includes(t("handsOnFixes.settled")))).toEqual([]);
    // The step it waits for is named whole on a line of its own; the spinner's line keeps to the wait (it cut the title at 80 columns).
    expect(host.ofType("notice").filter((n) => n.message === t("engine.resumeSettlingWhy", { title }))).toHaveLength(1);
    expect(host.started.filter((l) => l.startsWith(t("engine.resumeSettling")) && !l.includes(title))).toHaveLength(1);
    const done = host.finished.filter((l) => l.startsWith(t("engine.resumeSettled", { title })));
    expect(done).toHaveLength(1);
    expect(done[0]).toMatch(lang === "en" ? / \(\d+s\)$/ : /（\d+ 秒）$/);
  }, 60_000);
});

describe.each(["en", "ja"] as const)("run again while both stacks it started are still being created (%s)", (lang) => {
  it("waits for them under the step's name and goes on, instead of teaching the step and asking to run it again", async () => {
    const t = translator(lang);
    const h = harness({ speed: 0.1, opts: { prefix: PREFIX, mode: "guided", lang } });
    await stepCommand("preflight", h.opts, h.env);
    // Both create-stack calls went through, then the process died during the wait.
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    await byHandSteps(PREFIX).deploy!(ctx);
    expect((await readCloud(ctx.clients, ctx.names)).consumer?.status).toBe("CREATE_IN_PROGRESS");

    const host = new FinishedWaits(lang, true, [{ match: t("engine.runAsk"), value: "stop" }, { match: t("engine.continueAsk"), value: "stop" }]);
    await start(h.opts, { ...h.env, makeHost: () => host }).catch(() => undefined);
    const title = loadStep("privatelink", "deploy", lang).title;
    expect(host.finished.filter((l) => l.startsWith(t("engine.resumeSettled", { title })))).toHaveLength(1);
    expect(host.ofType("step-started").map((e) => e.step)).not.toContain("deploy");
    expect(host.ofType("step-finished").find((e) => e.step === "deploy")).toMatchObject({ status: "already-done" });
  }, 60_000);
});
