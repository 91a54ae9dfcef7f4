/**
 * Code blocks, fitted to the width without breaking what they mean. Shell commands break at a space outside quotes and
 * continue with ` \`; a word too long for any line is split as the shell allows (`'first half'\` + newline + `'second
 * half'` is the same word). Comments wrap as text, each line starting with `#`. Other code folds where text may break.
 */
import type { ChalkInstance } from "chalk";
import { softBreakJoiner, type Phrases } from "./line-breaks.js";
import { displayWidth, fitting } from "./text-width.js";
import { wrap } from "./wrap.js";

interface CodeOptions {
  indent: string;
  c: ChalkInstance;
  phrases?: Phrases | undefined;
}

const SHELL = new Set(["sh", "bash", "shell", "console", "zsh"]);
/** PowerShell continues a line with a backtick, cmd.exe with a caret (see src/shell/render.ts). */
const CONTINUED: Record<string, string> = { powershell: " `", bat: " ^" };

interface Word {
  text: string;
  /** Quote open at each character boundary: quoteAt[i] is the quote open before text[i]. */
  quoteAt: string[];
}

/** Splits a command line into words at spaces outside quotes, remembering the quoting. */
function shellWords(line: string): Word[] {
  const words: Word[] = [];
  let cur: Word = { text: "", quoteAt: [] };
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (!quote && ch === " ") {
      if (cur.text) words.push(cur);
      cur = { text: "", quoteAt: [] };
      continue;
    }
    cur.quoteAt.push(quote);
    cur.text += ch;
    if (ch === "\\" && quote !== "'" && i + 1 < line.length) {
      cur.quoteAt.push(quote);
      cur.text += line[++i];
    } else if (!quote && (ch === "'" || ch === '"')) quote = ch;
    else if (quote && ch === quote) quote = "";
  }
  if (cur.text) words.push(cur);
  return words;
}

/** Cuts a word after `room` columns where the shell allows: the head (ending in `\`) and the rest. */
function splitWord(word: Word, room: number): [string, Word] {
  let cut = Math.max(1, fitting(word.text, room - 2).length);
  if (word.text[cut - 1] === "\\") cut -= 1; // never split an escape
  const quote = word.quoteAt[cut] ?? "";
  const head = word.text.slice(0, cut) + quote + "\\";
  const tail: Word = { text: quote + word.text.slice(cut), quoteAt: [...(quote ? [""] : []), ...word.quoteAt.slice(cut)] };
  return [head, tail];
}

/** One shell command in lines of at most `width` columns, continued with ` \` (pasteable as is). */
export function wrapCommand(line: string, width: number, indent: string, cont = " \\"): string[] {
  const lead = /^ */.exec(line)?.[0] ?? "";
  const words = shellWords(line.slice(lead.length));
  const out: string[] = [];
  const more = indent + lead + "  ";
  let cur = indent + lead;
  let empty = true;
  const room = () => width - displayWidth(cur) - (empty ? 0 : 1) - 2; // keep room for " \"
  for (let n = 0; n < words.length; n++) {
    let word = words[n]!;
    const last = n === words.length - 1;
    const need = displayWidth(word.text);
    // (Only bash can split a word across lines: elsewhere a long word runs past the edge.)
    if (need <= room() + (last ? 2 : 0) || (empty && cont !== " \\")) {
      cur += (empty ? "" : " ") + word.text;
      empty = false;
      continue;
    }
    if (!empty && (need <= width - displayWidth(more) - 2 || cont !== " \\")) {
      out.push(cur + cont);
      cur = more + word.text;
      continue;
    }
    // Too long for any line: split it, starting on this line, continuing at column 0.
    for (;;) {
      const space = empty ? "" : " ";
      const [head, tail] = splitWord(word, width - displayWidth(cur) - space.length);
      out.push(cur + space + head);
      word = tail;
      cur = "";
      empty = true;
      if (displayWidth(word.text) <= width - 2 || (last && displayWidth(word.text) <= width)) {
        cur = word.text;
        empty = false;
        break;
      }
    }
  }
  out.push(cur);
  return out;
}

/** A command (`aws …`, or `  --flag …` continuing one), commented out or inline in prose: it must still run when pasted. */
export const COMMAND = /^(?:aws|npx|curl|eval) |^ +--?\w/;

interface ProseOptions {
  first: string;
  rest: string;
  phrases?: Phrases | undefined;
  /** How the shell continues a command on the next line (default bash's ` \`). */
  cont?: string;
  /** Colours a command's lines (as a code block would). */
  paint?: (line: string) => string;
  /** Words that stand in the text for a command set on lines of its own inside brackets ("the command below"). */
  below?: string | undefined;
}

/** A closing bracket right after a command, with the punctuation after it ("), " "）、"). */
const CLOSER = /^[)）\]］」』】〕〉》]+(?:[.,;:](?=\s|$)|[。、：，．])?/;
/** Brackets that open what CLOSER closes: no space after them. */
const OPENER = /[(（[［「『【〔〈《]$/;

/**
 * A command in brackets ("(e.g. `cmd`), then"): on lines of its own it would leave the closing bracket to start the
 * next line, alone or before the rest. The brackets keep words that stand for it ("(e.g. the command below),") and the
 * command follows them; the text after it wraps on the next line. Undefined when there are no such brackets or words.
 */
function bracketed(before: string, after: string, below: string | undefined): { before: string; after: string } | undefined {
  const closer = CLOSER.exec(after)?.[0];
  if (!closer || !below || !before) return undefined;
  const last = [...before].at(-1);
  const joiner = OPENER.test(before) ? "" : softBreakJoiner(last, below[0]);
  return { before: before + joiner + below + closer, after: after.slice(closer.length).trimStart() };
}

/**
 * Plain text (a fix in a table) whose `command` in backticks is too wide for a line: the command
 * goes on lines of its own, without its backticks, continued as the shell continues lines, so it
 * pastes as one command; the text around it wraps as text.
 */
export function wrapProse(text: string, width: number, o: ProseOptions): string {
  const m = [...text.matchAll(/`([^`\n]+)`/g)].find((x) => COMMAND.test(x[1]!) && displayWidth(o.rest + x[1]) > width);
  if (!m) return wrap(text, width, o);
  const said = text.slice(0, m.index).trimEnd();
  const next = text.slice(m.index + m[0].length);
  const inBrackets = bracketed(said, next, o.below);
  const before = inBrackets?.before ?? said;
  const lines = wrapCommand(m[1]!, width, before ? o.rest + "  " : o.rest, o.cont);
  if (!before) lines[0] = o.first + lines[0]!.slice(o.rest.length);
  // The punctuation after it would start a line of its own (". With the CLI…"): the command's lines end the clause.
  const after = inBrackets?.after ?? next.replace(/^\s*(?:[.,;:](?=\s|$)|[。、：])?\s*/, "");
  const tail = after ? [wrapProse(after, width, { ...o, first: o.rest })] : [];
  return [...(before ? [wrap(before, width, o)] : []), ...lines.map(o.paint ?? String), ...tail].join("\n");
}

function wrapComment(line: string, width: number, indent: string, phrases?: Phrases, cont?: string): string[] {
  const lead = /^ *#+ ?/.exec(line)?.[0] ?? "# ";
  // Continuation marks inside the comment: removing each line's `#` gives the command back.
  if (cont && COMMAND.test(line.slice(lead.length))) return wrapCommand(line.slice(lead.length), width, indent + lead, cont);
  return wrap(line.slice(lead.length), width, { first: indent + lead, rest: indent + lead, phrases }).split("\n");
}

/** Other code (a small diagram) folds where text may break, its continuation under its own indent and two more. */
function fold(line: string, width: number, indent: string, phrases?: Phrases): string[] {
  const lead = /^ */.exec(line)![0];
  return wrap(line.slice(lead.length), width, { first: indent + lead, rest: indent + lead + "  ", phrases }).split("\n");
}

/** A code block, indented, each line at most `width` columns. */
export function wrapCode(text: string, lang: string, width: number, o: CodeOptions): string {
  const name = lang.trim().toLowerCase();
  const cont = SHELL.has(name) ? " \\" : CONTINUED[name];
  const comment = name === "bat" ? /^ *rem /i : /^ *#/;
  return text
    .split("\n")
    .flatMap((line) => {
      if (displayWidth(o.indent + line) <= width) return [o.indent + line];
      if (!cont) return fold(line, width, o.indent, o.phrases);
      if (name === "bat" && comment.test(line)) return wrap(line.replace(/^ *rem /i, ""), width, { first: o.indent + "rem ", rest: o.indent + "rem ", phrases: o.phrases }).split("\n");
      return comment.test(line) ? wrapComment(line, width, o.indent, o.phrases, cont) : wrapCommand(line, width, o.indent, cont);
    })
    .map((l) => (comment.test(l) && cont ? o.c.dim(l) : o.c.cyan(l)))
    .join("\n");
}
