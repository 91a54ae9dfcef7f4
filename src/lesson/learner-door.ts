/**
 * Hands-on in the sandbox: the lesson serves the account on 127.0.0.1 (its own port when free) so the learner's AWS CLI
 * reaches it, says once what to paste into a second terminal, and closes it at the end. On AWS nothing is needed; in a
 * workshop room the learner pastes their join line again there. The lines are for the shell the lesson writes its
 * commands for: PowerShell and cmd.exe as `--shell` (or its guess on Windows) says; for bash, $SHELL tells fish and zsh
 * apart (the lesson's commands are the same there).
 */
import { awsCliAdvice, findAwsCli } from "../aws/cli-version.js";
import { errorMessage } from "../errors.js";
import { publishServed } from "../sandbox/served-file.js";
import { loadCommand, loadsByItself, secondTerminalShell, shellLines, unsetCommand, type ServedTarget, type ShellKind } from "../sandbox/shell-env.js";
import type { LabEvent } from "../ui/io-host.js";
import { saveState, type LessonContext } from "./context.js";

/** What a rerun says of the terminal set up last time: the `served` event's own values (ui/event-schema.ts). */
type LastTime = NonNullable<Extract<LabEvent, { type: "served" }>["lastTime"]>;

interface Door {
  reachable: boolean;
  close?: () => Promise<void>;
}

const doors = new WeakMap<LessonContext, Door>();

async function open(ctx: LessonContext): Promise<Door> {
  const sandbox = ctx.clients.sandbox;
  if (!sandbox) return { reachable: false };
  let served: Awaited<ReturnType<typeof import("../sandbox/serve/server.js").serveSandbox>>;
  let ownKeys = false;
  // The account's own port (0: none, any free one).
  let port = 0;
  try {
    const [{ serveSandbox }, { sandboxCredentials, preferredPort }, { SqliteStore }] = await Promise.all([
      import("../sandbox/serve/server.js"),
      import("../sandbox/serve/credentials.js"),
      import("../sandbox/account/sqlite-store.js"),
    ]);
    // The account's own key pair (the one `sandbox serve` uses), kept beside its file.
    const credentials = sandbox.store instanceof SqliteStore ? sandboxCredentials(sandbox.store.path) : undefined;
    // On the account's own port when it is free: a shell pointed at it last time still works.
    port = credentials ? preferredPort(credentials) : 0;
    ownKeys = credentials !== undefined;
    served = await serveSandbox({ sandbox, host: "127.0.0.1", port, anyPortIfTaken: true, ...(credentials ? { credentials } : {}) });
  } catch (err) {
    ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("sandbox-env.lesson.notServed", { reason: errorMessage(err) }) });
    return { reachable: false };
  }
  const target = { url: served.url, region: ctx.state.region, ...served.credentials };
  let unpublish: () => void = () => undefined;
  try {
    if (ctx.servedFile) unpublish = publishServed(ctx.servedFile, target);
  } catch {
    // `sandbox env` will not find it; the lines below still work when pasted.
  }
  announceServed(ctx, target, servedBefore(ctx, served.url, ownKeys, port !== 0 && new URL(served.url).port === String(port)));
  const advice = awsCliAdvice(ctx.t, await findAwsCli(), served.url);
  if (advice) ctx.io.notify({ type: "notice", level: "warn", message: advice });
  return {
    reachable: true,
    close: async () => {
      unpublish();
      await served.close();
    },
  };
}

/** Can the learner act on this account outside the tool? In the sandbox this serves it (once per lesson run). */
export async function learnerCanAct(ctx: LessonContext): Promise<boolean> {
  if (ctx.learnerActsOutside !== undefined) return ctx.learnerActsOutside;
  if (ctx.state.backend === "aws") return true;
  const door = doors.get(ctx) ?? (await open(ctx));
  doors.set(ctx, door);
  return door.reachable;
}

/**
 * Says what sets up the learner's second terminal, where they type the `aws` commands: in the sandbox, the line that
 * points it at the account this lesson serves; in a workshop room (`join` recorded it, and this terminal reaches it),
 * their join line again.
 */
export function remindSecondTerminal(ctx: LessonContext, outside: boolean): void {
  if (!outside) return;
  const inRoom = ctx.state.room !== undefined && ctx.servedSandbox === true;
  const text = ctx.clients.sandbox ? secondTerminalReminder(ctx) : inRoom ? ctx.t("room.join.secondTerminal") : "";
  if (text) ctx.io.notify({ type: "notice", level: "info", message: text });
}

/** The lesson is over (or stopped): the served account closes with it, and the second terminal is told how to reach AWS again. */
export async function closeDoor(ctx: LessonContext): Promise<void> {
  const door = doors.get(ctx);
  doors.delete(ctx);
  if (!door?.close) return;
  await door.close();
  ctx.io.notify({ type: "notice", level: "info", message: ctx.t("sandbox-env.lesson.closed", { unset: unsetCommand(learnerShell(ctx)) }) });
}

function learnerShell(ctx: LessonContext): ShellKind {
  return secondTerminalShell(ctx.io.shell, process.env, process.platform);
}

/** The served sandbox's setup, once: the line that loads it (or, for cmd.exe, prints it) and the lines to paste. */
function announceServed(ctx: LessonContext, target: ServedTarget, lastTime: LastTime | undefined): void {
  const shell = learnerShell(ctx);
  ctx.io.notify({ type: "served", url: target.url, region: target.region, shell, load: loadCommand(shell), lines: shellLines(shell, target), ...(lastTime ? { lastTime } : {}) });
}

/** The reminder under a step: the one line to run once in a second terminal. */
export function secondTerminalReminder(ctx: LessonContext): string {
  const shell = learnerShell(ctx);
  return ctx.t(loadsByItself(shell) ? "handsOnFixes.secondTerminal" : "handsOnFixes.secondTerminalPaste", { load: loadCommand(shell) });
}

/**
 * After a rerun: a terminal set up last time still works when the address and keys are the same (the account's own port
 * was free, its own key pair kept); else it would reach whatever answers the old port, so it must be set up again. The
 * setup says which in its first sentence; the first time (undefined), nothing. The address is remembered in the progress
 * file for the next run.
 */
function servedBefore(ctx: LessonContext, url: string, sameKeys: boolean, onOwnPort: boolean): LastTime | undefined {
  const before = ctx.state.servedUrl;
  if (before !== url) {
    ctx.state.servedUrl = url;
    saveState(ctx);
  }
  if (before === undefined) return undefined;
  // Moved off the account's own port (it was taken), or back on it (last time it was taken).
  return before === url && sameKeys ? "same" : onOwnPort ? "movedBack" : "moved";
}
