/**
 * "Stop here" (0) on an 80-column terminal: the line that says how to continue is laid out like every other line the
 * lesson prints, so the command in it stays whole on one row. It was written as one raw line, and the terminal cut it
 * anywhere ("--prefix p" / "ause-it --sandbox"), so a learner copying the row got half a command.
 */
import { afterEach, describe, expect, it } from "vitest";
import { displayWidth } from "../../src/ui/text-width.js";
import { freshLearner } from "../helpers/cli-process.js";
import { TmuxSession } from "../helpers/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const COMMAND = "npx privatelink-lab --prefix pause-it --sandbox";

describe("stopping the lesson at a question, 80×24", () => {
  it.each(["en", "ja"] as const)("%s: the command to continue is whole on one row", async (lang) => {
    const me = freshLearner({ LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" });
    const s = new TmuxSession(me, ["--sandbox", "--sandbox-speed", "instant", "--prefix", "pause-it", "--mode", "guided"], { cols: 80, rows: 24 });
    sessions.push(s);
    await s.waitFor(/^\? /m, 30_000);
    s.keys("0");
    await s.waitFor(lang === "en" ? /Paused/ : /一時停止/, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    const screen = s.visible();
    // Rows as the program wrote them (tmux joins what the terminal itself wrapped): none wider than the terminal.
    const rows = screen.split("\n");
    const row = rows.find((r) => r.includes(COMMAND));
    expect(row, screen).toBeDefined();
    expect(displayWidth(row!), row).toBeLessThanOrEqual(80);
  }, 60_000);
});
