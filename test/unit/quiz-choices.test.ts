/**
 * A quiz choice longer than the terminal wraps between phrases, its continuation lines under its
 * first word (inquirer alone would cut `エンドポ｜イント` and start the next line at the margin).
 * Issue 22, item 7.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { plain } from "../../src/ui/color.js";
import { breakOpportunities, loadPhrases } from "../../src/ui/line-breaks.js";
import { TerminalHost } from "../../src/ui/terminal-host.js";
import { displayWidth } from "../../src/ui/text-width.js";

const LONG = "VPC エンドポイントは使う側の VPC に作る部品で、PrivateLink は使う側のエンドポイントと提供する側のエンドポイントサービスを組み合わせた接続の仕組みである。";

/** What the list shows at `columns`, before the learner answers (then Enter picks the first). */
async function shownList(columns: number): Promise<string[]> {
  const phrases = await loadPhrases("ja");
  let screen = "";
  const output = Object.assign(new PassThrough(), { isTTY: true, columns, rows: 40 });
  output.on("data", (d: Buffer) => (screen += d.toString()));
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  const host = new TerminalHost({ lang: "ja", t: translator("ja"), interactive: true, output: output as never, input: input as never, phrases });
  const answer = host.select("どれですか。", [{ value: 0, name: LONG }, { value: 1, name: "同じものの別の呼び名である。" }], 0);
  await new Promise((r) => setTimeout(r, 100));
  const before = screen;
  input.write("\r");
  expect(await answer).toBe(0);
  // The last full drawing of the list: from the last line holding the question.
  const lines = plain(before.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")).split(/\r?\n/);
  const at = lines.length - 1 - [...lines].reverse().findIndex((l) => l.includes("どれですか。"));
  return lines.slice(at + 1);
}

describe("a long quiz choice", () => {
  for (const columns of [60, 80]) {
    it(`wraps between phrases with a hanging indent at ${columns} columns`, async () => {
      const phrases = (await loadPhrases("ja"))!;
      const lines = await shownList(columns);
      const first = lines.findIndex((l) => l.includes("VPC エンドポイントは"));
      expect(first).toBeGreaterThanOrEqual(0);
      const choice = [lines[first]!];
      for (let i = first + 1; !lines[i]!.includes("同じもの"); i++) choice.push(lines[i]!);
      expect(choice.length).toBeGreaterThan(1);
      for (const line of choice) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
      // Continuation lines start under the choice's first word, two columns in, after the cursor's place.
      for (const line of choice.slice(1)) expect(line).toMatch(/^ {2}\S/);
      // The lines, joined back, are the choice; each break is one a Japanese line may take.
      const parts = [choice[0]!.replace(/^\S* /, ""), ...choice.slice(1).map((l) => l.trim())];
      expect(parts.join("").replaceAll(" ", "")).toBe(LONG.replaceAll(" ", ""));
      let at = 0;
      for (const part of parts.slice(0, -1)) {
        at = LONG.indexOf(part, at) + part.length;
        const next = LONG[at] === " " ? at + 1 : at;
        expect(breakOpportunities(LONG, phrases).has(next), `${part}｜`).toBe(true);
        at = next;
      }
    });
  }
});
