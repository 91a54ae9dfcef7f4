/**
 * How many terminal columns text takes: East Asian wide characters take two, ANSI colour codes
 * none (string-width, which follows Unicode's East Asian Width). Everything that lays text out
 * measures with this, never with `.length`.
 */
import stringWidth from "string-width";

/** Columns a string takes on a terminal (CJK characters take two; colour codes none). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The user-perceived characters of a string (an emoji with modifiers is one). */
export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Wide (two-column) character, e.g. kana, kanji, full-width punctuation. */
export function isWide(ch: string | undefined): boolean {
  return ch !== undefined && ch !== "" && stringWidth(ch) === 2;
}

/** Pads with spaces to `width` columns (never cuts). */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Cuts plain text to at most `width` columns, ending with "…" when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const g of splitGraphemes(text)) {
    const w = displayWidth(g);
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return out + "…";
}
