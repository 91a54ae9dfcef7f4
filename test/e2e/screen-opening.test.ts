/**
 * The hands-on opening in the sandbox on an 80×24 terminal: the lines that point a second terminal
 * at the served account stay on screen until the learner goes on (step 0's text, 20 lines, would
 * push them off at once). Without a terminal nothing waits.
 */
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";
import { TmuxSession } from "../helpers/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const ENV_LINE = /eval "\$\(npx privatelink-lab sandbox env\)"/;
const STEP0 = /(Step|ステップ) 0\/\d+/;

describe("the hands-on opening, 80×24", () => {
  it.each(["en", "ja"] as const)("%s: the second terminal's lines are on screen at the first question; step 0 comes after Enter", async (lang) => {
    const me = freshLearner({ LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" });
    const s = new TmuxSession(me, ["--sandbox", "--sandbox-speed", "instant", "--prefix", "opening", "--mode", "hands-on"], { cols: 80, rows: 24 });
    sessions.push(s);
    await s.waitFor(/^\? /m, 30_000);
    await new Promise((r) => setTimeout(r, 300)); // nothing more comes while it waits
    const first = s.visible();
    expect(first, first).toMatch(ENV_LINE);
    expect(first, first).toMatch(/AWS_SECRET_ACCESS_KEY/);
    expect(s.screen()).not.toMatch(STEP0);
    s.keys("Enter");
    await s.waitFor(STEP0, 30_000);
  }, 60_000);

  it("without a terminal: no question, the lesson runs on", () => {
    const r = runCli(freshLearner(), ["--sandbox", "--sandbox-speed", "instant", "--prefix", "piped", "--mode", "hands-on", "--lang", "en"]);
    expect(r.status, r.stderr).toBe(0);
    const before = r.stdout.slice(0, r.stdout.search(STEP0));
    expect(before.length).toBeGreaterThan(0);
    expect(before).not.toMatch(/^\? /m);
  }, 60_000);
});
