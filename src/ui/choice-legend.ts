/**
 * The answers of an inline question ("1 Verify · 2 Show how · 3 Let the tool do it"), laid out on lines of the
 * terminal's width: a line breaks between two answers (after the separator's mark, so the answers still read as a
 * list), and inside one only when that answer alone is wider than a line.
 */
import type { Phrases } from "./line-breaks.js";
import { displayWidth } from "./text-width.js";
import { wrap } from "./wrap.js";

const INDENT = "  ";

/** The separator as a line ends with it: its mark, without the spaces after it (colour codes kept). */
const lineEnd = (separator: string): string => separator.replace(/ +(?=(?:\u001b\[[0-9;]*m)*$)/, "");

/** `items` (coloured or not) joined by `separator`, `width` columns wide, each line indented by two spaces. */
export function choiceLegend(items: string[], separator: string, width: number, phrases?: Phrases): string {
  const end = lineEnd(separator);
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const joined = line ? line + separator + item : item;
    if (line && displayWidth(INDENT + joined + end) > width) {
      lines.push(line + end);
      line = item;
    } else line = joined;
  }
  if (line) lines.push(line);
  return lines.map((l) => wrap(l, width, { first: INDENT, rest: INDENT, phrases })).join("\n");
}
