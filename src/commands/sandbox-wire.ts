/**
 * The `sandbox` command group's wiring (commander only; the work is imported lazily, so `--help`
 * stays fast): `sandbox serve` puts the sandbox account on an HTTP endpoint.
 */
import type { Command } from "commander";
import type { Translate } from "../i18n/messages.js";
import type { Environment } from "./session.js";
import type { SharedOption } from "../cli.js";
import type { ServeCommandOptions } from "./sandbox-serve.js";

export interface SandboxWiring {
  t: Translate;
  e: Environment;
  /** Adds the shared options a command uses (see cli.ts). */
  globals: (cmd: Command, uses: SharedOption[]) => Command;
  go: (cmd: Command, what: () => Promise<void>) => Promise<void>;
}

export function wireSandbox(group: Command, w: SandboxWiring): Command {
  const { t, e, go } = w;
  group
    .description(t("serve.help.group"))
    .addHelpCommand(false)
    .addHelpText("after", "\n" + t("serve.help.examples"))
    .action(() => group.outputHelp());
  const serve = group
    .command("serve")
    .description(t("serve.help.cmd"))
    .option("--port <port>", t("serve.help.port"))
    .option("--host <host>", t("serve.help.host"))
    .addHelpText("after", "\n" + t("serve.help.examples"))
    .action(async (_o, cmd: Command) =>
      go(cmd, async () => (await import("./sandbox-serve.js")).sandboxServe(cmd.optsWithGlobals<ServeCommandOptions>(), e)),
    );
  w.globals(serve, ["sandboxSpeed", "region", "lang", "json"]);
  for (const sub of group.commands) {
    sub.helpOption("-h, --help", t("help.opt.help"));
    sub.exitOverride();
  }
  return group;
}
