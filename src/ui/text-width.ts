/**
 * How many terminal columns text takes (East Asian wide characters two, colour codes none, as string-width measures).
 * Text made only of characters that are a whole grapheme on their own (English, Japanese, box drawing, ✔ ▶) is the sum
 * of their East Asian Widths; only other text (emoji sequences, combining marks) loads string-width, slow to start.
 * test/unit/text-width.test.ts holds the two paths equal.
 */
import { eastAsianWidth } from "get-east-asian-width";

// Not an `import` of node:util: an ES import of a built-in reads every export, loading what util keeps lazy (parseArgs, diff…).
const { stripVTControlCharacters } = process.getBuiltinModule("node:util");

type StringWidth = typeof import("string-width").default;
let fullWidth: StringWidth | undefined;

/** `require`: esbuild bundles string-width as a lazily run module, out of the start-up path. */
function stringWidth(text: string): number {
  fullWidth ??= (require("string-width") as typeof import("string-width")).default;
  return fullWidth(text);
}

/**
 * BMP code points that are a grapheme cluster by themselves, never join a neighbour, are not
 * default-ignorable and draw no emoji of their own beyond their East Asian Width: Latin, general
 * punctuation and symbols, arrows, box drawing, shapes, dingbats, CJK, kana, Hangul syllables and
 * full-width forms. Anything else takes the full path.
 */
const SIMPLE: ReadonlyArray<readonly [number, number]> = [
  [0x00a0, 0x00ac],
  [0x00ae, 0x02ff],
  [0x0370, 0x0377],
  [0x037a, 0x037f],
  [0x0384, 0x03ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2070, 0x20c0],
  [0x2100, 0x218b],
  [0x2190, 0x2426],
  [0x2440, 0x244a],
  [0x2460, 0x2b73],
  [0x2e80, 0x2fd5],
  [0x3000, 0x3029],
  [0x3030, 0x303f],
  [0x3041, 0x3096],
  [0x309b, 0x30ff],
  [0x3105, 0x312f],
  [0x3131, 0x3163],
  [0x3165, 0x318e],
  [0x3190, 0x31e5],
  [0x31ef, 0x321e],
  [0x3220, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa48c],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe52],
  [0xff01, 0xff9d],
  [0xffa1, 0xffbe],
  [0xffe0, 0xffee],
];

const range = ([from, to]: readonly [number, number]) => `${String.fromCharCode(from)}-${String.fromCharCode(to)}`;
const SIMPLE_CHAR = new RegExp(`[${SIMPLE.map(range).join("")}]`);

/** The width of text made only of printable ASCII and simple characters; undefined otherwise. */
function simpleWidth(text: string): number | undefined {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) width += 1;
    else if (SIMPLE_CHAR.test(text[i]!)) width += eastAsianWidth(c);
    else return undefined;
  }
  return width;
}

/** Columns a string takes on a terminal (CJK characters take two; colour codes none). */
export function displayWidth(text: string): number {
  const plain = text.includes("\u001b") || text.includes("\u009b") ? stripVTControlCharacters(text) : text;
  return simpleWidth(plain) ?? stringWidth(plain);
}

let graphemes: Intl.Segmenter | undefined;

/** The user-perceived characters of a string (an emoji with modifiers is one). */
export function splitGraphemes(text: string): string[] {
  if (simpleWidth(text) !== undefined) return text.split("");
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Wide (two-column) character, e.g. kana, kanji, full-width punctuation. */
export function isWide(ch: string | undefined): boolean {
  return ch !== undefined && ch !== "" && displayWidth(ch) === 2;
}

/** Pads with spaces to `width` columns (never cuts). */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** The longest start of plain `text` (whole graphemes) at most `width` columns wide. */
export function fitting(text: string, width: number): string {
  let out = "";
  let used = 0;
  for (const g of splitGraphemes(text)) {
    const w = displayWidth(g);
    if (used + w > width) break;
    out += g;
    used += w;
  }
  return out;
}

/** Cuts plain text to at most `width` columns, ending with "…" when something was cut. */
export function truncate(text: string, width: number): string {
  return displayWidth(text) <= width ? text : fitting(text, width - 1) + "…";
}
