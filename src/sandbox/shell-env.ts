/**
 * The lines that point a shell's AWS CLI at a served sandbox, for bash/zsh, fish, PowerShell and cmd.exe:
 * the endpoint, the sandbox's keys, the Region (`AWS_REGION` for CLI v2 and the SDKs,
 * `AWS_DEFAULT_REGION` for CLI v1), and no profile or session token left to override them.
 */
import { LabError } from "../errors.js";
import { detectShell } from "../shell/choose.js";
import { ACCESS_KEY_PREFIX } from "./serve/credentials.js";

export const SHELLS = ["bash", "zsh", "fish", "powershell", "cmd"] as const;
export type ShellKind = (typeof SHELLS)[number];

export interface ServedTarget {
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * This shell's AWS variables point at a sandbox this tool serves: an endpoint, and an access key with the prefix AWS never
 * issues, so AWS cannot bill a request signed with it. (The SDK takes the environment's keys before a profile given to the tool.)
 */
export function onServedSandbox(env: NodeJS.ProcessEnv, endpointUrl: string | undefined): boolean {
  return Boolean(endpointUrl) && (env.AWS_ACCESS_KEY_ID ?? "").startsWith(ACCESS_KEY_PREFIX);
}

export const UNSET_VARIABLES = ["AWS_PROFILE", "AWS_SESSION_TOKEN"] as const;

export function isShell(s: string): s is ShellKind {
  return (SHELLS as readonly string[]).includes(s);
}

/**
 * The learner's shell: $SHELL's name; on Windows without one, the lesson's guess (PowerShell, or cmd.exe when the
 * environment says so: src/shell/choose.ts); else bash.
 */
export function defaultShell(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): ShellKind {
  const name = (env.SHELL ?? "").split(/[\\/]/).pop()?.replace(/\.exe$/i, "").toLowerCase() ?? "";
  if (name === "fish" || name === "zsh" || name === "bash") return name;
  if (name === "pwsh" || name === "powershell") return "powershell";
  if (platform === "win32" && !env.SHELL) return detectShell(platform, env);
  return "bash";
}

export function variables(t: ServedTarget): [string, string][] {
  return [
    ["AWS_ENDPOINT_URL", t.url],
    ["AWS_ACCESS_KEY_ID", t.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", t.secretAccessKey],
    ["AWS_REGION", t.region],
    ["AWS_DEFAULT_REGION", t.region],
  ];
}

const posixQuote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
const fishQuote = (v: string) => `'${v.replace(/[\\']/g, (c) => `\\${c}`)}'`;
const psQuote = (v: string) => `'${v.replace(/'/g, "''")}'`;
/**
 * cmd.exe: `set "NAME=value"` keeps `&`, `|`, `<`, `>`, `^` and spaces literal; nothing makes a double quote, a `%` (expanded
 * at the prompt) or a line break safe there, so a value holding one is refused rather than printed.
 */
const CMD_UNSAFE_VALUE = /["%!\r\n\x00-\x1f\x7f]/;
function cmdSet(name: string, v: string): string {
  if (CMD_UNSAFE_VALUE.test(v)) throw new LabError("sandbox-env.cmdUnsafe", { name });
  return `set "${name}=${v}"`;
}

export function shellLines(shell: ShellKind, t: ServedTarget): string[] {
  const vars = variables(t);
  switch (shell) {
    case "fish":
      return [...vars.map(([k, v]) => `set -gx ${k} ${fishQuote(v)}`), ...UNSET_VARIABLES.map((k) => `set -e ${k}`)];
    case "powershell":
      return [...vars.map(([k, v]) => `$env:${k} = ${psQuote(v)}`), ...UNSET_VARIABLES.map((k) => `Remove-Item Env:${k} -ErrorAction SilentlyContinue`)];
    case "cmd":
      return [...vars.map(([k, v]) => cmdSet(k, v)), ...UNSET_VARIABLES.map((k) => `set "${k}="`)];
    default:
      return [...vars.map(([k, v]) => `export ${k}=${posixQuote(v)}`), `unset ${UNSET_VARIABLES.join(" ")}`];
  }
}

/** A comment line in this shell (cmd.exe reads `#` as a command). */
export function commentLine(shell: ShellKind, text: string): string {
  return `${shell === "cmd" ? "rem" : "#"} ${text.replace(/[\r\n]+/g, " ")}`;
}

/**
 * What a failed command leaves for the shell evaluating its output, so the shell's status says it failed
 * (`eval "$(…)" && …` stops): `false` in bash, zsh and fish; nothing for PowerShell's `| iex` and cmd.exe's paste,
 * which see the command's own exit code.
 */
export function failureLine(shell: ShellKind): string | undefined {
  return shell === "powershell" || shell === "cmd" ? undefined : "false";
}

/** The shell can run the printed lines from one command; cmd.exe cannot (no eval): its lines are pasted. */
export function loadsByItself(shell: ShellKind): boolean {
  return shell !== "cmd";
}

/** One line that loads them in a shell (cmd.exe: the command that prints the lines to paste). */
export function loadCommand(shell: ShellKind, command = "sandbox env"): string {
  switch (shell) {
    case "cmd":
      return `npx privatelink-lab ${command} --shell cmd`;
    case "fish":
      return `npx privatelink-lab ${command} --shell fish | source`;
    case "powershell":
      return `npx privatelink-lab ${command} --shell powershell | Out-String | iex`;
    default:
      return `eval "$(npx privatelink-lab ${command})"`;
  }
}
