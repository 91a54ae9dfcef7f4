/**
 * Hands-on in the sandbox: the learner's AWS CLI reaches the account through the `sandbox serve` already running for it,
 * else through the lesson's own server on 127.0.0.1 (the address given last time, else the account's own port, when
 * free), closed at the end; the lesson says once what to paste into a second terminal, or that it is set already. A
 * `sandbox serve` it uses is watched: stopped mid-lesson, the lesson serves the account at its address at once, and says so. On
 * AWS nothing is needed; in a workshop room the learner pastes their join line again there. The lines are for the shell the lesson writes its
 * commands for: PowerShell and cmd.exe as `--shell` (or its guess on Windows) says; for bash, $SHELL tells fish and zsh
 * apart (the lesson's commands are the same there).
 */
import { awsCliAdvice, findAwsCli } from "../aws/cli-version.js";
import { errorMessage } from "../errors.js";
import { publishServed } from "../sandbox/served-file.js";
import { loadCommand, loadsByItself, secondTerminalShell, shellLines, unsetCommand, type ServedTarget, type ShellKind } from "../sandbox/shell-env.js";
import type { Sandbox } from "../sandbox/middleware.js";
import type { SandboxCredentials } from "../sandbox/serve/sigv4.js";
import type { LabEvent } from "../ui/io-host.js";
import { saveState, type LessonContext } from "./context.js";

/** What the setup says of a terminal set up before: the `served` event's own values (ui/event-schema.ts). */
type LastTime = NonNullable<Extract<LabEvent, { type: "served" }>["lastTime"]>;

interface Door {
  reachable: boolean;
  close?: () => Promise<void>;
  /** The lesson served the account itself, so the address closes with it (a running `sandbox serve` goes on). */
  closesWithLesson?: boolean;
  /** The address of the `sandbox serve` the learner's terminal reaches (not the lesson's): it may stop while the lesson runs. */
  borrowed?: string;
}

/** Where the learner's AWS CLI reaches the account this run: a running `sandbox serve`, or the lesson's own server. */
interface Address {
  url: string;
  credentials: SandboxCredentials;
  /** The `sandbox serve` used, and the Region a terminal it set up was given. */
  running?: { region: string };
  lastTime: LastTime | undefined;
  close?: () => Promise<void>;
}

const doors = new WeakMap<LessonContext, Door>();

/** The progress file's mark: this lesson has shown how to set up the second terminal, for the address it still has. */
const SHOWN_MARK = "secondTerminalShown";
/** Whether each run began with that mark: then its learner has the line already, and no run of it says it again. */
const shownBeforeRun = new WeakMap<LessonContext, boolean>();

/**
 * Opens the account to the learner's AWS CLI and says how to reach it; `stopped`: the address of the `sandbox serve`
 * it reached until now, which has stopped (said first; at the same address again, nothing to set up).
 */
async function open(ctx: LessonContext, stopped?: string): Promise<Door> {
  const sandbox = ctx.clients.sandbox;
  if (!sandbox) return { reachable: false };
  const said = stopped ? ctx.t("sandbox-env.lesson.serveStopped", { url: stopped }) + " " : "";
  let address: Address;
  try {
    address = await reach(ctx, sandbox);
  } catch (err) {
    const restart = stopped ? " " + ctx.t("sandbox-env.lesson.restartServe") : "";
    ctx.io.notify({ type: "notice", level: "warn", message: said + ctx.t("sandbox-env.lesson.notServed", { reason: errorMessage(err) }) + restart });
    return { reachable: false };
  }
  const target = { url: address.url, region: ctx.state.region, ...address.credentials };
  let unpublish: () => void = () => undefined;
  try {
    // `sandbox env` finds the lesson's own server; or the running one in the lesson's Region, when it was started for another.
    if (ctx.servedFile && address.running?.region !== ctx.state.region) unpublish = publishServed(ctx.servedFile, { ...target, by: "lesson" });
  } catch {
    // `sandbox env` will not find it; the lines below still work when pasted.
  }
  // A terminal set up for another address (or keys, or Region) no longer reaches the account: it is shown again.
  if (address.lastTime !== "same" && address.lastTime !== "running" && ctx.state.marks[SHOWN_MARK] !== undefined) {
    delete ctx.state.marks[SHOWN_MARK];
    saveState(ctx);
  }
  if (stopped === address.url) ctx.io.notify({ type: "notice", level: "warn", message: said + ctx.t("sandbox-env.lesson.servedInstead") });
  else {
    // Elsewhere (that port was taken meanwhile): said, then the new address and its lines.
    if (stopped) ctx.io.notify({ type: "notice", level: "warn", message: said.trim() });
    announceServed(ctx, target, address.lastTime);
    const advice = awsCliAdvice(ctx.t, await findAwsCli(), address.url);
    if (advice) ctx.io.notify({ type: "notice", level: "warn", message: advice });
  }
  // A borrowed `sandbox serve` is watched: stopped while the learner types at it, the lesson takes its place at once.
  const unwatch = address.running ? (await import("../sandbox/serve/running.js")).watchServed(address.url, () => takeOverInBackground(ctx)) : () => undefined;
  return {
    reachable: true,
    closesWithLesson: !address.running,
    ...(address.running ? { borrowed: address.url } : {}),
    close: async () => {
      unwatch();
      unpublish();
      await address.close?.();
    },
  };
}

/**
 * The account's `sandbox serve` when one runs and answers (a terminal pointed at it already works, and goes on working
 * after the lesson); else the lesson serves it itself, at the address given last time when that port is free, else on
 * the account's own port when free (a shell pointed at either still works), else on any.
 */
async function reach(ctx: LessonContext, sandbox: Sandbox): Promise<Address> {
  const [{ serveSandbox }, { accountCredentials }, { runningServe }, { portsToTry }] = await Promise.all([
    import("../sandbox/serve/server.js"),
    import("../sandbox/serve/address.js"),
    import("../sandbox/serve/running.js"),
    import("../sandbox/serve/ports.js"),
  ]);
  const credentials = accountCredentials(sandbox.store);
  const { use: running, older } = credentials && ctx.servedFile ? await runningServe(ctx.servedFile, credentials) : { older: [] };
  if (running) {
    const at = { url: running.url, running: { region: running.region } };
    return { ...at, credentials: { accessKeyId: running.accessKeyId, secretAccessKey: running.secretAccessKey }, lastTime: servedBefore(ctx, at) };
  }
  // An older privatelink-lab serves the account too, and cannot be used: the learner hears of the second server.
  for (const r of older) ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("serve.olderServing", { url: r.url, pid: r.pid }) });
  const { port, orPorts, own } = portsToTry(credentials, ctx.state.servedUrl);
  const served = await serveSandbox({ sandbox, host: "127.0.0.1", port, orPorts, anyPortIfTaken: true, ...(credentials ? { credentials } : {}) });
  const lastTime = servedBefore(ctx, { url: served.url, sameKeys: credentials !== undefined, onOwnPort: own !== 0 && served.port === own });
  return { url: served.url, credentials: served.credentials, lastTime, close: () => served.close() };
}

/** Can the learner act on this account outside the tool? In the sandbox this serves it (once per lesson run). */
export async function learnerCanAct(ctx: LessonContext): Promise<boolean> {
  if (ctx.learnerActsOutside !== undefined) return ctx.learnerActsOutside;
  if (ctx.state.backend === "aws") return true;
  if (!doors.has(ctx)) doors.set(ctx, await open(ctx));
  else await reopenIfStopped(ctx);
  return doors.get(ctx)!.reachable;
}

/** A check of the borrowed `sandbox serve` under way (the watch's, or the engine's): one at a time; closing waits for it. */
const reopening = new WeakMap<LessonContext, Promise<void>>();
/** Runs whose borrowed `sandbox serve` stopped, and was replaced, since the engine last asked (`reopenIfStopped`). */
const stoppedUnasked = new WeakSet<LessonContext>();

/**
 * Before the learner is told to type commands, and before what they typed is verified: the `sandbox serve` this run
 * uses (it did not start it) still answers; if it stopped, the lesson says so and serves the account itself, on the same
 * port when free (the learner's terminal then still works). True when it stopped since the engine last asked: now, or
 * noticed by the watch meanwhile (the learner was away, typing at it).
 */
export async function reopenIfStopped(ctx: LessonContext): Promise<boolean> {
  await checkOnce(ctx);
  return stoppedUnasked.delete(ctx);
}

/** The watch saw the borrowed server stop: it is checked (and replaced) now, while the learner is away at it. */
function takeOverInBackground(ctx: LessonContext): void {
  // A takeover that fails here fails again, and is reported, when the engine checks next (show, verify, the next step).
  checkOnce(ctx).catch(() => undefined);
}

/** Checks the borrowed `sandbox serve`, joining a check under way (the watch's and the engine's never replace it twice). */
function checkOnce(ctx: LessonContext): Promise<void> {
  const running = reopening.get(ctx);
  if (running) return running;
  const now = replaceIfStopped(ctx).finally(() => reopening.delete(ctx));
  reopening.set(ctx, now);
  return now;
}

/** The borrowed `sandbox serve` no longer answers: the lesson serves the account itself (said), and the engine hears of it. */
async function replaceIfStopped(ctx: LessonContext): Promise<void> {
  const door = doors.get(ctx);
  if (!door?.borrowed) return;
  const { sandboxAnswers } = await import("../sandbox/serve/running.js");
  if (await sandboxAnswers(door.borrowed)) return;
  // The lesson's record of that address (published for its Region) goes: nothing serves there now.
  await door.close?.();
  doors.set(ctx, await open(ctx, door.borrowed));
  stoppedUnasked.add(ctx);
}

/**
 * Says what sets up the learner's second terminal, where they type the `aws` commands: in the sandbox, the line that
 * points it at the account this lesson serves; in a workshop room (`join` recorded it, and this terminal reaches it),
 * their join line again.
 */
export function remindSecondTerminal(ctx: LessonContext, outside: boolean): void {
  if (!outside) return;
  const inRoom = ctx.state.room !== undefined && ctx.servedSandbox === true;
  if (ctx.clients.sandbox) return remindSandboxTerminal(ctx);
  if (inRoom) ctx.io.notify({ type: "notice", level: "info", message: ctx.t("room.join.secondTerminal") });
}

/**
 * The sandbox's line, in the run that first shows it (where it is needed there); a later run at the same address says
 * it no more: the setup at its start still gives the line, and a terminal set up then still works.
 */
function remindSandboxTerminal(ctx: LessonContext): void {
  if (!shownBeforeRun.has(ctx)) shownBeforeRun.set(ctx, ctx.state.marks[SHOWN_MARK] !== undefined);
  if (shownBeforeRun.get(ctx)) return;
  ctx.io.notify({ type: "notice", level: "info", message: secondTerminalReminder(ctx) });
  if (ctx.state.marks[SHOWN_MARK] === undefined) {
    ctx.state.marks[SHOWN_MARK] = new Date(ctx.clock.now()).toISOString();
    saveState(ctx);
  }
}

/** The lesson is over (or stopped): the served account closes with it, and the second terminal is told how to reach AWS again. */
export async function closeDoor(ctx: LessonContext): Promise<void> {
  // A takeover under way ends first: what it serves closes with the rest.
  for (let pending = reopening.get(ctx); pending; pending = reopening.get(ctx)) await pending;
  const door = doors.get(ctx);
  doors.delete(ctx);
  if (!door?.close) return;
  await door.close();
  if (door.closesWithLesson) ctx.io.notify({ type: "notice", level: "info", message: ctx.t("sandbox-env.lesson.closed", { unset: unsetCommand(learnerShell(ctx)) }) });
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
 * What a terminal set up before can count on. A running `sandbox serve`: one pointed at it works already (unless it was
 * given another Region), first run or not. The lesson's own server, after a rerun: one set up last time still works when
 * the address and keys are the same (the port given then, or the account's own, was free; its own key pair kept); else it
 * would reach whatever answers the old port, so it must be set up again. The setup says which in its first sentence; the
 * first time (undefined), nothing. The address is remembered in the progress file for the next run.
 */
function servedBefore(ctx: LessonContext, at: { url: string; running?: { region: string }; sameKeys?: boolean; onOwnPort?: boolean }): LastTime | undefined {
  const before = ctx.state.servedUrl;
  if (before !== at.url) {
    ctx.state.servedUrl = at.url;
    saveState(ctx);
  }
  if (at.running) return at.running.region === ctx.state.region ? "running" : "runningOtherRegion";
  if (before === undefined) return undefined;
  // Moved off the port given last time (it was taken), or back on the account's own one (last time it was taken).
  return before === at.url && at.sameKeys ? "same" : at.onOwnPort ? "movedBack" : "moved";
}
