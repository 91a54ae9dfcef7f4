/** `privatelink-lab sandbox env`: lines pointing a shell at the served sandbox, on stdout only (`eval "$(…)"`). */
import { fitForLang } from "../ui/edge-text.js";
import { LabError } from "../errors.js";
import { translator, type Vars } from "../i18n/messages.js";
import type { Lang } from "../i18n/lang.js";
import { awsCliAdvice, findAwsCli } from "../aws/cli-version.js";
import { readServed, servedFile } from "../sandbox/served-file.js";
import { commentLine, defaultShell, failureLine, isShell, SET_VARIABLES, shellLines, SHELLS, UNSET_VARIABLES, unsetLines, variables, type ShellKind } from "../sandbox/shell-env.js";
import type { GlobalOptions } from "./options.js";
import { chooseLang, type Environment } from "./session.js";
import { platformOf } from "./environment.js";
import { forWindowsPowerShell } from "../windows-shell.js";

/** `--shell`, else the shell this environment runs (PowerShell on Windows without $SHELL); undefined for a name that is no shell of ours. */
export function shellAsked(requested: string | undefined, e: Pick<Environment, "env" | "platform">): ShellKind | undefined {
  return requested === undefined ? defaultShell(e.env, platformOf(e)) : isShell(requested) ? requested : undefined;
}

export function chooseShell(requested: string | undefined, e: Pick<Environment, "env" | "platform">): ShellKind {
  const shell = shellAsked(requested, e);
  if (!shell) throw new LabError("sandbox-env.usage.badShell", { shell: String(requested), shells: SHELLS.join(", ") });
  return shell;
}

/**
 * Runs a command whose standard output a shell evaluates (`sandbox env`, `join`); if it fails, the shell gets its failure line
 * (shell-env.ts) so `$?` says so. Only when standard output is not a terminal (a learner who runs it bare reads the message
 * alone), not with --json, and not for an unknown `--shell`.
 */
export async function failingForShell(opts: GlobalOptions, e: Environment, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const shell = shellAsked(opts.shell, e);
    const line = opts.json || e.stdout.isTTY || !shell ? undefined : failureLine(shell);
    if (line) e.stdout.write(`${line}\n`);
    throw err;
  }
}

/**
 * The comment over the lines a shell runs, in the learner's language; for PowerShell on Windows (windows-shell.ts), which
 * would show anything but ASCII garbled, in English with any other character outside ASCII (a room's name) as "?".
 */
export function shellComment(shell: ShellKind, e: Pick<Environment, "env" | "platform">, lang: Lang, key: string, vars?: Vars): string {
  const ascii = shell === "powershell" && forWindowsPowerShell(platformOf(e));
  const text = translator(ascii ? "en" : lang)(key, vars);
  return commentLine(shell, ascii ? text.replace(/[^\x20-\x7e]/g, "?") : text);
}

/** `--unset`: the lines that take back what the setting lines set, so the shell reaches AWS again. */
export type SandboxEnvOptions = GlobalOptions & { unset?: boolean };

export function sandboxEnv(opts: SandboxEnvOptions, e: Environment): Promise<void> {
  return failingForShell(opts, e, async () => (opts.unset ? printUnset(opts, e) : printEnv(opts, e)));
}

/** Needs no served sandbox: the sandbox (or the workshop) may be long gone when the learner wants AWS back. */
function printUnset(opts: GlobalOptions, e: Environment): void {
  const shell = chooseShell(opts.shell, e);
  const lines = unsetLines(shell);
  if (opts.json) {
    e.stdout.write(JSON.stringify({ time: new Date(e.clock.now()).toISOString(), type: "sandbox-env-unset", shell, unset: [...SET_VARIABLES], lines }) + "\n");
    return;
  }
  e.stdout.write(`${shellComment(shell, e, chooseLang(opts, e.env), "sandbox-env.unsetComment")}\n${lines.join("\n")}\n`);
}

async function printEnv(opts: GlobalOptions, e: Environment): Promise<void> {
  const lang = chooseLang(opts, e.env);
  const t = translator(lang);
  const shell = chooseShell(opts.shell, e);
  const served = readServed(servedFile(e.env, e.stateDir));
  if (!served) throw new LabError("sandbox-env.notServing");
  const finding = await findAwsCli(e.env);
  const lines = shellLines(shell, served);
  if (opts.json) {
    const awsCli = finding.found ? { found: true, version: finding.version?.text ?? null, readsEndpointUrl: finding.readsEndpointUrl } : { found: false };
    e.stdout.write(
      JSON.stringify({
        time: new Date(e.clock.now()).toISOString(),
        type: "sandbox-env",
        shell,
        url: served.url,
        region: served.region,
        variables: Object.fromEntries(variables(served)),
        unset: [...UNSET_VARIABLES],
        lines,
        awsCli,
      }) + "\n",
    );
    return;
  }
  e.stdout.write(`${shellComment(shell, e, lang, "sandbox-env.comment", { url: served.url })}\n${lines.join("\n")}\n`);
  const advice = awsCliAdvice(t, finding, served.url);
  const err = e.stderr ?? process.stderr;
  if (advice) err.write((await fitForLang(advice, err, lang)) + "\n");
}
