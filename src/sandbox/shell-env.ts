/**
 * The lines that point a shell's AWS CLI at a served sandbox, for bash/zsh, fish, PowerShell and cmd.exe:
 * the endpoint, the sandbox's keys, the Region (`AWS_REGION` for CLI v2 and the SDKs,
 * `AWS_DEFAULT_REGION` for CLI v1), and no profile or session token left to override them.
 */
import { LabError } from "../errors.js";
import { detectShell } from "../windows-shell.js";
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

/** Every variable the lines set: what `sandbox env --unset` takes away again (the shell then reaches AWS as before). */
export const SET_VARIABLES = ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION"] as const;
type SetVariable = (typeof SET_VARIABLES)[number];

export function isShell(s: string): s is ShellKind {
  return (SHELLS as readonly string[]).includes(s);
}

/**
 * The learner's shell: $SHELL's name (Git Bash and WSL set it on Windows too); on Windows without one, the lesson's
 * guess (PowerShell, or cmd.exe when the environment says so: src/windows-shell.ts); else bash. `platform`: the
 * caller's (tests pass another).
 */
export function defaultShell(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): ShellKind {
  const name = (env.SHELL ?? "").split(/[\\/]/).pop()?.replace(/\.exe$/i, "").toLowerCase() ?? "";
  if (name === "fish" || name === "zsh" || name === "bash") return name;
  if (name === "pwsh" || name === "powershell") return "powershell";
  if (platform === "win32" && !env.SHELL) return detectShell(platform, env);
  return "bash";
}

/**
 * The second terminal's shell: the lesson's own (bash, powershell or cmd: shell/render.ts's), bash's being told apart
 * from zsh and fish by $SHELL; absent, guessed from the environment as `sandbox env` guesses.
 */
export function secondTerminalShell(lessonShell: ShellKind | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): ShellKind {
  if (lessonShell === undefined) return defaultShell(env, platform);
  if (lessonShell !== "bash") return lessonShell;
  const posix = defaultShell(env, platform);
  return posix === "powershell" || posix === "cmd" ? "bash" : posix;
}

export function variables(t: ServedTarget): [SetVariable, string][] {
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

/** The lines that remove `names` from this shell's environment (none of them need be set). */
function removing(shell: ShellKind, names: readonly string[]): string[] {
  switch (shell) {
    case "fish":
      return names.map((k) => `set -e ${k}`);
    case "powershell":
      return names.map((k) => `Remove-Item Env:${k} -ErrorAction SilentlyContinue`);
    case "cmd":
      return names.map((k) => `set "${k}="`);
    default:
      return [`unset ${names.join(" ")}`];
  }
}

function setting(shell: ShellKind, [k, v]: [string, string]): string {
  switch (shell) {
    case "fish":
      return `set -gx ${k} ${fishQuote(v)}`;
    case "powershell":
      return `$env:${k} = ${psQuote(v)}`;
    case "cmd":
      return cmdSet(k, v);
    default:
      return `export ${k}=${posixQuote(v)}`;
  }
}

export function shellLines(shell: ShellKind, t: ServedTarget): string[] {
  return [...variables(t).map((pair) => setting(shell, pair)), ...removing(shell, UNSET_VARIABLES)];
}

/** The lines that undo `shellLines`: every variable they set is removed (a profile they removed is the learner's to set again). */
export function unsetLines(shell: ShellKind): string[] {
  return removing(shell, SET_VARIABLES);
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

/** The one line that gives this shell back to AWS: `sandbox env --unset`, loaded as the setting lines are. */
export function unsetCommand(shell: ShellKind): string {
  return loadCommand(shell, "sandbox env --unset");
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
