/** A sandbox challenge is fixed by hand with the AWS CLI via a served sandbox: point a terminal at it, or start one. */
import type { LessonContext } from "../lesson/context.js";
import { readServed } from "../sandbox/served-file.js";
import { loadCommand } from "../sandbox/shell-env.js";
import { secondTerminalShell } from "../lesson/second-terminal.js";

export function fixByHandInSandbox(ctx: LessonContext): string {
  const served = ctx.servedFile ? readServed(ctx.servedFile) : undefined;
  const load = loadCommand(secondTerminalShell(ctx.io.shell, process.env));
  return served ? ctx.t("sandbox-env.challenge.byHandServed", { url: served.url, load }) : ctx.t("sandbox-env.challenge.byHand", { load });
}
