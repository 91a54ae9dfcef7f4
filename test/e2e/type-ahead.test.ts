/**
 * Keys a learner presses while the lesson waits (Enter, a digit, out of impatience) are not kept
 * for the next question: it still waits for an answer given after it was asked, and the wait's
 * spinner leaves no copy of itself behind (an Enter echoed by the terminal moved the line it
 * redraws). Found in QA of the packed package at 80×24: two Enters during the deploy's wait left
 * two stale spinner lines and answered the tour's "Continue?" before it was on screen.
 */
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";
import { TmuxSession } from "../helpers/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const SPINNER_FRAME = /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Deploying the Consumer and Provider stacks/m;

describe("keys pressed during a wait", () => {
  it("are not an answer to the next question, and leave no spinner line behind", async () => {
    const me = freshLearner();
    const r = runCli(me, ["step", "preflight", "--sandbox", "--yes", "--prefix", "ahead"]);
    expect(r.status, r.stderr).toBe(0);
    const s = new TmuxSession(me, ["--sandbox", "--prefix", "ahead", "--sandbox-speed", "0.05"], { cols: 80, rows: 24 });
    sessions.push(s);
    await s.waitFor(/Step 1\/9[\s\S]*\? Run this step now\?/);
    s.keys("1");
    await s.waitFor(SPINNER_FRAME);
    // Impatience: Enter, a digit, Enter again, while the stacks are being deployed.
    for (const key of ["Enter", "1", "Enter"]) {
      s.keys(key);
      await new Promise((done) => setTimeout(done, 400));
    }
    await s.waitFor(/Consumer and Provider stacks deployed/, 60_000);
    await s.waitFor(/Step 2\/9[\s\S]*[?✔] Continue\?/);
    await new Promise((done) => setTimeout(done, 1500));
    const screen = s.screen();
    expect(screen, "the tour's question answered by keys pressed before it was asked").not.toMatch(/✔ Continue\?/);
    expect(screen.match(new RegExp(SPINNER_FRAME.source, "gm")) ?? [], "spinner lines left behind").toEqual([]);
    s.keys("0");
    const stopped = await s.waitFor(/\[exit \d+\]/);
    expect(stopped).toContain("[exit 0]");
  }, 120_000);

  it("Ctrl-C during a wait still stops the lesson when nothing asked a question before it (-y)", async () => {
    const me = freshLearner();
    const r = runCli(me, ["step", "preflight", "--sandbox", "--yes", "--prefix", "ahead-y"]);
    expect(r.status, r.stderr).toBe(0);
    const s = new TmuxSession(me, ["--sandbox", "--prefix", "ahead-y", "--sandbox-speed", "0.05", "--yes"], { cols: 80, rows: 24 });
    sessions.push(s);
    await s.waitFor(SPINNER_FRAME);
    s.keys("C-c");
    const stopped = await s.waitFor(/\[exit \d+\]/, 30_000);
    expect(stopped).toContain("[exit 130]");
  }, 60_000);
});
