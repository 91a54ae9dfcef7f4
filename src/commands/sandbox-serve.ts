/** `privatelink-lab sandbox serve`: the learner's sandbox account as an AWS endpoint on this computer, for the AWS CLI or any SDK; runs until stopped. */
import { LabError } from "../errors.js";
import { setInterruptNotice } from "../interrupt-notice.js";
import { sandboxFile } from "../paths.js";
import type { GlobalOptions } from "./options.js";
import { openSandbox, openSession, regionFor, type Environment } from "./session.js";
import { publishServed, servedFile } from "../sandbox/served-file.js";
import { defaultShell, loadCommand, unsetCommand, type ShellKind } from "../sandbox/shell-env.js";
import type { Translate } from "../i18n/messages.js";
import { isLoopback } from "../aws/endpoint-kind.js";
import { listening, portOption } from "./validate.js";
import { platformOf } from "./environment.js";
import type { StateFile } from "../state/state-file.js";
import type { LessonState } from "../state/schema.js";

/** How a second terminal reaches it; on Windows, that Command Prompt has its own line (a guess there is PowerShell). */
function serveNext(t: Translate, shell: ShellKind, platform: NodeJS.Platform): string {
  if (platform === "win32" && shell !== "cmd") return t("sandbox-env.serveNextWindows", { load: loadCommand(shell), cmd: loadCommand("cmd") });
  return t("sandbox-env.serveNext", { load: loadCommand(shell) });
}

/**
 * Keeps the address in the progress file, as the lesson does (`servedUrl`), when it is another one: the next lesson or
 * `sandbox serve` then prefers it, so the terminal set up for it now goes on working. Read again just before (a lesson
 * may be saving), and never a reason to stop serving.
 */
function rememberAddress(stateFile: StateFile, lesson: LessonState, url: string): void {
  if (lesson.servedUrl === url) return;
  try {
    const now = stateFile.load(lesson.prefix);
    if (now.kind === "ok") stateFile.save({ ...now.state, servedUrl: url });
  } catch {
    // Unsaved: the next run prefers the old address, and says so if it is taken.
  }
}

/** Serves until `stop` resolves (the process's end, unless a test passes its own). */
export async function sandboxServe(opts: GlobalOptions & { port?: string; host?: string }, e: Environment, stop: Promise<void> = new Promise<void>(() => undefined)): Promise<void> {
  const s = await openSession(opts, e);
  const asked = portOption(opts.port);
  const host = opts.host ?? "127.0.0.1";
  const file = sandboxFile(e.env);
  const [sandbox, { serveSandbox }, { sandboxCredentials }, { portsToTry }, { lessonServing, olderServers, runningServe }] = await Promise.all([
    openSandbox(opts, e, file),
    import("../sandbox/serve/server.js"),
    import("../sandbox/serve/credentials.js"),
    import("../sandbox/serve/ports.js"),
    import("../sandbox/serve/running.js"),
  ]);
  const credentials = sandboxCredentials(file);
  // The second terminal's shell, as `sandbox env` guesses it: PowerShell on Windows without $SHELL.
  const shell = defaultShell(e.env, platformOf(e));
  const path = servedFile(e.env, e.stateDir);
  // One `sandbox serve` per account: a second one would serve it at another address, and say the first one's reaches nothing.
  const running = credentials ? (await runningServe(path, credentials)).use : undefined;
  if (running?.by === "sandbox serve") throw new LabError("serve.alreadyServing", { url: running.url, pid: running.pid, load: loadCommand(shell) }, { source: "busy" });
  // Nor while a hands-on lesson serves it itself: its learner's terminal is pointed there already.
  const byLesson = credentials ? await lessonServing(path, credentials) : undefined;
  if (byLesson) throw new LabError("serve.lessonServing", { url: byLesson.url, pid: byLesson.pid, load: loadCommand(shell) }, { source: "busy" });
  // The last lesson here, when it is in the sandbox: its Region (the AWS CLI then sees what the lesson made), and the address its learner was given.
  const last = s.stateFile.lastState();
  const lesson = last?.backend === "sandbox" ? last : undefined;
  // No --port: the port given last time when it is free (a shell pointed at it then still works), else the account's own, else any.
  const { port, orPorts } = asked === undefined ? portsToTry(credentials, lesson?.servedUrl) : { port: asked, orPorts: [] };
  const serve = () => serveSandbox({ sandbox, host, port, orPorts, credentials, anyPortIfTaken: asked === undefined });
  const served = await listening(host, serve, (cause) => new LabError("serve.portInUse", { port }, { cause }));
  if (lesson && served.host === "127.0.0.1") rememberAddress(s.stateFile, lesson, served.url);
  const region = opts.region ?? lesson?.region ?? regionFor(s.lang, e.env);
  // Where `sandbox env` finds it (removed when it stops, or when the process ends); an older privatelink-lab's server is said.
  const older = await olderServers(path);
  const unpublish = publishServed(path, { url: served.url, region, ...served.credentials, by: "sandbox serve" });
  setInterruptNotice("serve.stopped", undefined, unsetCommand(shell));
  const { t, io } = s;
  if (opts.json) {
    io.notify({ type: "sandbox-served", url: served.url, host: served.host, port: served.port, region, accessKeyId: served.credentials.accessKeyId, secretAccessKey: served.credentials.secretAccessKey });
  } else {
    const { accessKeyId, secretAccessKey } = served.credentials;
    io.notify({ type: "notice", level: "success", message: t("serve.listening", { url: served.url, region }) });
    io.notify({ type: "notice", level: "info", message: t("serve.credentials", { accessKeyId, secretAccessKey, url: served.url, region }) });
    if (!isLoopback(host)) io.notify({ type: "notice", level: "warn", message: t("serve.notLoopback", { host }) });
    // Not where the learner was sent last time: a terminal still pointed there reaches nothing.
    if (asked === undefined && served.port !== port) io.notify({ type: "notice", level: "warn", message: t("serve.portMoved", { port, url: served.url, load: loadCommand(shell) }) });
    for (const r of older) io.notify({ type: "notice", level: "warn", message: t("serve.olderServing", { url: r.url, pid: r.pid }) });
    io.notify({ type: "notice", level: "info", message: serveNext(t, shell, platformOf(e)) });
    io.notify({ type: "notice", level: "info", message: t("serve.howToStop") });
  }
  await stop;
  unpublish();
  await served.close();
}
