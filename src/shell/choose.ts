/**
 * Which shell the learner types the printed commands into: `--shell` when given, else guessed
 * from the platform and the environment. On Windows that is PowerShell (Windows Terminal's
 * default, and what the Start menu's "Terminal" opens), unless the environment says cmd.exe:
 * PowerShell always sets `PSModulePath` for what it starts, while cmd.exe sets `PROMPT`
 * and `ComSpec` only. Everywhere else it is the POSIX shell (bash and zsh read the same form).
 */
import { LabError } from "../errors.js";
import { SHELLS, type Shell } from "./render.js";

export function isShell(value: string): value is Shell {
  return (SHELLS as readonly string[]).includes(value);
}

/** Windows environment variables are case-insensitive; Node's copy keeps their spelling. */
function envHas(env: NodeJS.ProcessEnv, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(env).some((k) => k.toLowerCase() === lower && env[k] !== undefined && env[k] !== "");
}

export function detectShell(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Shell {
  if (platform !== "win32") return "bash";
  if (envHas(env, "PSModulePath")) return "powershell";
  if (envHas(env, "PROMPT") || envHas(env, "ComSpec")) return "cmd";
  return "powershell";
}

export function chooseShell(option: string | undefined, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Shell {
  if (option === undefined) return detectShell(platform, env);
  if (!isShell(option)) throw new LabError("usage.invalidChoice", { token: "--shell <shell>", value: option, allowed: SHELLS.join(", ") });
  return option;
}
