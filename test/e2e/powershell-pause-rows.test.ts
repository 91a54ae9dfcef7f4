/**
 * A PowerShell learner (`--shell powershell`) at a narrow terminal stops the lesson: "0 Stop here", or Ctrl-C at the
 * question. The command to continue does not fit on one row, and the rows, copied from the screen, must paste into
 * PowerShell as that one command: continued with a backtick, not bash's ` \` (PowerShell would run the first row alone).
 */
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner } from "../helpers/cli-process.js";
import { TmuxSession } from "../helpers/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const COMMAND = "npx privatelink-lab --prefix ps-pause-rows --sandbox";

/** The screen as PowerShell reads it pasted: a row ending in ` \`` goes on with the next. */
const pasted = (screen: string) => screen.replace(/ `\n\s*/g, " ");

describe("a PowerShell learner stops the lesson, 40×30", () => {
  it.each([
    ["en", "0", /Paused/],
    ["ja", "0", /一時停止/],
    ["en", "C-c", /Stopped/],
  ] as const)("%s, %s: the command to continue pastes as one", async (lang, key, said) => {
    const me = freshLearner({ LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" });
    const s = new TmuxSession(me, ["--sandbox", "--sandbox-speed", "instant", "--prefix", "ps-pause-rows", "--mode", "guided", "--shell", "powershell"], { cols: 40, rows: 30 });
    sessions.push(s);
    await s.waitFor(/^\? /m, 30_000);
    s.keys(key);
    await s.waitFor(said, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    const screen = s.visible();
    expect(screen.split("\n").filter((r) => r.endsWith(" \\")), screen).toEqual([]);
    expect(pasted(screen), screen).toContain(COMMAND);
  }, 60_000);
});
