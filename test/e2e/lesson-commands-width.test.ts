/**
 * Every AWS CLI command the hands-on lesson prints (its `cli` sections, hints and inline commands,
 * `--output table` ones included) stays copyable on an 80-column terminal, in both languages: no
 * line wider than the terminal, and each command comes back whole when its shell continuation
 * lines (` \`, or a word split `'…'\` + `'…'`) are joined. The lesson's own events (--json) are
 * rendered as the terminal renders them.
 */
import { describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";
import { COMMAND } from "../../src/ui/code-wrap.js";
import { loadPhrases } from "../../src/ui/line-breaks.js";
import { renderMarkdown } from "../../src/ui/markdown.js";
import { linesTooWide } from "../helpers/tmux.js";
import { withoutCodes } from "../../src/ui/wrap.js";

/** The lines of the commands a Markdown text shows: code block lines and inline `aws …` commands. */
function commandsOf(md: string): string[] {
  const blocks = [...md.matchAll(/```(?:sh|bash)?\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#")));
  const inline = [...md.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!).filter((c) => COMMAND.test(c));
  return [...blocks, ...inline].map((c) => c.trim().replace(/ \\$/, ""));
}

/** What the shell reads when the lines are pasted: continuation lines joined. */
const pasted = (out: string) => out.replace(/ \\\n\s*/g, " ").replace(/(['"])\\\n\1/g, "").replace(/\\\n(?! )/g, "");

describe("the hands-on lesson's commands at 80 columns", () => {
  for (const lang of ["en", "ja"] as const)
    it(`${lang}: every command renders whole, every line fits`, async () => {
      const run = runCli(freshLearner(), ["--sandbox", "--sandbox-speed", "instant", "--mode", "hands-on", "--lang", lang, "--prefix", "wide", "--json"]);
      expect(run.status, run.stderr).toBe(0);
      const events = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { markdown?: string; explanation?: string });
      const texts = events.flatMap((e) => [e.markdown, e.explanation].filter((t): t is string => t !== undefined));
      const phrases = await loadPhrases(lang);
      const commands = texts.flatMap(commandsOf);
      expect(commands.filter((c) => c.includes("--output table")).length).toBeGreaterThan(0);
      for (const md of texts)
        for (const color of [false, true]) {
          const out = withoutCodes(renderMarkdown(md, 80, { color, phrases }));
          expect(linesTooWide(out, 80), out).toEqual([]);
          for (const c of commandsOf(md)) expect(pasted(out), `${c}\n---\n${out}`).toContain(c);
        }
    }, 60_000);
});
