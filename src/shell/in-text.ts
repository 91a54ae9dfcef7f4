/**
 * Lesson text with its commands (fenced `sh` blocks, inline `aws …`/`npx …` spans) parsed into Scripts before the
 * learner's values go in, then filled and rendered for their shell. A block outside the subset is shown as written.
 */
import { fillPlaceholders } from "../content/lesson-content.js";
import type { Translate } from "../i18n/messages.js";
import { fenceLang, renderScript, type CmdNotes, type Shell } from "./render.js";
import { fillScript, parseScript, ScriptSyntaxError, type Script } from "./script.js";

export type Vars = Record<string, string | undefined>;

const FENCE = /^```(sh|bash|shell)\n([\s\S]*?)\n```$/gm;
const INLINE = /`((?:aws|npx) [^`\n]+)`/g;

interface ShellText {
  markdown: string;
  /** The commands, as data: one Script per block or inline command, in order. */
  commands: Script[];
}

/** The sentences cmd.exe needs (capture and wait by hand), in the learner's language. */
export function cmdNotes(t: Translate): CmdNotes {
  return {
    capture: (name) => t("shell.cmd.capture", { name }),
    untilEmpty: (seconds) => t("shell.cmd.untilEmpty", { seconds }),
  };
}

function tryParse(text: string): Script | undefined {
  try {
    return parseScript(text);
  } catch (e) {
    if (e instanceof ScriptSyntaxError) return undefined;
    throw e;
  }
}

/** Fills `{{var}}` in Markdown and renders its commands for `shell`. */
export function shellMarkdown(text: string, shell: Shell, vars: Vars, notes?: CmdNotes): ShellText {
  const commands: Script[] = [];
  const pieces: string[] = [];
  let last = 0;
  // Fenced blocks first; inline spans only in the prose between them.
  for (const m of text.matchAll(FENCE)) {
    pieces.push(inlineCommands(text.slice(last, m.index), shell, vars, commands, notes));
    const script = tryParse(m[2]!);
    if (script) {
      const filled = fillScript(script, vars);
      commands.push(filled);
      pieces.push("```" + fenceLang(shell) + "\n" + renderScript(filled, shell, { notes }) + "\n```");
    } else pieces.push(fillPlaceholders(m[0], vars));
    last = m.index + m[0].length;
  }
  pieces.push(inlineCommands(text.slice(last), shell, vars, commands, notes));
  return { markdown: pieces.join(""), commands };
}

function inlineCommands(prose: string, shell: Shell, vars: Vars, commands: Script[], notes?: CmdNotes): string {
  let out = "";
  let last = 0;
  for (const m of prose.matchAll(INLINE)) {
    out += fillPlaceholders(prose.slice(last, m.index), vars);
    const script = tryParse(m[1]!);
    if (script && script.length === 1) {
      const filled = fillScript(script, vars);
      commands.push(filled);
      out += "`" + renderScript(filled, shell, { oneLine: true, notes }) + "`";
    } else out += fillPlaceholders(m[0], vars);
    last = m.index + m[0].length;
  }
  return out + fillPlaceholders(prose.slice(last), vars);
}

/** Plain command lines (a diagnose fix's `cli`) as one Script; lines for the instance's shell (`sudo …`) stay as written. */
export function shellLines(text: string, shell: Shell, vars: Vars, notes?: CmdNotes): { text: string; commands: Script[] } {
  const script = /^aws /.test(text.trimStart()) ? tryParse(text.trimEnd()) : undefined;
  if (!script) return { text: fillPlaceholders(text, vars).trimEnd(), commands: [] };
  const filled = fillScript(script, vars);
  return { text: renderScript(filled, shell, { notes }), commands: [filled] };
}
