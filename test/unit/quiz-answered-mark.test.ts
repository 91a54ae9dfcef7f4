/**
 * A quiz question, once answered, keeps no green ✔ of its own: the verdict (✔ right / ✘ wrong) is the line after it.
 * inquirer's usual answered mark is a ✔, which stood beside a wrong answer ("✔ Q1/10 …" then "✘ Not quite").
 * Other questions keep inquirer's ✔.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { plain } from "../../src/ui/color.js";
import type { SelectOptions } from "../../src/ui/io-host.js";
import { TerminalHost } from "../../src/ui/terminal-host.js";

/** The mark before the question on its answered line, after the learner moves to the second choice and presses Enter. */
async function answeredMark(lang: "en" | "ja", question: string, options: SelectOptions): Promise<string> {
  let screen = "";
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80, rows: 24 });
  output.on("data", (d: Buffer) => (screen += d.toString()));
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  const host = new TerminalHost({ lang, t: translator(lang), interactive: true, output: output as never, input: input as never });
  const answer = host.select(question, [{ value: 0, name: "A" }, { value: 1, name: "B" }], 0, options);
  await new Promise((r) => setTimeout(r, 50));
  input.write("\x1b[B");
  await new Promise((r) => setTimeout(r, 50));
  input.write("\r");
  expect(await answer).toBe(1);
  // The last drawing (cursor moves removed): "<mark> <question> B", the answer after the question.
  const text = plain(screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ""));
  const at = text.lastIndexOf(question);
  expect(text.slice(at + question.length).trim()).toBe("B");
  return text.slice(at - 2, at);
}

describe.each(["en", "ja"] as const)("a quiz question's answered line (%s)", (lang) => {
  const question = lang === "ja" ? "Q1/10 どれですか。" : "Q1/10 Which one?";
  it("claims neither right nor wrong: no ✔ before the answer", async () => {
    expect(await answeredMark(lang, question, { judged: true })).toBe("› ");
  });
  it("another question keeps its ✔ once answered", async () => {
    expect(await answeredMark(lang, question, {})).toBe("✔ ");
  });
});
