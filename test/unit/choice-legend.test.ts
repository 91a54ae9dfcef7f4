/**
 * The answers under "How do you want to do this step?" on an 80-column terminal: a line breaks between two answers,
 * never inside one ("3 ツールに" / "任せる" read as two answers), unless one answer alone is wider than the line.
 */
import { describe, expect, it } from "vitest";
import { choiceLegend } from "../../src/ui/choice-legend.js";
import { loadPhrases } from "../../src/ui/line-breaks.js";
import { displayWidth } from "../../src/ui/text-width.js";

const SEP = "  ·  ";
const JA = ["1 自分で実行した — 確認する", "2 先に、AWS CLI での手順を見る", "3 ツールに任せる (⏎)"];
const EN = ["1 I did it myself with the AWS CLI — verify", "2 First show how to do it with the AWS CLI", "3 Let the tool do it for me", "4 Fill in the console's form here (⏎)"];

describe("inline answers laid out on a narrow terminal", () => {
  it.each([
    ["ja", 80, JA],
    ["en", 120, EN],
    ["en", 80, EN],
  ] as const)("%s at %i columns: every answer whole on one line, no line too wide", async (lang, width, items) => {
    const out = choiceLegend([...items], SEP, width, (await loadPhrases(lang)) ?? undefined);
    const lines = out.split("\n");
    for (const item of items) expect(lines.some((l) => l.includes(item)), `${item} in:\n${out}`).toBe(true);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
  });

  it("an answer wider than the line alone is still wrapped to fit", () => {
    const long = "2 " + "an answer far too long for a narrow terminal ".repeat(3).trim();
    const out = choiceLegend(["1 Verify", long], SEP, 40);
    for (const l of out.split("\n")) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    expect(out.split("\n")[0]).toBe("  1 Verify  ·");
  });
});
