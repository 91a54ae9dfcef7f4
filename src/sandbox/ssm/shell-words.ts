/**
 * Splits the script `AWS-RunShellScript` runs into commands, the way bash reads it: lines,
 * `;`, `&&`, `||` and `|`, with single quotes, double quotes, backslashes and `#` comments.
 * (No variables or substitutions: the lesson's commands need none.)
 */

export type Joiner = ";" | "&&" | "||" | "|";

export interface SimpleCommand {
  words: string[];
  /** 1-based line of the script, as bash reports it in errors. */
  line: number;
  /** How this command is joined to the previous one (`;` for the first one of a line). */
  joinedBy: Joiner;
}

export type ParsedScript = { ok: true; commands: SimpleCommand[] } | { ok: false; line: number; message: string };

interface Cursor {
  text: string;
  i: number;
  line: number;
}

function readQuoted(c: Cursor, quote: "'" | '"'): string | undefined {
  let out = "";
  c.i++;
  while (c.i < c.text.length) {
    const ch = c.text[c.i]!;
    if (ch === quote) {
      c.i++;
      return out;
    }
    if (quote === '"' && ch === "\\" && /["\\$`]/.test(c.text[c.i + 1] ?? "")) {
      out += c.text[c.i + 1];
      c.i += 2;
      continue;
    }
    if (ch === "\n") c.line++;
    out += ch;
    c.i++;
  }
  return undefined;
}

const OPERATORS: Joiner[] = ["&&", "||", ";", "|"];

function operatorAt(c: Cursor): Joiner | undefined {
  return OPERATORS.find((op) => c.text.startsWith(op, c.i));
}

export function parseScript(script: string): ParsedScript {
  const c: Cursor = { text: script, i: 0, line: 1 };
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let joiner: Joiner = ";";
  let startLine = 1;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = (next: Joiner) => {
    endWord();
    // A line break right after `&&`, `||` or `|` continues the list, as in bash.
    if (words.length === 0) return;
    commands.push({ words, line: startLine, joinedBy: joiner });
    words = [];
    joiner = next;
  };
  while (c.i < c.text.length) {
    const ch = c.text[c.i]!;
    if (words.length === 0 && word === undefined) startLine = c.line;
    if (ch === "\n") {
      endCommand(";");
      c.line++;
      c.i++;
    } else if (ch === " " || ch === "\t" || ch === "\r") {
      endWord();
      c.i++;
    } else if (ch === "#" && word === undefined) {
      while (c.i < c.text.length && c.text[c.i] !== "\n") c.i++;
    } else if (ch === "'" || ch === '"') {
      const quoted = readQuoted(c, ch);
      if (quoted === undefined) return { ok: false, line: startLine, message: `unexpected EOF while looking for matching \`${ch}'` };
      word = (word ?? "") + quoted;
    } else if (ch === "\\") {
      if (c.text[c.i + 1] === "\n") c.line++;
      else word = (word ?? "") + (c.text[c.i + 1] ?? "");
      c.i += 2;
    } else {
      const op = operatorAt(c);
      if (op) {
        endWord();
        if (words.length === 0) return { ok: false, line: c.line, message: `syntax error near unexpected token \`${op}'` };
        endCommand(op);
        c.i += op.length;
      } else {
        word = (word ?? "") + ch;
        c.i++;
      }
    }
  }
  endCommand(";");
  return { ok: true, commands };
}
