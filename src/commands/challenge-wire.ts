/** The `challenge` command group's wiring (commander only; the work is imported lazily). */
import type { Command } from "commander";
import type { Translate } from "../i18n/messages.js";
import type { GlobalOptions } from "./options.js";
import type { Environment } from "./session.js";

export interface ChallengeWiring {
  t: Translate;
  e: Environment;
  opts: (cmd: Command) => GlobalOptions;
  go: (cmd: Command, what: () => Promise<void>) => Promise<void>;
}

export function wireChallenge(group: Command, w: ChallengeWiring): Command {
  const { t, e, go, opts } = w;
  const run = (cmd: Command, action: "list" | "check" | "give-up" | "fix", id?: string) =>
    go(cmd, async () => (await import("./challenge.js")).challenge(action, id, opts(cmd), e));
  group
    .description(t("challenge.help.cmd"))
    .addHelpCommand(false)
    .addHelpText("after", "\n" + t("challenge.help.examples"))
    .action(async (_o, cmd: Command) => run(cmd, "list"));
  group.command("list").description(t("challenge.help.list")).action(async (_o, cmd: Command) => run(cmd, "list"));
  group
    .command("start")
    .description(t("challenge.help.start"))
    .argument("<id>", t("challenge.help.id"))
    .action(async (id: string, _o, cmd: Command) => go(cmd, async () => (await import("./challenge.js")).challenge("start", id, opts(cmd), e)));
  group.command("check").description(t("challenge.help.check")).action(async (_o, cmd: Command) => run(cmd, "check"));
  group.command("fix").description(t("challenge.help.fix")).action(async (_o, cmd: Command) => run(cmd, "fix"));
  group.command("give-up").description(t("challenge.help.giveUp")).action(async (_o, cmd: Command) => run(cmd, "give-up"));
  // The shared options (--sandbox, --prefix, …) belong to `challenge`; each subcommand's --help lists them too.
  for (const sub of group.commands) sub.configureHelp({ ...sub.configureHelp(), showGlobalOptions: true });
  return group;
}
