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

/** How a second terminal reaches it; on Windows, that Command Prompt has its own line (a guess there is PowerShell). */
function serveNext(t: Translate, shell: ShellKind, platform: NodeJS.Platform): string {
  if (platform === "win32" && shell !== "cmd") return t("sandbox-env.serveNextWindows", { load: loadCommand(shell), cmd: loadCommand("cmd") });
  return t("sandbox-env.serveNext", { load: loadCommand(shell) });
}

/** Serves until `stop` resolves (the process's end, unless a test passes its own). */
export async function sandboxServe(opts: GlobalOptions & { port?: string; host?: string }, e: Environment, stop: Promise<void> = new Promise<void>(() => undefined)): Promise<void> {
  const s = await openSession(opts, e);
  const asked = portOption(opts.port);
  const host = opts.host ?? "127.0.0.1";
  const file = sandboxFile(e.env);
  const [sandbox, { serveSandbox }, { sandboxCredentials, preferredPort }] = await Promise.all([openSandbox(opts, e, file), import("../sandbox/serve/server.js"), import("../sandbox/serve/credentials.js")]);
  const credentials = sandboxCredentials(file);
  // No --port: the account's own port when it is free (a shell pointed at it last time still works), else any.
  const port = asked ?? preferredPort(credentials);
  const serve = () => serveSandbox({ sandbox, host, port, credentials, anyPortIfTaken: asked === undefined });
  const served = await listening(host, serve, (cause) => new LabError("serve.portInUse", { port }, { cause }));
  // The last lesson's region here, when it is in the sandbox: the AWS CLI then sees what the lesson made.
  const last = s.stateFile.lastState();
  const region = opts.region ?? (last?.backend === "sandbox" ? last.region : undefined) ?? regionFor(s.lang, e.env);
  // Where `sandbox env` finds it (removed when it stops, or when the process ends).
  const unpublish = publishServed(servedFile(e.env, e.stateDir), { url: served.url, region, ...served.credentials, by: "sandbox serve" });
  // The second terminal's shell, as `sandbox env` guesses it: PowerShell on Windows without $SHELL.
  const shell = defaultShell(e.env, platformOf(e));
  setInterruptNotice("serve.stopped", undefined, unsetCommand(shell));
  const { t, io } = s;
  if (opts.json) {
    io.notify({ type: "sandbox-served", url: served.url, host: served.host, port: served.port, region, accessKeyId: served.credentials.accessKeyId, secretAccessKey: served.credentials.secretAccessKey });
  } else {
    const { accessKeyId, secretAccessKey } = served.credentials;
    io.notify({ type: "notice", level: "success", message: t("serve.listening", { url: served.url, region }) });
    io.notify({ type: "notice", level: "info", message: t("serve.credentials", { accessKeyId, secretAccessKey, url: served.url, region }) });
    if (!isLoopback(host)) io.notify({ type: "notice", level: "warn", message: t("serve.notLoopback", { host }) });
    io.notify({ type: "notice", level: "info", message: serveNext(t, shell, platformOf(e)) });
    io.notify({ type: "notice", level: "info", message: t("serve.howToStop") });
  }
  await stop;
  unpublish();
  await served.close();
}
