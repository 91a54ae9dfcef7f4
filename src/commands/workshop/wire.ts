/**
 * The `workshop` command group's wiring (commander only; each subcommand is imported lazily, so
 * `--help` stays fast). `cli.ts` hands over the group and its helpers.
 */
import type { Command } from "commander";
import type { Translate } from "../../i18n/messages.js";
import type { GlobalOptions } from "../options.js";
import type { Environment } from "../session.js";
import type { SharedOption } from "../../cli.js";

const CLOUD: SharedOption[] = ["sandbox", "sandboxSpeed", "profile", "region", "lang", "yes", "json", "endpointUrl"];
/** The shared options each workshop command uses. */
const USES: Record<string, SharedOption[]> = { handout: ["lang"], rehearse: ["sandbox", "sandboxSpeed", "region", "lang"] };

/** The lines of the group's examples that show this subcommand. */
function examplesOf(all: string, name: string): string {
  const lines = all.split("\n");
  return [lines[0], ...lines.filter((l) => l.includes(`workshop ${name} `) || l.endsWith(`workshop ${name}`))].join("\n") + "\n";
}

export interface WorkshopWiring {
  t: Translate;
  e: Environment;
  /** Adds the shared options a command uses (see cli.ts). */
  globals: (cmd: Command, uses: SharedOption[]) => Command;
  /** Runs a command's work at the edge (errors rendered, exit code set). */
  go: (cmd: Command, what: () => Promise<void>) => Promise<void>;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function wireWorkshop(group: Command, w: WorkshopWiring): Command {
  const { t, e, go } = w;
  const opts = <T>(cmd: Command): T & GlobalOptions => cmd.optsWithGlobals<T & GlobalOptions>();
  group
    .description(t("workshop.help.cmd"))
    .addHelpCommand(false)
    .addHelpText("after", "\n" + t("workshop.help.examples"))
    // `workshop` alone shows what it offers.
    .action(() => group.outputHelp());
  group
    .command("plan")
    .description(t("workshop.help.plan"))
    .option("--participants <n>", t("workshop.help.opt.participantsCount"))
    .option("--hours <h>", t("workshop.help.opt.hours"))
    .option("--spare <n>", t("workshop.help.opt.spare"))
    .action(async (_o, cmd: Command) => go(cmd, async () => (await import("./plan.js")).workshopPlan(opts(cmd), e)));
  group
    .command("handout")
    .description(t("workshop.help.handout"))
    .option("--participants <list>", t("workshop.help.opt.participantsList"))
    .option("--count <n>", t("workshop.help.opt.count"))
    .option("--prefix-base <base>", t("workshop.help.opt.prefixBase"))
    .action(async (_o, cmd: Command) => go(cmd, async () => (await import("./handout.js")).workshopHandout(opts(cmd), e)));
  group
    .command("status")
    .description(t("workshop.help.status"))
    .option("--once", t("workshop.help.opt.once"))
    .option("--interval <seconds>", t("workshop.help.opt.interval"))
    .option("--csv", t("workshop.help.opt.csv"))
    .action(async (_o, cmd: Command) => go(cmd, async () => (await import("./status.js")).workshopStatus(opts(cmd), e)));
  group
    .command("cleanup")
    .description(t("workshop.help.cleanup"))
    .option("--all", t("workshop.help.opt.all"))
    .option("--participant <prefix>", t("workshop.help.opt.participant"), collect)
    .option("--dry-run", t("workshop.help.opt.dryRun"))
    .action(async (_o, cmd: Command) => go(cmd, async () => (await import("./cleanup.js")).workshopCleanup(opts(cmd), e)));
  group
    .command("challenge")
    .description(t("workshop.challenge.help"))
    .argument("<id>", t("challenge.help.id"))
    .option("--all", t("workshop.challenge.all"))
    .action(async (id: string, _o, cmd: Command) => go(cmd, async () => (await import("./challenge.js")).workshopChallenge(id, opts(cmd), e)));
  group
    .command("rehearse")
    .description(t("workshop.help.rehearse"))
    .option("--participants <n>", t("workshop.help.opt.participantsCount"))
    .option("--prefix-base <base>", t("screens.help.rehearsePrefixBase"))
    .action(async (_o, cmd: Command) => go(cmd, async () => (await import("./rehearse.js")).workshopRehearse(opts(cmd), e)));
  for (const sub of group.commands) {
    w.globals(sub, USES[sub.name()] ?? CLOUD);
    sub.helpOption("-h, --help", t("help.opt.help")).addHelpText("after", "\n" + examplesOf(t("workshop.help.examples"), sub.name())).exitOverride();
  }
  return group;
}
