/**
 * A challenge started in the sandbox is fixed by hand with the AWS CLI through a served sandbox:
 * if one runs, point a terminal at it; if not, start one first.
 */
import type { LessonContext } from "../lesson/context.js";
import { readServed } from "../sandbox/served-file.js";
import { loadCommand } from "../sandbox/shell-env.js";
import { secondTerminalShell } from "../lesson/learner-door.js";

export function fixByHandInSandbox(ctx: LessonContext): string {
  const served = ctx.servedFile ? readServed(ctx.servedFile) : undefined;
  const load = loadCommand(secondTerminalShell(ctx.io.shell, process.env));
  return served ? ctx.t("sandbox-env.challenge.byHandServed", { url: served.url, load }) : ctx.t("sandbox-env.challenge.byHand", { load });
}
