/**
 * Wires commander to the commands. Nothing else: commands are imported lazily so that `--help`
 * and `--version` never load the AWS SDK.
 */
import { Command, CommanderError, Option } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isLang, langFromArgv, langFromEnv, type Lang } from "./i18n/lang.js";
import { translator, type Translate } from "./i18n/messages.js";
import { EXIT, LabError } from "./errors.js";
import { packageRoot } from "./paths.js";
import type { GlobalOptions } from "./commands/options.js";
import { fitHelp, helpLayout, helpWidth } from "./ui/help-layout.js";
import { loadPhrases, type Phrases } from "./ui/line-breaks.js";
import { wireWorkshop } from "./commands/workshop/wire.js";
import { wireChallenge } from "./commands/challenge-wire.js";
import { wireSandbox } from "./commands/sandbox-wire.js";
import { wireSandboxEnv } from "./commands/sandbox-env-wire.js";
import type { Environment } from "./commands/environment.js";
import type { Output } from "./standard-output.js";
import { colorEnabled } from "./ui/color-choice.js";

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

export type SharedOption = "sandbox" | "sandboxSpeed" | "profile" | "region" | "prefix" | "lang" | "mode" | "yes" | "json" | "endpointUrl";
const ALL: SharedOption[] = ["sandbox", "sandboxSpeed", "profile", "region", "prefix", "lang", "mode", "yes", "json", "endpointUrl"];
const LESSON = ALL;
/** Each command's help lists only the shared options it uses. */
const USES: Record<string, SharedOption[]> = {
  start: LESSON,
  step: LESSON,
  status: ["sandbox", "profile", "region", "prefix", "lang", "json", "endpointUrl"],
  destroy: ["sandbox", "sandboxSpeed", "profile", "region", "prefix", "lang", "yes", "json", "endpointUrl"],
  doctor: ["sandbox", "profile", "region", "prefix", "lang", "json", "endpointUrl"],
  diagnose: ["sandbox", "profile", "region", "prefix", "lang", "json", "endpointUrl"],
};

function sharedOptions(cmd: Command, t: Translate, uses: SharedOption[] = ALL): Command {
  const add: Record<SharedOption, () => Command> = {
    sandbox: () => cmd.option("--sandbox", t("help.opt.sandbox")),
    sandboxSpeed: () => cmd.option("--sandbox-speed <factor>", t("help.opt.sandboxSpeed")),
    profile: () => cmd.option("--profile <name>", t("help.opt.profile")),
    region: () => cmd.option("--region <region>", t("help.opt.region")),
    prefix: () => cmd.option("--prefix <prefix>", t("help.opt.prefix")),
    lang: () => cmd.addOption(new Option("--lang <lang>", t("help.opt.lang")).choices(["ja", "en"])),
    mode: () => cmd.addOption(new Option("--mode <mode>", t("help.opt.mode")).choices(["guided", "hands-on"])),
    yes: () => cmd.option("-y, --yes", t("help.opt.yes")),
    json: () => cmd.option("--json", t("help.opt.json")),
    endpointUrl: () => cmd.option("--endpoint-url <url>", t("help.opt.endpointUrl")),
  };
  for (const name of uses) add[name]();
  return cmd;
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
  const all = [program, ...program.commands].flatMap((c) => c.options);
  return all.some((o) => (o.long === token || o.short === token) && (o.required || o.optional));
}

/** The first word that is neither an option nor an option's value: what the learner typed as a command. */
function firstWord(program: Command, argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") return argv[i + 1];
    if (a.startsWith("-")) {
      if (!a.includes("=") && takesValue(program, a)) i++;
      continue;
    }
    return a;
  }
  return undefined;
}

/** A commander usage error, said in the learner's language (the token it complains about kept). */
function usageMessage(err: CommanderError, t: Translate, program: Command, argv: readonly string[]): string {
  const token = /'([^']*)'/.exec(err.message)?.[1] ?? "";
  const commands = program.commands.map((c) => c.name()).join(", ");
  if (err.code === "commander.excessArguments") {
    const word = firstWord(program, argv) ?? "";
    const known = program.commands.find((c) => c.name() === word);
    if (!known) return t("guard.usage.unknownCommand", { token: word, commands });
    const sub = known.commands.length > 0 ? known.commands.map((c) => c.name()).join(", ") : "";
    const rest = argv.slice(argv.indexOf(word) + 1);
    const extra = firstWord(program, rest) ?? "";
    return sub ? t("guard.usage.unknownCommand", { token: extra, commands: sub }) : t("guard.usage.unexpectedArgument", { token: extra, command: word });
  }
  if (err.code === "commander.unknownCommand") {
    const parent = program.commands.find((c) => c.name() === firstWord(program, argv));
    return t("guard.usage.unknownCommand", { token, commands: (parent ?? program).commands.map((c) => c.name()).join(", ") });
  }
  const known: Record<string, string> = {
    "commander.unknownOption": "usage.unknownOption",
    "commander.missingArgument": "usage.missingArgument",
    "commander.optionMissingArgument": "usage.optionMissingArgument",
    "commander.invalidArgument": "usage.invalidArgument",
    "commander.excessArguments": "usage.excessArguments",
  };
  const key = known[err.code];
  // "option '--lang <lang>' argument 'fr' is invalid. Allowed choices are ja, en."
  const allowed = /Allowed choices are (.*?)\.?$/m.exec(err.message)?.[1];
  const value = /argument '([^']*)'/.exec(err.message)?.[1];
  if (err.code === "commander.invalidArgument" && allowed) return t("usage.invalidChoice", { token, value: value ?? "", allowed });
  return key ? t(key, { token }) : err.message.replace(/^error: /, "");
}

export type Runner = (what: () => Promise<void>, lang: Lang, json: boolean, profile?: string) => Promise<void>;

/** The learner's language: --lang, else LANG. */
function langOf(argv: readonly string[], e: Environment): Lang {
  const requested = langFromArgv(argv);
  return requested && isLang(requested) ? requested : langFromEnv(e.env);
}

const errorOutput = (e: Environment): Output => e.stderr ?? process.stderr;

/** `phrases`: Japanese phrase breaks for the help text (loaded only when help is asked for). */
export function buildProgram(e: Environment, run: Runner, argv: readonly string[], phrases?: Phrases): Command {
  const lang = langOf(argv, e);
  const t = translator(lang);
  const program = new Command("privatelink-lab");
  program
    .description(t("help.description"))
    .version(version(), "-v, --version", t("help.opt.version"))
    .helpOption("-h, --help", t("help.opt.help"))
    .addHelpCommand(false)
    .showSuggestionAfterError(true)
    .addHelpText("after", "\n" + t("help.examples"))
    .exitOverride()
    .configureHelp(helpLayout(t("help.title.optionsArg"), phrases))
    .configureOutput({
      getOutHelpWidth: () => helpWidth(e.stdout),
      // (commander's own checks would open process.stdout and process.stderr: see standard-output.ts)
      getOutHasColors: () => colorEnabled(Boolean(e.stdout.isTTY), e.env),
      getErrHasColors: () => colorEnabled(Boolean(errorOutput(e).isTTY), e.env),
      getErrHelpWidth: () => helpWidth(errorOutput(e)),
      writeOut: (s) => e.stdout.write(fitHelp(localizeHelp(s, t), helpWidth(e.stdout), phrases)),
      writeErr: (s) => errorOutput(e).write(fitHelp(localizeHelp(s, t), helpWidth(errorOutput(e)), phrases)),
      // Usage errors are reported by runCli in the learner's language.
      outputError: () => undefined,
    });
  sharedOptions(program, t);
  const opts = (cmd: Command): GlobalOptions => cmd.optsWithGlobals<GlobalOptions>();
  const go = (cmd: Command, what: () => Promise<void>) =>
    run(what, (opts(cmd).lang as Lang | undefined) ?? lang, Boolean(opts(cmd).json), opts(cmd).profile ?? e.env.AWS_PROFILE);

  program.option("--restart", t("help.opt.restart"));
  program.action(async (_o, cmd: Command) => go(cmd, async () => (await import("./commands/start.js")).start(opts(cmd), e)));
  program
    .command("start")
    .description(t("help.cmd.start"))
    .option("--restart", t("help.opt.restart"))
    .addHelpText("after", "\n" + t("help.examples.start"))
    .action(async (_o, cmd: Command) => go(cmd, async () => (await import("./commands/start.js")).start(opts(cmd), e)));
  program
    .command("status")
    .description(t("help.cmd.status"))
    .action(async (_o, cmd: Command) => go(cmd, async () => (await import("./commands/status.js")).status(opts(cmd), e)));
  program
    .command("step")
    .description(t("help.cmd.step"))
    .argument("<id>", t("help.arg.step"))
    .addHelpText("after", "\n" + t("help.examples.step"))
    .action(async (id: string, _o, cmd: Command) => go(cmd, async () => (await import("./commands/step.js")).step(id, opts(cmd), e)));
  program
    .command("destroy")
    .description(t("help.cmd.destroy"))
    .option("--dry-run", t("help.opt.dryRun"))
    .addHelpText("after", "\n" + t("help.examples.destroy"))
    .action(async (_o, cmd: Command) => go(cmd, async () => (await import("./commands/destroy.js")).destroy(opts(cmd), e)));
  program
    .command("templates")
    .description(t("help.cmd.templates"))
    .option("--out <dir>", t("help.opt.out"))
    .addHelpText("after", "\n" + t("help.examples.templates"))
    .action(async (_o, cmd: Command) => go(cmd, async () => (await import("./commands/templates.js")).templates(opts(cmd), e)));
  program
    .command("doctor")
    .description(t("doctor.help.cmd"))
    .addHelpText("after", "\n" + t("doctor.help.examples"))
    .action(async (_o, cmd: Command) => go(cmd, async () => (await import("./commands/doctor.js")).doctor(opts(cmd), e)));
  program
    .command("diagnose")
    .description(t("diagnose.help.cmd"))
    .addHelpText("after", "\n" + t("diagnose.help.examples"))
    .action(async (_o, cmd: Command) => go(cmd, async () => (await import("./commands/diagnose.js")).diagnose(opts(cmd), e)));
  wireChallenge(program.command("challenge"), { t, go, opts, e });
  wireWorkshop(program.command("workshop"), { t, e, go, globals: (c, uses) => sharedOptions(c, t, uses) });
  const sandboxGroup = wireSandbox(program.command("sandbox"), { t, e, go, globals: (c, uses) => sharedOptions(c, t, uses) });
  wireSandboxEnv(sandboxGroup, { t, go, opts, e, globals: (c, uses) => sharedOptions(c, t, uses) });
  for (const sub of program.commands) {
    if (sub.name() !== "workshop" && sub.name() !== "sandbox") sharedOptions(sub, t, USES[sub.name()] ?? ALL);
    sub.helpOption("-h, --help", t("help.opt.help"));
    sub.exitOverride();
  }
  return program;
}

/** Parses argv and runs; returns the exit code. */
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
      errorOutput(e).write(`✖ ${usageMessage(err, t, program, argv)}\n→ ${t("usage.seeHelp")}\n`);
      return EXIT.usage;
    }
    if (err instanceof LabError) return err.exitCode;
    throw err;
  }
}
