/**
 * `--help` laid out by display width: commander measures with `.length` and breaks only at spaces, which runs Japanese
 * past the edge. Here it measures with displayWidth and wraps with wrap(); lines commander does not wrap (the examples) fold here.
 */
import { Help, type Command, type HelpConfiguration, type Option } from "commander";
import type { Phrases } from "./line-breaks.js";
import { displayWidth } from "./text-width.js";
import { wrap } from "./wrap.js";
import { wrapCommand } from "./code-wrap.js";

/** The width commander lays help out for: the terminal's, or 80 when not a terminal. */
export function helpWidth(out: { isTTY?: boolean; columns?: number }): number {
  return out.isTTY && out.columns ? out.columns : 80;
}

const ASCII = /^[\x20-\x7e\n]*$/;
/**
 * The narrowest description column commander still wraps under itself (its default, 40, leaves a 60-column terminal's
 * descriptions unwrapped, and fitHelp then folds them back under the term). Narrower, fitHelp folds the whole item.
 */
const MIN_DESCRIPTION_WIDTH = 20;

/** Overrides for commander's Help (configureHelp); `words` replace "[options]" and "[command]". */
export function helpLayout(words: { options: string; command: string }, phrases?: Phrases): HelpConfiguration {
  const plain = Object.assign(new Help(), { minWidthToWrap: MIN_DESCRIPTION_WIDTH });
  const localize = (text: string) => text.replace(/\[options\]/g, words.options).replace(/\[command\]/g, words.command);
  // Plain ASCII (English help) is what commander already lays out right, and faster.
  return {
    displayWidth,
    minWidthToWrap: MIN_DESCRIPTION_WIDTH,
    boxWrap: (text: string, width: number) =>
      ASCII.test(text) ? plain.boxWrap(text, width) : wrap(text, width, { phrases }),
    subcommandTerm: (cmd: Command) => localize(plain.subcommandTerm(cmd)),
    visibleGlobalOptions: sharedOptions,
    commandUsage: (cmd: Command) => localize(plain.commandUsage(cmd)),
  };
}

/** A subcommand's options from its group (showGlobalOptions): the group's own, not the program's (--restart…). */
function sharedOptions(cmd: Command): Option[] {
  const own = new Set(cmd.options.map((o) => o.flags));
  return (cmd.parent?.options ?? []).filter((o) => !o.hidden && !own.has(o.flags));
}

/**
 * Folds each line wider than `width`. An example (`npx …`, its comment after two spaces) keeps its command pasteable
 * (continued with ` \`), its comment under its column or on lines of its own; other lines hang under their indent.
 */
export function fitHelp(text: string, width: number, phrases?: Phrases): string {
  return text
    .split("\n")
    .map((line) => (line.length <= width / 2 || displayWidth(line) <= width ? line : fitLine(line, width, phrases)))
    .join("\n");
}

/** An example PowerShell runs (`… | Out-String | iex`): continued with its backtick, not bash's ` \`. */
const POWERSHELL_EXAMPLE = /\|\s*iex\s*$/;

/**
 * `eval "$(npx …)"` folded inside the `$(…)`: each line but the last ends with ` \`, so bash reads one command there
 * (a bare line break inside `$(…)` would end it).
 */
function fitEvalExample(lead: string, inner: string, width: number): string[] {
  const opening = 'eval "$(';
  const lines = wrapCommand(lead + " ".repeat(opening.length) + inner, width - 2, "");
  lines[0] = lead + opening + lines[0]!.slice(lead.length + opening.length);
  lines[lines.length - 1] += ')"';
  return lines;
}

function fitExampleCommand(lead: string, command: string, width: number): string[] {
  if (displayWidth(lead + command) <= width) return [lead + command];
  const evaled = /^eval "\$\((npx\s.*)\)"$/.exec(command);
  if (evaled) return fitEvalExample(lead, evaled[1]!, width);
  return wrapCommand(lead + command, width, "", POWERSHELL_EXAMPLE.test(command) ? " `" : undefined);
}

function fitLine(line: string, width: number, phrases?: Phrases): string {
  const example = /^(\s*)((?:npx\s|eval "\$\(npx\s).*?)(?:\s{2,}(\S.*))?$/.exec(line);
  if (!example) {
    const lead = /^\s*/.exec(line)![0];
    return wrap(line.slice(lead.length), width, { first: lead, rest: " ".repeat(lead.length + 2), phrases });
  }
  const [, lead = "", command = "", comment] = example;
  const commandLines = fitExampleCommand(lead, command, width);
  if (!comment) return commandLines.join("\n");
  const beforeComment = line.slice(0, line.length - comment.length);
  if (commandLines.length === 1 && displayWidth(beforeComment) <= width - 20) {
    return wrap(comment, width, { first: beforeComment, rest: " ".repeat(displayWidth(beforeComment)), phrases });
  }
  return [...commandLines, wrap(comment, width, { first: lead + "    ", rest: lead + "    ", phrases })].join("\n");
}
