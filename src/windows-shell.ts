/**
 * Which shell runs this command, as far as the environment tells: off Windows, POSIX (bash's commands). On Windows
 * `PSModulePath` and `ComSpec` are system-wide, but PowerShell adds the user's module folder
 * (`…\Documents\WindowsPowerShell\Modules`, or `…\PowerShell\Modules`) to `PSModulePath` and cmd.exe sets `PROMPT`:
 * so that folder → PowerShell, else `PROMPT` → cmd.exe, else PowerShell (Windows Terminal's default). Below both the
 * lesson's commands (shell/) and `sandbox env`'s lines (sandbox/), which guess alike.
 */
import { windowsEnv } from "./places.js";

/** The module folders PowerShell searches (PSModulePath), lower-cased. */
const moduleFolders = (env: NodeJS.ProcessEnv): string[] => (windowsEnv(env, "PSModulePath") ?? "").split(";").map((e) => e.toLowerCase());

/** PowerShell 7 (pwsh) puts its own folder (`…\PowerShell\7\Modules`) in PSModulePath. */
const underPowerShell7 = (env: NodeJS.ProcessEnv): boolean => moduleFolders(env).some((e) => /\\powershell\\7\\/.test(e));

/** PowerShell added the user's module folder (the system-wide value holds only Program Files and System32 ones). */
function startedByPowerShell(env: NodeJS.ProcessEnv): boolean {
  return underPowerShell7(env) || moduleFolders(env).some((e) => e.includes("\\documents\\") || e.includes("\\onedrive\\"));
}

/**
 * PowerShell lines here would be read by PowerShell on Windows: Windows PowerShell 5.1 and PowerShell 7 alike decode a
 * command's output in the console's code page (`[Console]::OutputEncoding`), not UTF-8, unless the learner changed it
 * (PowerShell/PowerShell#7233, kept so on purpose), so anything but ASCII shows garbled there.
 */
export function forWindowsPowerShell(platform: NodeJS.Platform): boolean {
  return platform === "win32";
}

export function detectShell(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): "bash" | "powershell" | "cmd" {
  if (platform !== "win32") return "bash";
  return startedByPowerShell(env) || !windowsEnv(env, "PROMPT") ? "powershell" : "cmd";
}
