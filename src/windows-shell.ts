/**
 * Which shell runs this command, as far as the environment tells: off Windows, POSIX (bash's commands). On Windows
 * `PSModulePath` and `ComSpec` are system-wide, but PowerShell adds the user's module folder
 * (`…\Documents\WindowsPowerShell\Modules`, or `…\PowerShell\Modules`) to `PSModulePath` and cmd.exe sets `PROMPT`:
 * so that folder → PowerShell, else `PROMPT` → cmd.exe, else PowerShell (Windows Terminal's default). Below both the
 * lesson's commands (shell/) and `sandbox env`'s lines (sandbox/), which guess alike.
 */
import { windowsEnv } from "./places.js";

/** PowerShell added the user's module folder (the system-wide value holds only Program Files and System32 ones). */
function startedByPowerShell(env: NodeJS.ProcessEnv): boolean {
  const entries = (windowsEnv(env, "PSModulePath") ?? "").split(";").map((e) => e.toLowerCase());
  return entries.some((e) => e.includes("\\documents\\") || /\\powershell\\7\\/.test(e) || e.includes("\\onedrive\\"));
}

export function detectShell(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): "bash" | "powershell" | "cmd" {
  if (platform !== "win32") return "bash";
  return startedByPowerShell(env) || !windowsEnv(env, "PROMPT") ? "powershell" : "cmd";
}
