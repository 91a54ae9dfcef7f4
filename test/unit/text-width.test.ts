/**
 * displayWidth measures most text without string-width (see src/ui/text-width.ts); it must give
 * string-width's answer for every character and every mix, or a box or a wrapped line is off.
 */
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth, isWide, splitGraphemes, truncate } from "../../src/ui/text-width.js";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const graphemesOf = (s: string) => Array.from(segmenter.segment(s), (g) => g.segment);

/** A small deterministic generator, so a failure names a string that can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

describe("displayWidth", () => {
  it("agrees with string-width on every BMP character, alone and next to a letter and a kana", () => {
    const wrong: string[] = [];
    for (let c = 0x20; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `${ch}a`, `あ${ch}`, `${ch}${ch}`]) {
        if (displayWidth(s) !== stringWidth(s)) wrong.push(`U+${c.toString(16).padStart(4, "0")} in ${JSON.stringify(s)}: ${displayWidth(s)} vs ${stringWidth(s)}`);
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it("agrees with string-width on emoji, combining marks, colour codes and characters outside the BMP", () => {
    const samples = ["👍🏽", "✔️", "⚠️ caution", "1️⃣", "が", "ｶﾞ", "e\u0301", "👨‍👩‍👧", "🇯🇵", "𠮷野家", "\u001b[31m赤\u001b[39m", "\u001b[1mbold\u001b[22m ✔", "a\u00adb", "ᄀ\u1161\u11a8"];
    for (const s of samples) expect([s, displayWidth(s)]).toEqual([s, stringWidth(s)]);
  });

  it("agrees with string-width on random mixes of lesson-like text", () => {
    const pool = [..."abcXYZ019 -_./:()", ..."あいうエオカ漢字。、「」（）：ー", ..."┌─┐│└┘▶▼✔✘·…═╌", "👍", "\u0301", "\u200d", "\ufe0f", "\u001b[32m", "\u001b[39m", "ﾞ", "🇯"];
    const next = random(42);
    for (let i = 0; i < 3000; i++) {
      let s = "";
      const n = Math.floor(next() * 12);
      for (let j = 0; j < n; j++) s += pool[Math.floor(next() * pool.length)];
      expect([s, displayWidth(s)]).toEqual([s, stringWidth(s)]);
    }
  });
});

describe("what the wrapping's shortcuts rely on (src/ui/line-breaks.ts, src/ui/wrap.ts)", () => {
  it("finds no wide character below U+1100, where the wide ranges begin", () => {
    const wide: string[] = [];
    for (let c = 0; c < 0x1100; c++) if (isWide(String.fromCodePoint(c)) || stringWidth(String.fromCodePoint(c)) > 1) wide.push(c.toString(16));
    expect(wide).toEqual([]);
  });

  it("takes printable ASCII one column a character, each its own grapheme", () => {
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join("");
    expect(splitGraphemes(ascii)).toEqual([...ascii]);
    for (const ch of ascii) expect([ch, displayWidth(ch)]).toEqual([ch, 1]);
  });
});

describe("splitGraphemes", () => {
  it("splits like Intl.Segmenter, with and without characters that join", () => {
    for (const s of ["plain ascii", "日本語の文です。", "┌─ Consumer ─┐ ✔", "👍🏽 ok", "ｶﾞ", "e\u0301t\u00e9", "✔️", "a\r\nb"]) {
      expect(splitGraphemes(s)).toEqual(graphemesOf(s));
    }
  });

  it("splits every BMP character like Intl.Segmenter, next to letters and kana", () => {
    const wrong: string[] = [];
    for (let c = 0x20; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      const s = `a${ch}あ${ch}${ch}`;
      if (JSON.stringify(splitGraphemes(s)) !== JSON.stringify(graphemesOf(s))) wrong.push(`U+${c.toString(16).padStart(4, "0")}`);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it("truncate never cuts an emoji or a wide character in half", () => {
    expect(truncate("日本語の長い文", 6)).toBe("日本…");
    expect(truncate("ab👍🏽cd", 4)).toBe("ab…");
  });

  it("truncate fills the width exactly: the last column is used, not left empty", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("日本語の", 5)).toBe("日本…");
    expect(truncate("日本語", 6)).toBe("日本語");
  });
});
