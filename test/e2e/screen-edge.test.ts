/**
 * Messages written outside the lesson's own rendering — an error at the edge, a usage error, the Ctrl-C notice —
 * on a real 80×24 terminal (tmux): no line wider than the terminal (tmux's own screen, joined where
 * the terminal folded a line, so a line the terminal had to cut counts as too wide, but a lone
 * unbroken token such as an ARN or a path, printed whole for the terminal to fold), commands whole
 * on one line, and the Ctrl-C notice naming the learner's complete delete command, the same one
 * as the lesson's goodbye. And `--help` on a 60-column terminal: each description wrapped under its own column.
 */
import stringWidth from "string-width";
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner } from "../helpers/cli-process.js";
import { linesTooWide, TmuxSession } from "../helpers/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const SIZE = { cols: 80, rows: 24 };
const LANGS = { en: "en_US.UTF-8", ja: "ja_JP.UTF-8" } as const;

function tooWide(screen: string): string[] {
  return linesTooWide(screen, SIZE.cols);
}

/** The screen once the CLI, run with `args` by a fresh learner, has exited. */
function exited(LANG: string, args: string[]): Promise<string> {
  const s = new TmuxSession(freshLearner({ LANG }), args, SIZE);
  sessions.push(s);
  return s.waitFor(/\[exit \d+\]/);
}

describe("messages at the edge, on an 80-column terminal", () => {
  for (const [lang, LANG] of Object.entries(LANGS)) {
    it(`${lang}: \`sandbox env\` with no server running is wrapped, its commands whole`, async () => {
      const screen = await exited(LANG, ["sandbox", "env"]);
      expect(tooWide(screen), screen).toEqual([]);
      expect(screen, screen).toContain("npx privatelink-lab sandbox serve");
      expect(screen, screen).toContain("npx privatelink-lab --sandbox --mode hands-on");
    }, 30_000);

    it(`${lang}: a mistyped command (a usage error) is wrapped like every other error, exit 2`, async () => {
      const screen = await exited(LANG, ["statu"]);
      expect(tooWide(screen), screen).toEqual([]);
      expect(screen, screen).toContain("`status`");
      expect(screen, screen).toContain("[exit 2]");
    }, 30_000);

    it(`${lang}: Ctrl-C in the lesson says how to go on and how to delete, wrapped, with the learner's whole delete command`, async () => {
      const me = freshLearner({ LANG });
      const s = new TmuxSession(me, ["--sandbox", "--sandbox-speed", "instant", "--prefix", "edge", "--mode", "guided"], SIZE);
      sessions.push(s);
      await s.waitFor(lang === "ja" ? /このステップをいま実行しますか？/ : /Run this step now\?/, 30_000);
      s.keys("C-c");
      const screen = await s.waitFor(/\[exit \d+\]/);
      expect(tooWide(screen), screen).toEqual([]);
      const after = screen.slice(screen.lastIndexOf(lang === "ja" ? "中断しました" : "Stopped."));
      expect(after, screen).toContain("npx privatelink-lab destroy --prefix edge --sandbox");
      // Every delete command on screen is the same, complete one.
      for (const m of screen.matchAll(/privatelink-lab destroy[^\n`]*/g)) expect(m[0]).toMatch(/^privatelink-lab destroy --prefix edge --sandbox/);
    }, 60_000);

    it(`${lang}: \`workshop serve\` shows the facilitator's join line whole on one line`, async () => {
      const me = freshLearner({ LANG });
      const s = new TmuxSession(me, ["workshop", "serve", "--count", "2"], SIZE);
      sessions.push(s);
      const screen = await s.waitFor(/Ctrl-C/, 30_000);
      expect(tooWide(screen), screen).toEqual([]);
      expect(screen, screen).toMatch(/^ *eval "\$\(npx privatelink-lab join http:\/\/127\.0\.0\.1:\d+\/join\/[\w-]+\)"$/m);
    }, 30_000);
  }
});

/**
 * The wrapped lines of a help screen's items (arguments, options, commands: before the examples), and those of them
 * that do not start under their item's description column, each as "item | line".
 */
function wrappedDescriptions(screen: string): { wrapped: number; off: string[] } {
  const lines = screen.split("\n");
  const end = lines.findIndex((l) => /^(?:Examples|例)[:：]$/.test(l));
  const off: string[] = [];
  let column = -1;
  let item = "";
  let wrapped = 0;
  for (const line of lines.slice(0, end < 0 ? undefined : end)) {
    const head = /^ {2}\S.*? {2,}(?=\S)/.exec(line);
    if (head) [column, item] = [stringWidth(head[0]), line.trim()];
    else if (/^ {3,}\S/.test(line) && column >= 0) {
      wrapped++;
      if (line.length - line.trimStart().length !== column) off.push(`${item} | ${line}`);
    } else if (!/^ /.test(line)) column = -1; // a heading: no item above
  }
  return { wrapped, off };
}

describe("--help on a 60-column terminal", () => {
  for (const [lang, LANG] of Object.entries(LANGS)) {
    for (const command of [["join"], ["workshop"]]) {
      it(`${lang}: \`${command.join(" ")} --help\` wraps each option's and command's description under its own column`, async () => {
        const s = new TmuxSession(freshLearner({ LANG }), [...command, "--help"], { cols: 60, rows: 24 });
        sessions.push(s);
        const screen = await s.waitFor(/\[exit 0\]/);
        expect(linesTooWide(screen, 60), screen).toEqual([]);
        const { wrapped, off } = wrappedDescriptions(screen);
        expect(wrapped, screen).toBeGreaterThan(0);
        expect(off, screen).toEqual([]);
      }, 30_000);
    }
  }
});
