/**
 * Wraps text (colour codes allowed) to a width in terminal columns where a line may break (line-breaks.ts). An unbroken
 * token longer than a line (an ARN, a path) goes whole on a line of its own, for the terminal to fold. Each line closes
 * the colours open and the next reopens them, so a line can be printed, cleared or copied on its own. Inline code that
 * fits on a line (in backticks, or between KEEP marks from markdown.ts) is never broken inside: it must paste whole.
 */
import { breakOpportunities, mayEndLine, mayStartLine, type Phrases } from "./line-breaks.js";
import { displayWidth, isWide, splitGraphemes } from "./text-width.js";

interface WrapOptions {
  /** Before the first line (counts towards the width), e.g. "  • "; `rest` before every other line. */
  first?: string;
  rest?: string;
  phrases?: Phrases | undefined;
}

const SGR = /\x1b\[[0-9;]*m/g;
/** Around inline code whose backticks are not shown (markdown.ts, in colour): kept whole, never printed. */
export const KEEP_OPEN = "\uE000";
export const KEEP_CLOSE = "\uE001";
const CODES = /\x1b\[[0-9;]*m|[\uE000\uE001]/g;
const RESET = "\x1b[0m";
/** A character of an id, a path or a URL (printable ASCII but the space). */
const TOKEN = /[\x21-\x7e]/;

/** The text as it reads: without colour codes and KEEP marks. */
export const withoutCodes = (text: string): string => text.replace(CODES, "");

interface Parsed {
  plain: string;
  /** Colour codes to emit just before plain[i] (index plain.length: after the last character). */
  codes: Map<number, string>;
  /** [start, end) of inline code in plain. */
  code: Array<[number, number]>;
}

function parse(text: string): Parsed {
  const codes = new Map<number, string>();
  const code: Array<[number, number]> = [];
  let plain = "";
  let last = 0;
  let open = -1;
  for (const m of text.matchAll(CODES)) {
    plain += text.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0] === KEEP_OPEN) open = plain.length;
    else if (m[0] === KEEP_CLOSE) open >= 0 && code.push([open, plain.length]);
    else codes.set(plain.length, (codes.get(plain.length) ?? "") + m[0]);
  }
  plain += text.slice(last);
  for (const m of plain.matchAll(/`[^`\n]+`/g)) code.push([m.index, m.index + m[0].length]);
  return { plain, codes, code };
}

/** Each user-perceived character of `text` with its columns. */
function cellsOf(text: string): Array<{ start: number; end: number; width: number }> {
  let at = 0;
  return splitGraphemes(text).map((g) => ({ start: at, end: (at += g.length), width: displayWidth(g) }));
}

/** Lines as [start, end) ranges of the plain text. */
function layout(plain: string, firstWidth: number, restWidth: number, phrases?: Phrases, code: Array<[number, number]> = [], firstBlank = true): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  for (const [paraStart, paraEnd] of paragraphs(plain)) {
    const text = plain.slice(paraStart, paraEnd);
    const breaks = breakOpportunities(text, phrases);
    for (const [start, end] of code) {
      if (start < paraStart || end > paraEnd) continue;
      // Code that fits on a line stays whole; longer code breaks only at its spaces (where a word ends).
      const fits = displayWidth(plain.slice(start, end)) <= Math.max(1, restWidth);
      for (let i = start + 1; i < end; i++) if (fits || text[i - paraStart - 1] !== " ") breaks.delete(i - paraStart);
    }
    const cells = cellsOf(text);
    let lineStart = 0; // index into cells
    while (lineStart < cells.length) {
      const room = Math.max(1, lines.length === 0 ? firstWidth : restWidth);
      let used = 0;
      let lastBreak = -1; // cell index where a break is allowed (line ends before it)
      let i = lineStart;
      for (; i < cells.length; i++) {
        const cell = cells[i]!;
        if (i > lineStart && breaks.has(cell.start)) lastBreak = i;
        const isSpace = text[cell.start] === " ";
        if (used + cell.width > room && !isSpace) break;
        used += cell.width;
      }
      let end = i;
      const id = i < cells.length ? idAfterWide(text, cells, Math.max(lineStart, lastBreak), i, restWidth) : undefined;
      if (id !== undefined) end = id;
      else if (i < cells.length && lastBreak > lineStart) end = lastBreak;
      else if (i < cells.length) {
        // A piece too long for a line that is one unbroken token (an ARN, a path, a DNS name) is
        // printed whole on a line of its own, for the terminal to fold: a newline inside it would
        // break its copy and paste. (What may not start a line, a 。 after it, stays with it.)
        // (An opening bracket before it, which no line may end with, goes with it: "（https://…）".)
        let token = lineStart;
        while (token < cells.length && !mayEndLine(text[cells[token]!.start])) token++;
        while (token < cells.length && TOKEN.test(text[cells[token]!.start] ?? "")) token++;
        if (token >= i && lines.length === 0 && !firstBlank) {
          // Not after the first line's prefix (a table row's cells): on the next line, from its start.
          lines.push([paraStart + cells[lineStart]!.start, paraStart + cells[lineStart]!.start]);
          continue;
        }
        if (token >= i) {
          end = token;
          while (end < cells.length && !mayStartLine(text[cells[end]!.start])) end++;
        } else while (end > lineStart + 1 && !mayStartLine(text[cells[end]!.start])) end--;
      }
      if (end === lineStart) end = lineStart + 1; // one character wider than the line
      let trimmed = end;
      while (trimmed > lineStart && text[cells[trimmed - 1]!.start] === " ") trimmed--;
      lines.push([paraStart + cells[lineStart]!.start, paraStart + (trimmed > lineStart ? cells[trimmed - 1]!.end : cells[lineStart]!.start)]);
      lineStart = end;
      while (lineStart < cells.length && text[cells[lineStart]!.start] === " ") lineStart++;
    }
    if (cells.length === 0) lines.push([paraStart, paraStart]);
  }
  return lines;
}

/**
 * Where the id the line overflows in starts, when Japanese comes right before it ("DNS 名：vpce-…") and the id with what
 * leads to it from the last break (`from`) would not fit on a line of its own (`room`) either: the line may end there, so
 * that the id starts the next line whole (the Japanese line breaker finds no break there, and the id was cut mid-word).
 * Undefined otherwise: the line breaks as text does.
 */
function idAfterWide(text: string, cells: Array<{ start: number; width: number }>, from: number, overflow: number, room: number): number | undefined {
  const at = (k: number) => text[cells[k]!.start] ?? "";
  if (!TOKEN.test(at(overflow))) return undefined;
  let start = overflow;
  while (start > from && TOKEN.test(at(start - 1))) start--;
  let end = overflow;
  while (end < cells.length && TOKEN.test(at(end))) end++;
  while (end < cells.length && !mayStartLine(at(end))) end++;
  const noBreakBefore = start <= from || !isWide(at(start - 1)) || !mayEndLine(at(start - 1)) || !mayStartLine(at(start));
  return noBreakBefore || cells.slice(from, end).reduce((sum, cell) => sum + cell.width, 0) <= room ? undefined : start;
}

/** [start, end) of each hard line (split at "\n"). */
function paragraphs(plain: string): Array<[number, number]> {
  let start = 0;
  return plain.split("\n").map((line) => [start, (start += line.length + 1) - 1]);
}

/** Colour state from SGR codes: one slot per attribute, so a line can reopen exactly what is open. */
type Sgr = Map<string, string>;

function slotOf(n: number): string | undefined {
  if (n === 1 || n === 2) return `weight${n}`;
  if (n === 3 || n === 4 || n === 7 || n === 8 || n === 9) return `attr${n}`;
  if ((n >= 30 && n <= 38) || (n >= 90 && n <= 97)) return "fg";
  if ((n >= 40 && n <= 48) || (n >= 100 && n <= 107)) return "bg";
  return undefined;
}

function applySgr(state: Sgr, code: string): void {
  const params = code.slice(2, -1);
  const nums = params === "" ? [0] : params.split(";").map(Number);
  for (let i = 0; i < nums.length; i++) {
    const n = nums[i]!;
    if (n === 0) state.clear();
    else if (n === 22) (state.delete("weight1"), state.delete("weight2"));
    else if (n === 23 || n === 24 || n === 27 || n === 28 || n === 29) state.delete(`attr${n - 20}`);
    else if (n === 39) state.delete("fg");
    else if (n === 49) state.delete("bg");
    else if (n === 38 || n === 48) {
      const len = nums[i + 1] === 5 ? 2 : 4; // 38;5;n or 38;2;r;g;b
      state.set(n === 38 ? "fg" : "bg", `\x1b[${nums.slice(i, i + 1 + len).join(";")}m`);
      i += len;
    } else {
      const slot = slotOf(n);
      if (slot) state.set(slot, `\x1b[${n}m`);
    }
  }
}

function applyAll(state: Sgr, codes: string | undefined): void {
  if (codes) for (const m of codes.matchAll(SGR)) applySgr(state, m[0]);
}

/** Wraps `text` so that no line (prefix included) is wider than `width` columns. */
export function wrap(text: string, width: number, { first = "", rest = "", phrases }: WrapOptions = {}): string {
  const { plain, codes, code } = parse(text);
  const firstBlank = withoutCodes(first).trim() === "";
  const ranges = layout(plain, width - displayWidth(first), width - displayWidth(rest), phrases, code, firstBlank);
  const state: Sgr = new Map();
  let at = 0; // codes before plain[at] not yet applied
  const lines = ranges.map(([start, end], n) => {
    for (; at < start; at++) applyAll(state, codes.get(at)); // skipped spaces and newlines
    // (A first line left empty for a token that did not fit after the prefix: the prefix alone, no trailing blank.)
    const bare = n === 0 && start === end && ranges.length > 1 && plain[start] !== "\n";
    let line = (n === 0 ? (bare ? first.trimEnd() : first) : rest) + [...state.values()].join("");
    for (; at < end; at++) {
      const code = codes.get(at);
      applyAll(state, code);
      line += (code ?? "") + plain[at];
    }
    // Codes right after the line's last character (usually closing ones) belong to this line.
    const closing = codes.get(end);
    if (closing && at === end) {
      applyAll(state, closing);
      line += closing;
      codes.delete(end);
    }
    if (state.size > 0) line += RESET;
    return line;
  });
  return lines.join("\n");
}
