/**
 * A Script (script.ts) as the learner's shell wants it typed. bash/zsh: the author's text byte for byte. PowerShell:
 * backtick continuations, single quotes, `$NAME = …`, `2>$null`, `Start-Sleep`, `while (…) { … }`; anything with a comma,
 * brace, bracket or space is quoted (bare, `a,b` is an array and `{…}` a script block). cmd.exe: `^` continuations,
 * double quotes only, `%NAME%`, `2>nul`, `timeout /t N`; no loop or `$(…)` at a prompt, so two steps explained in `rem`.
 */
import type { Arg, Command, Item, Script } from "./script.js";

export const SHELLS = ["bash", "powershell", "cmd"] as const;
export type Shell = (typeof SHELLS)[number];

/** Sentences cmd.exe needs where the other shells have syntax (in the learner's language). */
export interface CmdNotes {
  /** After a command whose output would be captured: how to keep it in NAME by hand. */
  capture(name: string): string;
  /** Before a command the other shells repeat until it prints nothing. */
  untilEmpty(seconds: number): string;
}

interface RenderOptions {
  /** Inline (a hint's code span): no line breaks, whatever the author wrote. */
  oneLine?: boolean;
  notes?: CmdNotes | undefined;
}

const FALLBACK_NOTES: CmdNotes = {
  capture: (name) => `Copy the value it printed, then type: set ${name}=(that value)`,
  untilEmpty: (s) => `Run this again every ${s} seconds until it prints nothing.`,
};

export const CONTINUE: Record<Shell, string> = { bash: " \\", powershell: " `", cmd: " ^" };
const COMMENT: Record<Shell, string> = { bash: "# ", powershell: "# ", cmd: "rem " };

/** Characters PowerShell reads as syntax in a bare argument (`,` arrays, `{}` blocks, `@` splats…). */
const PS_SAFE = /^[A-Za-z0-9_+=:.\/-]+$/;
/** Characters cmd.exe reads as syntax anywhere outside double quotes. */
const CMD_UNSAFE = /[\s&|<>^()%"']/;

function bashArg(a: Arg): string {
  if (a.kind === "ref") return a.quote ? `"$${a.value}"` : `$${a.value}`;
  if (a.kind === "fill") return `"<${a.value}>"`;
  if (a.quote === '"') return `"${a.value.replace(/(["\\$`])/g, "\\$1")}"`;
  if (a.quote === "'") return `'${a.value.replace(/'/g, `'"'"'`)}'`;
  return a.value;
}

function psArg(a: Arg): string {
  if (a.kind === "ref") return `$${a.value}`;
  if (a.kind === "fill") return /["$`]/.test(a.value) ? `'<${a.value.replace(/'/g, "''")}>'` : `"<${a.value}>"`;
  if (!a.quote && PS_SAFE.test(a.value)) return a.value;
  return `'${a.value.replace(/'/g, "''")}'`;
}

function cmdArg(a: Arg): string {
  if (a.kind === "ref") return `%${a.value}%`;
  if (a.value.includes('"')) throw new Error(`cmd.exe cannot be given a double quote inside an argument: ${a.value}`);
  if (a.kind === "fill") return `"<${a.value}>"`;
  if (!a.quote && !CMD_UNSAFE.test(a.value) && a.value !== "") return a.value;
  return `"${a.value}"`;
}

const ARG: Record<Shell, (a: Arg) => string> = { bash: bashArg, powershell: psArg, cmd: cmdArg };

/** One argument as the shell wants it typed. */
export function renderArg(a: Arg, shell: Shell): string {
  return ARG[shell](a);
}

/** Programs that are spelled differently outside POSIX. */
function program(c: Command, shell: Shell): { name: string; args: Arg[] } {
  if (c.program === "sleep" && shell === "powershell") return { name: "Start-Sleep", args: c.args };
  if (c.program === "sleep" && shell === "cmd") return { name: "timeout", args: [{ value: "/t" }, ...c.args] };
  return { name: c.program, args: c.args };
}

/** One command, continued as the shell continues lines (or on one line). */
export function renderCommand(c: Command, shell: Shell, o: RenderOptions = {}): string {
  const { name, args } = program(c, shell);
  let text = (o.oneLine ? "" : (c.lead ?? "")) + name;
  for (const a of args) text += (a.indent !== undefined && !o.oneLine ? `${CONTINUE[shell]}\n${a.indent}` : " ") + ARG[shell](a);
  if (c.quietErrors) text += { bash: " 2>/dev/null", powershell: " 2>$null", cmd: " 2>nul" }[shell];
  if (c.capture && shell === "bash") return `${c.capture}=$(${text})`;
  if (c.capture && shell === "powershell") return `$${c.capture} = ${text}`;
  if (c.capture && shell === "cmd") return `${text}\n${COMMENT.cmd}${(o.notes ?? FALLBACK_NOTES).capture(c.capture)}`;
  return text;
}

function renderItem(item: Item, shell: Shell, o: RenderOptions): string {
  switch (item.kind) {
    case "blank":
      return "";
    case "comment":
      return COMMENT[shell] + item.text;
    case "command": {
      const text = renderCommand(item.command, shell, o);
      return item.commented ? text.split("\n").map((l) => COMMENT[shell] + l).join("\n") : text;
    }
    case "until-empty": {
      const c = renderCommand(item.command, shell, o);
      if (shell === "bash") return `while ${c} | grep -q .; do\n${item.sleepLead}sleep ${item.sleep}\ndone`;
      if (shell === "powershell") return `while (${c}) {\n${item.sleepLead}Start-Sleep ${item.sleep}\n}`;
      return `${COMMENT.cmd}${(o.notes ?? FALLBACK_NOTES).untilEmpty(item.sleep)}\n${c}`;
    }
  }
}

export function renderScript(script: Script, shell: Shell, o: RenderOptions = {}): string {
  return script.map((item) => renderItem(item, shell, o)).join("\n");
}

/** The language name of a fenced block holding this shell's commands. */
export function fenceLang(shell: Shell): string {
  return { bash: "sh", powershell: "powershell", cmd: "bat" }[shell];
}
