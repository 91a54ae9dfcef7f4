/** The learner's shell: `--shell`, else the guess of windows-shell.ts (off Windows, POSIX). */
import { LabError } from "../errors.js";
import { detectShell } from "../windows-shell.js";
import { SHELLS, type Shell } from "./render.js";

function isShell(value: string): value is Shell {
  return (SHELLS as readonly string[]).includes(value);
}

export function chooseShell(option: string | undefined, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Shell {
  if (option === undefined) return detectShell(platform, env);
  // zsh reads the same commands as bash (as `sandbox env --shell zsh` prints bash's lines).
  if (option === "zsh") return "bash";
  if (!isShell(option)) throw new LabError("usage.invalidChoice", { token: "--shell <shell>", value: option, allowed: ["bash", "zsh", ...SHELLS.slice(1)].join(", ") });
  return option;
}
