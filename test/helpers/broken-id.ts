/**
 * An id (ARN, DNS name, path) as a terminal shows it when it is too long for a line: broken after separators, each
 * continuation indented. The lines it is on, read back so that a test can check it is still the same id.
 */
import { stripVTControlCharacters } from "node:util";

export interface BrokenId {
  /** What each line holds of the id, in order; put together, the id. */
  pieces: string[];
  /** The columns each continuation line is indented by. */
  indents: number[];
  /** The column the id starts at on its first line. */
  start: number;
}

/** The id found in `text` (colour codes allowed), starting on one line and continued on the next; undefined if absent. */
export function findBrokenId(text: string, id: string): BrokenId | undefined {
  const lines = stripVTControlCharacters(text).split("\n");
  const head = id.slice(0, Math.min(id.length, 12));
  const k = lines.findIndex((l) => l.includes(head));
  if (k < 0) return undefined;
  const start = lines[k]!.indexOf(head);
  const pieces = [lines[k]!.slice(start).split(" ")[0]!];
  const indents: number[] = [];
  for (const line of lines.slice(k + 1)) {
    if (pieces.join("").length >= id.length || !id.startsWith(pieces.join(""))) break;
    const indent = line.length - line.trimStart().length;
    indents.push(indent);
    pieces.push(line.trimStart().split(" ")[0]!);
  }
  return id.startsWith(pieces.join("")) || pieces.join("").startsWith(id) ? { pieces, indents, start } : undefined;
}

/** Every piece but the last ends at a separator (: / . -), and the continuations are indented, all alike. */
export function brokenWell(b: BrokenId): boolean {
  return b.pieces.slice(0, -1).every((p) => /[:/.-]$/.test(p)) && b.indents.every((i) => i > 0 && i === b.indents[0]);
}

/**
 * The name that starts on line `i` of `lines` (plain text), read on across the lines it was broken into: while what is
 * read ends at a separator and the next line is indented deeper, that line goes on with it. `span`: how many lines.
 */
export function nameAt(lines: readonly string[], i: number): { text: string; span: number } {
  const indent = (l: string) => l.length - l.trimStart().length;
  let text = lines[i]!.trim();
  let span = 1;
  while (/[:/.-]$/.test(text) && i + span < lines.length && indent(lines[i + span]!) > indent(lines[i]!)) text += lines[i + span++]!.trim();
  return { text, span };
}
