/** Wires commander to the table of commands (commands/table.ts), whose work loads lazily (`--help` loads no SDK). */
import { Command, CommanderError, Option } from "commander";
import { join } from "node:path";
import { isLang, langFromArgv, langFromEnv, type Lang } from "./i18n/lang.js";
import { translator, type Translate } from "./i18n/messages.js";
import { EXIT, LabError } from "./errors.js";
import { packageRoot } from "./paths.js";
import type { GlobalOptions } from "./commands/options.js";
import { fitHelp, helpLayout, helpWidth } from "./ui/help-layout.js";
import { loadPhrases, type Phrases } from "./ui/line-breaks.js";
import { PROGRAM, SHARED, type CommandRow } from "./commands/table.js";
import { platformOf, type Environment } from "./commands/environment.js";
import { chooseShell } from "./shell/choose.js";
import type { Shell } from "./shell/render.js";
import type { Output } from "./standard-output.js";
import { colorEnabled } from "./ui/color-choice.js";
import { shown } from "./ui/shown.js";
// node:fs through getBuiltinModule, not an ES import: see text-width.ts (its lazy streams and promises).
const { readFileSync } = process.getBuiltinModule("node:fs");

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** What `--version` prints: the version, or with `--json` one event line, as every `--json` output is (schemas/version.json). */
function versionText(json: boolean): string {
  return json ? JSON.stringify({ time: new Date().toISOString(), type: "version", version: version(), node: process.version }) : version();
}

/** A row's options, in its order: shared ones by name, the command's own as given. */
function addOptions(cmd: Command, row: CommandRow, t: Translate): void {
  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
  for (const o of row.options ?? []) {
    const { flags, help, choices, repeatable } = typeof o === "string" ? SHARED[o] : o;
    const option = new Option(flags, t(help));
    cmd.addOption(choices ? option.choices(choices) : repeatable ? option.argParser(collect) : option);
  }
}

/** The lines of a group's examples that show this subcommand. */
function examplesOf(all: string, group: string, name: string): string {
  const lines = all.split("\n");
  return [lines[0], ...lines.filter((l) => l.includes(`${group} ${name} `) || l.endsWith(`${group} ${name}`))].join("\n") + "\n";
}

/** Commander's own headings, in the learner's language. */
function localizeHelp(text: string, t: Translate): string {
  return text
    .replace(/^Usage:/m, t("help.title.usage"))
    .replace(/^Options:/m, t("help.title.options"))
    .replace(/^Global Options:/m, t("help.title.globalOptions"))
    .replace(/^Commands:/m, t("help.title.commands"))
    .replace(/^Arguments:/m, t("help.title.arguments"))
    // Only the words: commander may have wrapped the line right after them (keep that break).
    .replace(/\(choices:(?=\s)/g, t("help.title.choices"));
}

/** Options that take a value, so the word after them is not a command. */
function takesValue(program: Command, token: string): boolean {
  const every = (c: Command): Command[] => [c, ...c.commands.flatMap(every)];
  const all = every(program).flatMap((c) => c.options);
  return all.some((o) => (o.long === token || o.short === token) && (o.required || o.optional));
}

/** The first word that is neither an option nor an option's value: what the learner typed as a command. */
function firstWord(program: Command, argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") return argv[i + 1];
    if (!a.startsWith("-")) return a;
    if (!a.includes("=") && takesValue(program, a)) i++;
  }
  return undefined;
}

/** The command probably meant: one it begins (3+ letters: `stat` → `status`), else 1 edit away (2 from 6 letters). */
function closestCommand(word: string, names: readonly string[]): string | undefined {
  const begun = word.length >= 3 ? names.filter((n) => n.startsWith(word)) : [];
  if (begun.length === 1) return begun[0];
  // Edits: a letter added, dropped, changed, or two swapped (optimal string alignment).
  const distance = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
    return d[a.length]![b.length]!;
  };
  const best = names.map((n) => ({ n, d: distance(word, n) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= (word.length >= 6 ? 2 : 1) ? best.n : undefined;
}

/** Down the command words typed that exist (`workshop plan`); `scope`: whose options take a value (else each's). */
function descend(program: Command, argv: readonly string[], scope?: Command): { path: string[]; cmd: Command; rest: readonly string[] } {
  const path: string[] = [];
  let cmd = program;
  let rest = argv;
  for (;;) {
    const word = firstWord(scope ?? cmd, rest);
    const sub = word === undefined ? undefined : cmd.commands.find((c) => c.name() === word);
    if (!sub) return { path, cmd, rest };
    path.push(word!);
    cmd = sub;
    rest = rest.slice(rest.indexOf(word!) + 1);
  }
}

interface Usage {
  key: string;
  vars: Record<string, string>;
  /** For an unknown command or option: the one the learner probably meant. */
  suggestion?: string;
}

/** An unknown command word among `names`, with the one probably meant. */
const unknown = (token: string, names: readonly string[]): Usage => {
  const suggestion = closestCommand(token, names);
  return { key: "guard.usage.unknownCommand", vars: { token, commands: names.join(", ") }, ...(suggestion ? { suggestion } : {}) };
};

/** A commander usage error, as a message key and values (the token it complains about kept). */
function usageOf(err: CommanderError, program: Command, argv: readonly string[]): Usage {
  const token = /'([^']*)'/.exec(err.message)?.[1] ?? "";
  const names = program.commands.map((c) => c.name());
  if (err.code === "commander.excessArguments") {
    // Down the command words the learner typed, past its arguments: the next word is the extra one.
    const { path, cmd, rest: after } = descend(program, argv, program);
    let rest = after;
    for (let n = 0; n < cmd.registeredArguments.length; n++) {
      const word = firstWord(program, rest);
      if (word !== undefined) rest = rest.slice(rest.indexOf(word) + 1);
    }
    const extra = firstWord(program, rest) ?? "";
    if (path.length === 0) return unknown(extra, names);
    const sub = cmd.commands.map((c) => c.name());
    return sub.length > 0 ? unknown(extra, sub) : { key: "guard.usage.unexpectedArgument", vars: { token: extra, command: path.join(" ") } };
  }
  if (err.code === "commander.unknownOption") {
    // Commander's own guess, among this command's options and its parents': "(Did you mean --sandbox?)".
    const suggestion = /\(Did you mean (--[\w-]+)\?\)/.exec(err.message)?.[1];
    return { key: "usage.unknownOption", vars: { token }, ...(suggestion ? { suggestion } : {}) };
  }
  if (err.code === "commander.unknownCommand") {
    const parent = program.commands.find((c) => c.name() === firstWord(program, argv));
    return unknown(token, (parent ?? program).commands.map((c) => c.name()));
  }
  const known: Record<string, string> = {
    "commander.missingArgument": "usage.missingArgument",
    "commander.optionMissingArgument": "usage.optionMissingArgument",
    "commander.invalidArgument": "usage.invalidArgument",
  };
  // "option '--lang <lang>' argument 'fr' is invalid. Allowed choices are ja, en."
  const allowed = /Allowed choices are (.*?)\.?$/m.exec(err.message)?.[1];
  const value = /argument '([^']*)'/.exec(err.message)?.[1];
  if (err.code === "commander.invalidArgument" && allowed) return { key: "usage.invalidChoice", vars: { token, value: value ?? "", allowed } };
  const key = known[err.code];
  return key ? { key, vars: { token } } : { key: "edges.usage.other", vars: { message: err.message.replace(/^error: /, "") } };
}

/** `shell`: the one the command writes its commands for (the edge continues a wrapped one as it does). */
export type Runner = (what: () => Promise<void>, lang: Lang, json: boolean, profile?: string, shell?: Shell) => Promise<void>;

/** The learner's shell as the command chooses it (an unknown `--shell` is the command's to refuse: bash until then). */
function shellOf(option: string | undefined, e: Environment): Shell {
  try {
    return chooseShell(option, platformOf(e), e.env);
  } catch {
    return "bash";
  }
}

/** The learner's language: --lang, else LANG. */
function langOf(argv: readonly string[], e: Environment): Lang {
  const requested = langFromArgv(argv);
  return requested && isLang(requested) ? requested : langFromEnv(e.env);
}

const errorOutput = (e: Environment): Output => e.stderr ?? process.stderr;

/** `phrases`: Japanese phrase breaks for the help text (loaded only when help is asked for). */
function buildProgram(e: Environment, run: Runner, argv: readonly string[], phrases?: Phrases): Command {
  const lang = langOf(argv, e);
  const t = translator(lang);
  const program = new Command(PROGRAM.name);
  const versionLine = versionText(argv.includes("--json"));
  // (Commander writes the version line through writeOut: it is data, not help to fit to the terminal.)
  const fitOut = (s: string) => (s === `${versionLine}\n` ? s : fitHelp(localizeHelp(s, t), helpWidth(e.stdout), phrases));
  program
    .description(t(PROGRAM.help))
    .version(versionLine, "-v, --version", t("help.opt.version"))
    .helpOption("-h, --help", t("help.opt.help"))
    .addHelpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp(helpLayout({ options: t("help.title.optionsArg"), command: t("help.title.commandArg") }, phrases))
    .configureOutput({
      getOutHelpWidth: () => helpWidth(e.stdout),
      getOutHasColors: () => colorEnabled(Boolean(e.stdout.isTTY), e.env),
      getErrHasColors: () => colorEnabled(Boolean(errorOutput(e).isTTY), e.env),
      getErrHelpWidth: () => helpWidth(errorOutput(e)),
      writeOut: (s) => e.stdout.write(fitOut(s)),
      writeErr: (s) => errorOutput(e).write(fitHelp(localizeHelp(s, t), helpWidth(errorOutput(e)), phrases)),
      // Usage errors are reported by runCli in the learner's language.
      outputError: () => undefined,
    });
  const go = (cmd: Command, what: () => Promise<void>) => {
    const o = cmd.optsWithGlobals<GlobalOptions>();
    return run(what, (o.lang as Lang | undefined) ?? lang, Boolean(o.json), o.profile ?? e.env.AWS_PROFILE, shellOf(o.shell, e));
  };
  /** A command the learner did not name: only what the program's own `--help` lists (building them all slows every start). */
  const entry = (cmd: Command, row: CommandRow): void => {
    cmd.description(t(row.help));
    if (row.argument) cmd.argument(row.argument.name);
    const first = row.options?.[0];
    if (first) cmd.option(typeof first === "string" ? SHARED[first].flags : first.flags);
  };
  /** One row of the table (commands/table.ts) on `cmd`, then its subcommands. */
  const wire = (cmd: Command, row: CommandRow, group?: CommandRow): void => {
    if (group) cmd.description(t(row.help));
    if (row.argument) cmd.argument(row.argument.name, t(row.argument.help));
    addOptions(cmd, row, t);
    if (group?.examplesPerSubcommand && group.examples) cmd.addHelpText("after", "\n" + examplesOf(t(group.examples), group.name, row.name));
    else if (row.examples) cmd.addHelpText("after", "\n" + t(row.examples));
    const work = row.run;
    if (work) {
      cmd.action(async (...args: unknown[]) => {
        const c = args.at(-1) as Command;
        const arg = row.argument ? String(args[0]) : "";
        return go(c, () => work({ arg, opts: <T>() => c.optsWithGlobals<T & GlobalOptions>(), e }));
      });
    } else if (row.subcommands) cmd.action(() => cmd.outputHelp());
    if (row.subcommands) cmd.addHelpCommand(false);
    for (const subRow of row.subcommands ?? []) {
      const sub = cmd.command(subRow.name);
      // (A word the learner typed anywhere may be the command commander runs: that one in full.)
      if (!group && !argv.includes(subRow.name)) {
        entry(sub, subRow);
        continue;
      }
      wire(sub, subRow, row);
      sub.helpOption("-h, --help", t("help.opt.help"));
      sub.exitOverride();
      if (row.showGroupOptions) sub.configureHelp({ ...sub.configureHelp(), showGlobalOptions: true });
    }
  };
  wire(program, PROGRAM);
  return program;
}

/** A usage error on standard error as the edge says every other error (bin.ts): coloured, fitted to the terminal (loaded only then). */
async function usageText(message: string, hint: string, e: Environment, lang: Lang): Promise<string> {
  const [{ errorText }, { palette, plain }, { fitForLang }] = await Promise.all([import("./ui/error-report.js"), import("./ui/color.js"), import("./ui/edge-text.js")]);
  const err = errorOutput(e);
  const c = palette(colorEnabled(Boolean(err.isTTY), e.env));
  const text = errorText({ message, hint, exitCode: EXIT.usage }, c);
  // Sent where the program's lines go (`2>&1 | less`): wrapped as the rest are.
  return fitForLang(c.level === 0 ? plain(text) : text, err, lang, !err.isTTY && Boolean(e.stderrMerged?.()));
}

export async function runCli(argv: string[], e: Environment, run: Runner): Promise<number> {
  const lang = langOf(argv, e);
  const wantsHelp = argv.includes("--help") || argv.includes("-h");
  const program = buildProgram(e, run, argv, wantsHelp ? await loadPhrases(lang) : undefined);
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0 || err.code === "commander.helpDisplayed" || err.code === "commander.version") return EXIT.ok;
      const t = translator(lang);
      const u = usageOf(err, program, argv);
      // What the learner typed, said back: control characters escaped, as every other error does (ui/shown.ts).
      const message = t(u.key, Object.fromEntries(Object.entries(u.vars).map(([k, v]) => [k, shown(v)])));
      const hint = (u.suggestion ? t("edges.usage.didYouMean", { command: u.suggestion }) + " " : "") + t("usage.seeHelp", { command: ["npx privatelink-lab", ...descend(program, argv).path].join(" ") });
      // `--json`: one JSON event per line, nothing else, a usage error too.
      if (argv.includes("--json")) {
        e.stdout.write(JSON.stringify({ time: new Date().toISOString(), type: "error", key: u.key, message, hint, ...(u.suggestion ? { suggestion: u.suggestion } : {}) }) + "\n");
      } else errorOutput(e).write((await usageText(message, hint, e, lang)) + "\n");
      return EXIT.usage;
    }
    if (err instanceof LabError) return err.exitCode;
    throw err;
  }
}
