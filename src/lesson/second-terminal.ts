/**
 * What a hands-on learner types into a second terminal to reach the served sandbox, in the shell the lesson writes its
 * commands for: PowerShell and cmd.exe as `--shell` (or its guess on Windows) says; for bash, $SHELL tells fish and zsh
 * apart (the lesson's commands are the same there). And, on a rerun, whether a terminal set up last time still reaches it.
 */
import { defaultShell, loadCommand, loadsByItself, shellLines, type ServedTarget, type ShellKind } from "../sandbox/shell-env.js";
import type { Shell } from "../shell/render.js";
import { saveState, type LessonContext } from "./context.js";

/** The second terminal's shell: the lesson's own (absent: guessed from the environment as `sandbox env` guesses). */
export function secondTerminalShell(lessonShell: Shell | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): ShellKind {
  if (lessonShell === undefined) return defaultShell(env, platform);
  if (lessonShell !== "bash") return lessonShell;
  const posix = defaultShell(env, platform);
  return posix === "powershell" ? "bash" : posix;
}

function learnerShell(ctx: LessonContext): ShellKind {
  return secondTerminalShell(ctx.io.shell, process.env);
}

/** The served sandbox's setup, once: the line that loads it (or, for cmd.exe, prints it) and the lines to paste. */
export function announceServed(ctx: LessonContext, target: ServedTarget): void {
  const shell = learnerShell(ctx);
  ctx.io.notify({ type: "served", url: target.url, region: target.region, shell, load: loadCommand(shell), lines: shellLines(shell, target) });
}

/** The reminder under a step: the one line to run once in a second terminal. */
export function secondTerminalReminder(ctx: LessonContext): string {
  const shell = learnerShell(ctx);
  return ctx.t(loadsByItself(shell) ? "handsOnFixes.secondTerminal" : "handsOnFixes.secondTerminalPaste", { load: loadCommand(shell) });
}

/**
 * After a rerun: a terminal set up last time still works when the address and keys are the same (the account's own port
 * was free, its own key pair kept); else it would reach whatever answers the old port, so it must be set up again.
 * Nothing is said the first time. The address is remembered in the progress file for the next run.
 */
export function sayWhetherStillServed(ctx: LessonContext, url: string, sameKeys: boolean): void {
  const before = ctx.state.servedUrl;
  if (before !== undefined) {
    const message = before === url && sameKeys ? ctx.t("sandbox-env.lesson.stillServed") : ctx.t("sandbox-env.lesson.moved", { url });
    ctx.io.notify({ type: "notice", level: before === url && sameKeys ? "info" : "warn", message });
  }
  if (before !== url) {
    ctx.state.servedUrl = url;
    saveState(ctx);
  }
}
