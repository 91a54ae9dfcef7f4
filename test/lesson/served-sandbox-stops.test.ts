/**
 * Hands-on in the sandbox, using a `sandbox serve` the lesson did not start: when that server stops mid-lesson, the lesson
 * notices by itself (its door watches the server), even while the learner is away typing the shown commands, and at the
 * latest the next moment the learner is told to type commands (or picks "I did it myself — verify"); it says so in their
 * language and serves the account itself, on the same port when free (their second terminal then works as it is),
 * else elsewhere with the lines to set the terminal up again. What the lesson served closes with it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { start } from "../../src/commands/start.js";
import { translator } from "../../src/i18n/messages.js";
import type { Choice } from "../../src/ui/io-host.js";
import { RecordingHost } from "../helpers/recording-host.js";
import { closeDoor, learnerCanAct, reopenIfStopped } from "../../src/lesson/learner-door.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import { sandboxAnswers } from "../../src/sandbox/serve/running.js";
import { harness } from "../helpers/lesson-harness.js";
import { block, noticesIn, openedDoor, portOf, startServe, type Lang, type Served } from "../helpers/served-lesson.js";

/** A hands-on run using the account's `sandbox serve`, which is running. */
async function usingServe(lang: Lang) {
  const dir = mkdtempSync(join(tmpdir(), "pll-serve-stops-"));
  const h = harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state") });
  const serve = await startServe(h, dir, { port: "0", region: "ap-northeast-1" });
  const ctx = await openedDoor(h, { lang });
  expect(h.host.ofType("served").at(-1)!.lastTime).toBe("running");
  return { h, ctx, serve };
}

describe.each<Lang>(["en", "ja"])("the `sandbox serve` the lesson uses stops mid-lesson (%s)", (lang) => {
  const t = translator(lang);

  it("before the next step's commands: said, and the lesson serves the account at the same address until it ends", async () => {
    const { h, ctx, serve } = await usingServe(lang);
    try {
      // Still answering: nothing is said.
      const quiet = h.host.events.length;
      expect(await learnerCanAct(ctx)).toBe(true);
      expect(h.host.events.length).toBe(quiet);

      // Said once, by whichever notices first: the door's watch, or the check before the next step's commands.
      const from = h.host.events.length;
      await serve.stop();
      expect(await learnerCanAct(ctx)).toBe(true);
      expect(noticesIn(h.host.events.slice(from))).toEqual([`${t("sandbox-env.lesson.serveStopped", { url: serve.url })} ${t("sandbox-env.lesson.servedInstead")}`]);
      expect(await sandboxAnswers(serve.url)).toBe(true);
      // Served by the lesson now: nothing more to check or say.
      expect(await reopenIfStopped(ctx)).toBe(false);
    } finally {
      await closeDoor(ctx);
      await serve.stop();
    }
    expect(noticesIn(h.host.events).at(-1)).toContain(lang === "en" ? "stopped with the lesson" : "レッスンの終了とともに");
    expect(await sandboxAnswers(serve.url)).toBe(false);
  });

  it("checked at verify (reopenIfStopped), its port taken meanwhile: said, and the new address with the lines to set the terminal up again", async () => {
    const { h, ctx, serve } = await usingServe(lang);
    const from = h.host.events.length;
    await serve.stop();
    // Taken before the lesson can serve there (the door's watch has yet to hear that it stopped, and ask).
    const taken = await block(portOf(serve.url));
    try {
      // The watch's takeover, under way or done, counts: it stopped since the lesson last asked.
      expect(await reopenIfStopped(ctx)).toBe(true);
      const events = h.host.events.slice(from);
      expect(noticesIn(events)[0]).toBe(t("sandbox-env.lesson.serveStopped", { url: serve.url }));
      const served = events.find((e): e is Served => e.type === "served")!;
      expect(served.url).not.toBe(serve.url);
      // On the account's own port (or any): either way, set up again.
      expect(["moved", "movedBack"]).toContain(served.lastTime);
      expect(await sandboxAnswers(served.url)).toBe(true);
      expect(await learnerCanAct(ctx)).toBe(true);
    } finally {
      await closeDoor(ctx);
      await taken.free();
    }
  });
});

/** A learner at the first step: `sandbox serve` stops while they type, they pick verify, then let the tool do it; they stop at the next step. */
class Learner extends RecordingHost {
  private picks = 0;
  constructor(
    lang: Lang,
    private readonly serveStops: () => Promise<void>,
  ) {
    super(lang, true);
  }
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    if (message !== translator(this.lang)("engine.howToDo")) return super.select(message, choices, defaultValue);
    this.picks += 1;
    if (this.picks > 2) throw Object.assign(new Error("User force closed the prompt"), { name: "ExitPromptError" });
    const pick = (v: string) => choices.find((c) => c.value === (v as unknown))!.value;
    if (this.picks === 1) await this.serveStops();
    return pick(this.picks === 1 ? "verify" : "guided");
  }
}

describe.each<Lang>(["en", "ja"])("picking verify after the `sandbox serve` stopped (%s)", (lang) => {
  it("the lesson says it stopped and serves the account again at its address, and asks again without a 'not yet'", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-serve-stops-"));
    const h = harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state"), opts: { mode: "hands-on", yes: false, lang } });
    const serve = await startServe(h, dir, { port: "0", region: "ap-northeast-1" });
    const learner = new Learner(lang, () => serve.stop());
    try {
      await expect(start(h.opts, { ...h.env, makeHost: () => learner })).rejects.toMatchObject({ name: "ExitPromptError" });
    } finally {
      await serve.stop();
    }
    const t = translator(lang);
    const notices = noticesIn(learner.events);
    expect(notices).toContain(`${t("sandbox-env.lesson.serveStopped", { url: serve.url })} ${t("sandbox-env.lesson.servedInstead")}`);
    expect(notices.filter((n) => n.startsWith(t("engine.notYet", { why: "" })))).toEqual([]);
    // The step was then done by the tool, and the lesson's server closed with the run.
    expect(learner.ofType("step-finished").map((e) => e.step)).toContain(learner.ofType("step-started")[0]!.step);
    expect(await sandboxAnswers(serve.url)).toBe(false);
  });
});

/**
 * A learner who unfolded the commands and is typing them in their second terminal: the `sandbox serve` stops while the
 * question waits for them. What the lesson had said, and whether the address answered, before they came back; then they
 * pick verify, and stop at the question after.
 */
class TypingLearner extends RecordingHost {
  private picks = 0;
  /** Before the learner answered again: what was said, and whether their terminal's address answered. */
  whileAway?: { notices: string[]; answered: boolean };
  constructor(
    lang: Lang,
    private readonly serve: { url: string; stop: () => Promise<void> },
  ) {
    super(lang, true);
  }
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    if (message !== translator(this.lang)("engine.howToDo")) return super.select(message, choices, defaultValue);
    this.picks += 1;
    const pick = (v: string) => choices.find((c) => c.value === (v as unknown))!.value;
    if (this.picks === 1) return pick("show");
    if (this.picks > 2) throw Object.assign(new Error("User force closed the prompt"), { name: "ExitPromptError" });
    await this.serve.stop();
    const said = () => noticesIn(this.events).some((n) => n.includes(this.serve.url));
    // The learner is away, in their other terminal: the lesson has until they give up waiting to notice by itself.
    await vi.waitFor(() => expect(said()).toBe(true), { timeout: 10_000 }).catch(() => undefined);
    this.whileAway = { notices: noticesIn(this.events), answered: await sandboxAnswers(this.serve.url) };
    return pick("verify");
  }
}

describe.each<Lang>(["en", "ja"])("the `sandbox serve` stops while the learner types the shown commands (%s)", (lang) => {
  it("the lesson notices without being asked: says so once and serves the account at the same address; verify then asks again without a 'not yet'", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-serve-stops-"));
    const h = harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state"), opts: { mode: "hands-on", yes: false, lang } });
    const serve = await startServe(h, dir, { port: "0", region: "ap-northeast-1" });
    const learner = new TypingLearner(lang, serve);
    try {
      await expect(start(h.opts, { ...h.env, makeHost: () => learner })).rejects.toMatchObject({ name: "ExitPromptError" });
    } finally {
      await serve.stop();
    }
    const t = translator(lang);
    const said = `${t("sandbox-env.lesson.serveStopped", { url: serve.url })} ${t("sandbox-env.lesson.servedInstead")}`;
    expect(learner.whileAway?.notices).toContain(said);
    expect(learner.whileAway?.answered).toBe(true);
    const notices = noticesIn(learner.events);
    expect(notices.filter((n) => n === said)).toHaveLength(1);
    expect(notices.filter((n) => n.startsWith(t("engine.notYet", { why: "" })))).toEqual([]);
    // The lesson's server closed with the run.
    expect(await sandboxAnswers(serve.url)).toBe(false);
  });
});
