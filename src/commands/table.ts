/** Every command as data: words, help (message keys), argument, options as `--help` lists them, lazily loaded work. */
import type { Environment } from "./environment.js";
import type { GlobalOptions } from "./options.js";

/** The options many commands share; each command lists only those it uses. */
type SharedOption = keyof GlobalOptions;

/** An option: `choices` are all it accepts; `repeatable`: given again, it adds to a list. */
interface OptionRow {
  flags: string;
  help: string;
  choices?: readonly string[];
  repeatable?: true;
}

export const SHARED: Record<SharedOption, OptionRow> = {
  sandbox: { flags: "--sandbox", help: "help.opt.sandbox" },
  sandboxSpeed: { flags: "--sandbox-speed <factor>", help: "help.opt.sandboxSpeed" },
  profile: { flags: "--profile <name>", help: "help.opt.profile" },
  region: { flags: "--region <region>", help: "help.opt.region" },
  prefix: { flags: "--prefix <prefix>", help: "help.opt.prefix" },
  lang: { flags: "--lang <lang>", help: "help.opt.lang", choices: ["ja", "en"] },
  mode: { flags: "--mode <mode>", help: "help.opt.mode", choices: ["guided", "hands-on"] },
  yes: { flags: "-y, --yes", help: "help.opt.yes" },
  json: { flags: "--json", help: "help.opt.json" },
  endpointUrl: { flags: "--endpoint-url <url>", help: "help.opt.endpointUrl" },
  // Validated where used (shell/choose.ts), not by commander: it would refuse fish meant for `sandbox env --shell`.
  shell: { flags: "--shell <shell>", help: "shell.help" },
};

/** What a command's work is given: the argument (if it takes one), its options with the shared ones, the environment. */
export interface Invocation {
  arg: string;
  opts<T = object>(): T & GlobalOptions;
  e: Environment;
}

export interface CommandRow {
  name: string;
  help: string;
  argument?: { name: string; help: string };
  /** In the order `--help` lists them: a shared option by name, or the command's own. */
  options?: readonly (SharedOption | OptionRow)[];
    examples?: string;
  run?: (c: Invocation) => Promise<void>;
  /** A group: its subcommands. Without `run`, the group alone shows its help. */
  subcommands?: readonly CommandRow[];
  /** A group whose examples list every subcommand: each subcommand shows only its own lines. */
  examplesPerSubcommand?: true;
  /** The group's shared options are listed in each subcommand's help too. */
  showGroupOptions?: true;
}

const ALL: readonly SharedOption[] = ["sandbox", "sandboxSpeed", "profile", "region", "prefix", "lang", "mode", "yes", "json", "endpointUrl", "shell"];
const LOOK: readonly SharedOption[] = ["sandbox", "profile", "region", "prefix", "lang", "json", "endpointUrl"];
/** A workshop's region is the room's, never the language's (workshop/open.ts): its help says so. */
const ROOM_REGION: OptionRow = { flags: "--region <region>", help: "screenWidths.roomRegion" };
const CLOUD: readonly (SharedOption | OptionRow)[] = ["sandbox", "sandboxSpeed", "profile", ROOM_REGION, "lang", "yes", "json", "endpointUrl"];
const RESTART: OptionRow = { flags: "--restart", help: "help.opt.restart" };
const ROOM: OptionRow = { flags: "--room <name>", help: "room.help.opt.room" };

const challenge = (action: "list" | "check" | "give-up" | "fix" | "start") => async (c: Invocation) =>
  (await import("./challenge.js")).challenge(action, action === "start" ? c.arg : undefined, c.opts(), c.e);

/** Who is in the room (`workshop handout`, `workshop serve`): numbered prefixes or a list, and the room's name. */
const ROOM_PEOPLE: readonly OptionRow[] = [
  { flags: "--participants <list>", help: "workshop.help.opt.participantsList" },
  { flags: "--count <n>", help: "workshop.help.opt.count" },
  { flags: "--prefix-base <base>", help: "workshop.help.opt.prefixBase" },
  ROOM,
];
/** A workshop command about who is in the room: ROOM_PEOPLE's options, then its own. */
const roomRow = (name: string, help: string, own: readonly (SharedOption | OptionRow)[], run: CommandRow["run"]): CommandRow => ({ name, help, options: [...ROOM_PEOPLE, ...own], run });
const ID = { name: "<id>", help: "challenge.help.id" };

/** The program itself (`npx privatelink-lab` runs the lesson) and its commands. */
export const PROGRAM: CommandRow = {
  name: "privatelink-lab",
  help: "help.description",
  options: [...ALL, RESTART],
  examples: "help.examples",
  run: async (c) => (await import("./start.js")).start(c.opts(), c.e),
  subcommands: [
    { name: "start", help: "help.cmd.start", options: [RESTART, ...ALL], examples: "help.examples.start", run: async (c) => (await import("./start.js")).start(c.opts(), c.e) },
    { name: "status", help: "help.cmd.status", options: LOOK, examples: "help.examples.status", run: async (c) => (await import("./status.js")).status(c.opts(), c.e) },
    {
      name: "step",
      help: "help.cmd.step",
      argument: { name: "<id>", help: "help.arg.step" },
      options: ALL,
      examples: "help.examples.step",
      run: async (c) => (await import("./step.js")).step(c.arg, c.opts(), c.e),
    },
    {
      name: "destroy",
      help: "help.cmd.destroy",
      options: [{ flags: "--dry-run", help: "help.opt.dryRun" }, "sandbox", "sandboxSpeed", "profile", "region", "prefix", "lang", "yes", "json", "endpointUrl"],
      examples: "help.examples.destroy",
      run: async (c) => (await import("./destroy.js")).destroy(c.opts(), c.e),
    },
    {
      name: "templates",
      help: "help.cmd.templates",
      options: [{ flags: "--out <dir>", help: "help.opt.out" }, ...ALL],
      examples: "help.examples.templates",
      run: async (c) => (await import("./templates.js")).templates(c.opts(), c.e),
    },
    { name: "doctor", help: "doctor.help.cmd", options: LOOK, examples: "doctor.help.examples", run: async (c) => (await import("./doctor.js")).doctor(c.opts(), c.e) },
    { name: "diagnose", help: "diagnose.help.cmd", options: [...LOOK, "shell"], examples: "diagnose.help.examples", run: async (c) => (await import("./diagnose.js")).diagnose(c.opts(), c.e) },
    {
      name: "challenge",
      help: "challenge.help.cmd",
      // (no --mode: a challenge is neither guided nor hands-on; --restart is the lesson's)
      options: ALL.filter((o) => o !== "mode"),
      examples: "challenge.help.examples",
      examplesPerSubcommand: true,
      run: challenge("list"),
      showGroupOptions: true,
      subcommands: [
        { name: "list", help: "challenge.help.list", run: challenge("list") },
        { name: "start", help: "challenge.help.start", argument: ID, run: challenge("start") },
        { name: "check", help: "challenge.help.check", run: challenge("check") },
        { name: "fix", help: "challenge.help.fix", run: challenge("fix") },
        { name: "give-up", help: "challenge.help.giveUp", run: challenge("give-up") },
      ],
    },
    {
      name: "workshop",
      help: "workshop.help.cmd",
      examples: "workshop.help.examples",
      examplesPerSubcommand: true,
      subcommands: [
        {
          name: "plan",
          help: "workshop.help.plan",
          options: [
            { flags: "--participants <n>", help: "workshop.help.opt.participantsCount" },
            { flags: "--hours <h>", help: "workshop.help.opt.hours" },
            { flags: "--spare <n>", help: "workshop.help.opt.spare" },
            ...CLOUD,
            "shell",
          ],
          run: async (c) => (await import("./workshop/plan.js")).workshopPlan(c.opts(), c.e),
        },
        roomRow("handout", "workshop.help.handout", [{ flags: "--url <url>", help: "room.help.opt.url" }, "lang"], async (c) =>
          (await import("./workshop/handout.js")).workshopHandout(c.opts(), c.e),
        ),
        roomRow(
          "serve",
          "room.help.serve",
          [
            { flags: "--region <region>", help: "room.help.opt.region" },
            { flags: "--host <host>", help: "serve.help.host" },
            { flags: "--port <port>", help: "room.help.opt.port" },
            "sandboxSpeed",
            "lang",
            "json",
          ],
          async (c) => (await import("./workshop/serve.js")).workshopServe(c.opts(), c.e),
        ),
        {
          name: "status",
          help: "workshop.help.status",
          options: [
            { flags: "--once", help: "workshop.help.opt.once" },
            { flags: "--interval <seconds>", help: "workshop.help.opt.interval" },
            { flags: "--csv", help: "workshop.help.opt.csv" },
            ...CLOUD,
          ],
          run: async (c) => (await import("./workshop/status.js")).workshopStatus(c.opts(), c.e),
        },
        {
          name: "cleanup",
          help: "workshop.help.cleanup",
          options: [
            { flags: "--all", help: "workshop.help.opt.all" },
            { flags: "--participant <prefix>", help: "workshop.help.opt.participant", repeatable: true },
            { flags: "--dry-run", help: "workshop.help.opt.dryRun" },
            ...CLOUD,
          ],
          run: async (c) => (await import("./workshop/cleanup.js")).workshopCleanup(c.opts(), c.e),
        },
        {
          name: "retire",
          help: "room.help.retire",
          options: [ROOM, { flags: "--dry-run", help: "room.help.opt.retireDryRun" }, "yes", "lang", "json"],
          run: async (c) => (await import("./workshop/retire.js")).workshopRetire(c.opts(), c.e),
        },
        {
          name: "challenge",
          help: "workshop.challenge.help",
          argument: ID,
          options: [{ flags: "--all", help: "workshop.challenge.all" }, ...CLOUD],
          run: async (c) => (await import("./workshop/challenge.js")).workshopChallenge(c.arg, c.opts(), c.e),
        },
        {
          name: "rehearse",
          help: "workshop.help.rehearse",
          options: [
            { flags: "--participants <n>", help: "workshop.help.opt.participantsCount" },
            { flags: "--prefix-base <base>", help: "screens.help.rehearsePrefixBase" },
            "sandbox",
            "sandboxSpeed",
            ROOM_REGION,
            "lang",
          ],
          run: async (c) => (await import("./workshop/rehearse.js")).workshopRehearse(c.opts(), c.e),
        },
      ],
    },
    {
      name: "join",
      help: "room.help.join",
      argument: { name: "<url>", help: "room.help.arg.url" },
      options: [{ flags: "--shell <shell>", help: "sandbox-env.help.shell" }, "lang", "json"],
      examples: "room.help.joinExamples",
      run: async (c) => (await import("./join.js")).join(c.arg, c.opts(), c.e),
    },
    {
      name: "sandbox",
      help: "serve.help.group",
      examples: "serve.help.examples",
      subcommands: [
        {
          name: "serve",
          help: "serve.help.cmd",
          options: [{ flags: "--port <port>", help: "serve.help.port" }, { flags: "--host <host>", help: "serve.help.host" }, "sandboxSpeed", "region", "lang", "json"],
          examples: "serve.help.examples",
          run: async (c) => (await import("./sandbox-serve.js")).sandboxServe(c.opts(), c.e),
        },
        {
          name: "env",
          help: "sandbox-env.help.cmd",
          options: [{ flags: "--shell <shell>", help: "sandbox-env.help.shell" }, { flags: "--unset", help: "sandbox-env.help.unset" }, "lang", "json"],
          examples: "sandbox-env.help.examples",
          run: async (c) => (await import("./sandbox-env.js")).sandboxEnv(c.opts(), c.e),
        },
      ],
    },
  ],
};
