/** `sandbox env`'s wiring (commander only; the work is imported lazily). */
import type { Command } from "commander";
import type { Translate } from "../i18n/messages.js";
import type { GlobalOptions } from "./options.js";
import type { Environment } from "./session.js";
import type { SharedOption } from "../cli.js";

export interface SandboxEnvWiring {
  t: Translate;
  e: Environment;
  opts: (cmd: Command) => GlobalOptions;
  go: (cmd: Command, what: () => Promise<void>) => Promise<void>;
  /** Adds the shared options a command uses (see cli.ts). */
  globals: (cmd: Command, uses: SharedOption[]) => Command;
}

export function wireSandboxEnv(group: Command, w: SandboxEnvWiring): Command {
  const { t, e, go, opts } = w;
  const env = group
    .command("env")
    .description(t("sandbox-env.help.cmd"))
    .option("--shell <shell>", t("sandbox-env.help.shell"))
    .addHelpText("after", "\n" + t("sandbox-env.help.examples"))
    .action(async (o: { shell?: string }, cmd: Command) => go(cmd, async () => (await import("./sandbox-env.js")).sandboxEnv({ ...opts(cmd), ...(o.shell !== undefined ? { shell: o.shell } : {}) }, e)));
  w.globals(env, ["lang", "json"]);
  env.helpOption("-h, --help", t("help.opt.help"));
  env.exitOverride();
  return env;
}
