/**
 * `workshop status` live on a real 80x24 terminal (tmux, the built CLI): the header says how to
 * quit, whole, in both languages; q quits (exit 0; ｑ too, a Japanese input method left on) and Ctrl-C
 * interrupts (exit 130, as the README's exit codes say for SIGINT).
 */
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner } from "../helpers/cli-process.js";
import { TmuxSession } from "../helpers/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

function watch(lang: string, timeZone: string): TmuxSession {
  const s = new TmuxSession(freshLearner({ LANG: lang, TZ: timeZone }), ["workshop", "status", "--sandbox", "--region", "ap-northeast-1"], { cols: 80, rows: 24 });
  sessions.push(s);
  return s;
}

describe("the live `workshop status`", () => {
  it("in Japanese at 80 columns shows how to quit and the local time; q ends it with exit 0", async () => {
    const s = watch("ja_JP.UTF-8", "Asia/Tokyo");
    const screen = await s.waitFor(/q で終了/);
    expect(screen).toMatch(/\d\d:\d\d:\d\d JST/);
    s.keys("q");
    await s.waitFor(/\[exit 0\]/);
  }, 30_000);

  it("ｑ (a Japanese input method left on) ends it as q does", async () => {
    const s = watch("ja_JP.UTF-8", "Asia/Tokyo");
    await s.waitFor(/q で終了/);
    s.type("ｑ");
    await s.waitFor(/\[exit 0\]/);
  }, 30_000);

  it("in English: Ctrl-C ends it with exit 130", async () => {
    const s = watch("en_US.UTF-8", "UTC");
    await s.waitFor(/q to quit/);
    s.keys("C-c");
    await s.waitFor(/\[exit 130\]/);
  }, 30_000);
});
