/**
 * Splits the script `AWS-RunShellScript` runs into commands, the way bash reads it: lines,
 * `;`, `&&`, `||` and `|`, with single quotes, double quotes, backslashes and `#` comments.
 * (No variables or substitutions: the lesson's commands need none.)
 */

type Joiner = ";" | "&&" | "||" | "|";

export interface SimpleCommand {
  words: string[];
  /** 1-based line of the script, as bash reports it in errors. */
  line: number;
  /** How this command is joined to the previous one (`;` for the first one of a line). */
  joinedBy: Joiner;
}

type ParsedScript = { ok: true; commands: SimpleCommand[] } | { ok: false; line: number; message: string };

const OPERATORS: Joiner[] = ["&&", "||", ";", "|"];
/** Quoted text from its opening quote; inside double quotes a backslash escapes only `"`, `\`, `$` and `` ` ``. */
const QUOTED = { "'": /^'([^']*)'/, '"': /^"((?:\\[\s\S]|[^"\\])*)"/ };

export function parseScript(script: string): ParsedScript {
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let joiner: Joiner = ";";
  let line = 1;
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
  for (let i = 0; i < script.length; ) {
    const ch = script[i]!;
    if (words.length === 0 && word === undefined) startLine = line;
    const op = OPERATORS.find((o) => script.startsWith(o, i));
    if (ch === "\n") {
      endCommand(";");
      line++;
      i++;
    } else if (ch === " " || ch === "\t" || ch === "\r") {
      endWord();
      i++;
    } else if (ch === "#" && word === undefined) {
      while (i < script.length && script[i] !== "\n") i++;
    } else if (ch === "'" || ch === '"') {
      const quoted = QUOTED[ch].exec(script.slice(i));
      if (!quoted) return { ok: false, line: startLine, message: `unexpected EOF while looking for matching \`${ch}'` };
      word = (word ?? "") + (ch === '"' ? quoted[1]!.replace(/\\(["\\$`])/g, "$1") : quoted[1]!);
      line += quoted[0].split("\n").length - 1;
      i += quoted[0].length;
    } else if (ch === "\\") {
      if (script[i + 1] === "\n") line++;
      else word = (word ?? "") + (script[i + 1] ?? "");
      i += 2;
    } else if (op) {
      endWord();
      if (words.length === 0) return { ok: false, line, message: `syntax error near unexpected token \`${op}'` };
      endCommand(op);
      i += op.length;
    } else {
      word = (word ?? "") + ch;
      i++;
    }
  }
  endCommand(";");
  return { ok: true, commands };
}
