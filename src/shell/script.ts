/**
 * A lesson's commands (a fenced `sh` block or an inline `aws …` span) parsed into a `Script` of programs and arguments,
 * from a small POSIX subset: comments, blank lines, ` \` continuations, `NAME=$(command)`, `$NAME`/`"$NAME"`,
 * `2>/dev/null`, `<fill in>`, and `while CMD | grep -q .; do sleep N; done`. Anything else is refused with its line,
 * so no lesson prints a command some shell cannot render (render.ts).
 */

/** One argument as the program receives it, with the author's quoting kept for bash. */
export interface Arg {
  /** The argument's value (`{{var}}` placeholders still in it until `fillScript`). */
  value: string;
  /** `ref`: the value is a shell variable's name (`$NAME`); `fill`: a value the learner types (`<…>`). */
  kind?: "ref" | "fill";
  /** The quotes the author wrote around it (bash keeps them). */
  quote?: "'" | '"';
  /** Starts a new line: the indentation written after the previous line's ` \`. */
  indent?: string;
}

export interface Command {
  program: string;
  args: Arg[];
  /** `NAME=$(…)`: the command's output is kept in the variable NAME. */
  capture?: string;
  /** `2>/dev/null`: error messages are hidden. */
  quietErrors?: boolean;
  /** The author's indentation of the first line (inside a loop). */
  lead?: string;
}

export type Item =
  | { kind: "blank" }
  | { kind: "comment"; text: string }
  /** `commented`: shown as an example in a comment, not meant to run as is. */
  | { kind: "command"; command: Command; commented?: boolean }
  /** `while CMD | grep -q .; do sleep N; done`: run CMD every N seconds until it prints nothing. */
  | { kind: "until-empty"; command: Command; sleep: number; sleepLead: string };

export type Script = Item[];

export class ScriptSyntaxError extends Error {
  constructor(message: string, readonly line: string) {
    super(`${message}: ${line}`);
  }
}

const NAME = /^[A-Z_][A-Z0-9_]*$/;
const WHILE = /^while (.*) \| grep -q \.; do$/s;

/** Parses a block of shell text (a fenced block's body, or one inline command). */
export function parseScript(text: string): Script {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const out: Script = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) {
      out.push({ kind: "blank" });
      continue;
    }
    if (/^\s*#/.test(line)) {
      const body = line.replace(/^\s*# ?/, "");
      if (/^aws /.test(body)) {
        // An example command inside comments, continued on `#   …` lines.
        let joined = body;
        while (joined.endsWith(" \\") && /^\s*#/.test(lines[i + 1] ?? "")) joined += "\n" + lines[++i]!.replace(/^\s*# ?/, "");
        out.push({ kind: "command", command: parseCommand(joined), commented: true });
      } else out.push({ kind: "comment", text: body });
      continue;
    }
    let joined = line;
    while (joined.endsWith(" \\") && i + 1 < lines.length) joined += "\n" + lines[++i]!;
    const loop = WHILE.exec(joined);
    if (loop) {
      const sleep = /^(\s*)sleep (\d+)$/.exec(lines[i + 1] ?? "");
      if (!sleep || lines[i + 2] !== "done") throw new ScriptSyntaxError("a while loop must be `sleep N` then `done`", joined);
      out.push({ kind: "until-empty", command: parseCommand(loop[1]!), sleep: Number(sleep[2]), sleepLead: sleep[1]! });
      i += 2;
      continue;
    }
    out.push({ kind: "command", command: parseCommand(joined) });
  }
  while (out.at(-1)?.kind === "blank") out.pop();
  return out;
}

/** One command, possibly over several lines joined by ` \` + newline. */
function parseCommand(text: string): Command {
  const lead = /^\s*/.exec(text)![0];
  let rest = text.slice(lead.length);
  let capture: string | undefined;
  const cap = /^([A-Za-z_][A-Za-z0-9_]*)=\$\((.*)\)$/s.exec(rest);
  if (cap) {
    if (!NAME.test(cap[1]!)) throw new ScriptSyntaxError("a captured variable is written in CAPITALS", text);
    capture = cap[1]!;
    rest = cap[2]!;
  }
  const words = tokenize(rest, text);
  let quietErrors = false;
  if (words.at(-1)?.value === "2>/dev/null" && !words.at(-1)?.quote) {
    quietErrors = true;
    words.pop();
  }
  const [program, ...args] = words;
  if (!program || program.quote || program.kind || program.indent !== undefined) throw new ScriptSyntaxError("a command starts with its program", text);
  return { program: program.value, args, ...(capture ? { capture } : {}), ...(quietErrors ? { quietErrors } : {}), ...(lead ? { lead } : {}) };
}

/** Words at spaces; each word is bare, all in '…', all in "…", `$NAME`, `"$NAME"` or `<…>`. */
function tokenize(text: string, line: string): Arg[] {
  const out: Arg[] = [];
  let i = 0;
  let indent: string | undefined;
  while (i < text.length) {
    if (text.startsWith(" \\\n", i)) {
      i += 3;
      indent = /^ */.exec(text.slice(i))![0];
      i += indent.length;
      continue;
    }
    if (text[i] === " ") {
      i++;
      continue;
    }
    const at = indent !== undefined ? { indent } : {};
    indent = undefined;
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) throw new ScriptSyntaxError("a quote is not closed", line);
      const value = text.slice(i + 1, end);
      if (ch === '"' && /[\\`]/.test(value)) throw new ScriptSyntaxError("no escapes inside double quotes", line);
      const ref = ch === '"' ? /^\$([A-Z_][A-Z0-9_]*)$/.exec(value) : null;
      if (ch === '"' && !ref && value.includes("$")) throw new ScriptSyntaxError("a variable is a whole argument", line);
      out.push(ref ? { value: ref[1]!, kind: "ref", quote: '"', ...at } : { value, quote: ch, ...at });
      i = end + 1;
    } else if (ch === "<") {
      const end = text.indexOf(">", i);
      if (end < 0) throw new ScriptSyntaxError("a <fill-in> is not closed", line);
      out.push({ value: text.slice(i + 1, end), kind: "fill", ...at });
      i = end + 1;
    } else {
      let end = i;
      while (end < text.length && text[end] !== " ") end++;
      const value = text.slice(i, end);
      if (/['"\\`;&|()<>*?!]|^\$\{|\$\(/.test(value.replace(/^2>\/dev\/null$/, ""))) throw new ScriptSyntaxError(`"${value}" is outside the shell subset`, line);
      const ref = /^\$([A-Z_][A-Z0-9_]*)$/.exec(value);
      if (!ref && value.includes("$")) throw new ScriptSyntaxError("a variable is a whole argument", line);
      out.push(ref ? { value: ref[1]!, kind: "ref", ...at } : { value, ...at });
      i = end;
    }
    if (i < text.length && text[i] !== " ") throw new ScriptSyntaxError("one quoting per argument", line);
  }
  return out;
}

/** Characters no shell treats specially in a bare word. */
const BARE_SAFE = /^[A-Za-z0-9_@%+=:,.\/-]*$/;

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** The Script with the learner's values in place of `{{var}}` (unknown names stay `<name>`). */
export function fillScript(script: Script, vars: Record<string, string | undefined>): Script {
  const fill = (text: string) => text.replace(PLACEHOLDER, (_m, n: string) => vars[n] ?? `<${n}>`);
  const fillArg = (a: Arg): Arg => {
    const brought = [...a.value.matchAll(PLACEHOLDER)].map((m) => vars[m[1]!] ?? "");
    // Left bare by the author, a value with a space (a Windows user's folder) must still reach the program as one argument.
    const quote = !a.quote && brought.some((v) => !BARE_SAFE.test(v)) ? { quote: "'" as const } : {};
    return { ...a, value: fill(a.value), ...quote };
  };
  const fillCmd = (c: Command): Command => ({ ...c, args: c.args.map(fillArg) });
  return script.map((item): Item => {
    if (item.kind === "command" || item.kind === "until-empty") return { ...item, command: fillCmd(item.command) };
    if (item.kind === "comment") return { ...item, text: fill(item.text) };
    return item;
  });
}

