/**
 * The learner's shell: `--shell`, else a guess. Off Windows, POSIX. On Windows `PSModulePath` and `ComSpec` are
 * system-wide, but PowerShell adds the user's module folder (`…\Documents\WindowsPowerShell\Modules`, or
 * `…\PowerShell\Modules`) to `PSModulePath` and cmd.exe sets `PROMPT`: so that folder → PowerShell, else `PROMPT` →
 * cmd.exe, else PowerShell (Windows Terminal's default).
 */
import { LabError } from "../errors.js";
import { windowsEnv } from "../places.js";
import { SHELLS, type Shell } from "./render.js";

function isShell(value: string): value is Shell {
  return (SHELLS as readonly string[]).includes(value);
}

/** PowerShell added the user's module folder (the system-wide value holds only Program Files and System32 ones). */
function startedByPowerShell(env: NodeJS.ProcessEnv): boolean {
  const entries = (windowsEnv(env, "PSModulePath") ?? "").split(";").map((e) => e.toLowerCase());
  return entries.some((e) => e.includes("\\documents\\") || /\\powershell\\7\\/.test(e) || e.includes("\\onedrive\\"));
}

export function detectShell(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Shell {
  if (platform !== "win32") return "bash";
  return startedByPowerShell(env) || !windowsEnv(env, "PROMPT") ? "powershell" : "cmd";
}

export function chooseShell(option: string | undefined, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Shell {
  if (option === undefined) return detectShell(platform, env);
  // zsh reads the same commands as bash (as `sandbox env --shell zsh` prints bash's lines).
  if (option === "zsh") return "bash";
  if (!isShell(option)) throw new LabError("usage.invalidChoice", { token: "--shell <shell>", value: option, allowed: ["bash", "zsh", ...SHELLS.slice(1)].join(", ") });
  return option;
}
