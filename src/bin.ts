/** The CLI's main module (run through dist/start.cjs): the edge where errors are rendered and exit codes set. */
import { runCli, type Runner } from "./cli.js";
import { processEnvironment } from "./commands/environment.js";
import { interruptNotice, isPromptExit } from "./interrupt-notice.js";
import { EXIT } from "./errors.js";
import type { Lang } from "./i18n/lang.js";
import { translator } from "./i18n/messages.js";
import { standardOutputs } from "./standard-output.js";
import { stopSignals, type StopSignal } from "./signals.js";
import type { Shell } from "./shell/render.js";

// `privatelink-lab --json | head`: a closed pipe ends the program quietly, as other CLIs do.
const outputs = standardOutputs(() => process.exit(0));
const env = processEnvironment(outputs);

// Ctrl-C, `kill` and a closed terminal all stop the same way: say how to continue, exit 128+n (see signals.ts).
const SIGNAL_EXIT = stopSignals(process.platform);
let translate = translator("en");
let language: Lang = "en";
const interruptedMessage = (): string => translate(...interruptNotice());
let jsonMode = false;
/** The learner's shell: a command the edge wraps is continued as it continues lines. */
let shellKind: Shell = "bash";

/** Wrapped by the terminal's width like the lesson's text (loaded only when there is something to say). */
async function fitted(text: string, stream: NodeJS.WriteStream): Promise<string> {
  // Sent where the lesson's lines go (`2>&1 | less`), it is read among them: wrapped like them (80 columns).
  const merged = !stream.isTTY && stream === outputs.stderr && outputs.merged();
  if (!stream.isTTY && !merged) return text;
  const { fitForLang } = await import("./ui/edge-text.js");
  return fitForLang(text, stream, language, merged, shellKind);
}

async function sayInterrupted(signal: StopSignal): Promise<void> {
  try {
    if (jsonMode) outputs.stdout.write(JSON.stringify({ time: new Date().toISOString(), type: "interrupted", signal, message: interruptedMessage() }) + "\n");
    outputs.stderr.write("\n" + (await fitted(interruptedMessage(), outputs.stderr).catch(() => interruptedMessage())) + "\n");
  } catch {
    // the terminal is gone (SIGHUP): nothing to tell
  }
}

/** Set when a command's work starts: `--help`, `--version` and a usage error have nothing to continue (and skip the cost). */
function listenForStops(): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT) as [StopSignal, number][]) {
    process.on(signal, () => void sayInterrupted(signal).finally(() => process.exit(code)));
  }
}

const run: Runner = async (what, lang, json, profile, shell = "bash") => {
  const t = translator(lang);
  shellKind = shell;
  translate = t;
  language = lang;
  jsonMode = json;
  listenForStops();
  try {
    await what();
  } catch (err) {
    if (isPromptExit(err)) {
      await sayInterrupted("SIGINT");
      process.exitCode = EXIT.interrupted;
      return;
    }
    // Loaded only on the error path: `--help` and `--version` stay light.
    const [{ reportError, errorText }, { colorEnabled, palette, plain }, { titledSteps }, { LESSON_ID }] = await Promise.all([import("./ui/error-report.js"), import("./ui/color.js"), import("./content/step-title.js"), import("./state/schema.js")]);
    const r = reportError(titledSteps(err, LESSON_ID, lang), t, profile ? { profile, shell } : {});
    if (r.key === "engine.paused") {
      // Laid out like the lesson's lines: the command in it stays whole on one row.
      outputs.stdout.write((await fitted(r.message, outputs.stdout)) + "\n");
      return;
    }
    if (json) {
      outputs.stdout.write(JSON.stringify({ time: new Date().toISOString(), type: "error", key: r.key, message: r.message, hint: r.hint, detail: r.detail }) + "\n");
    } else {
      const c = palette(colorEnabled(Boolean(outputs.stderr.isTTY)));
      const text = errorText(r, c);
      outputs.stderr.write((await fitted(c.level === 0 ? plain(text) : text, outputs.stderr)) + "\n");
    }
    process.exitCode = r.exitCode;
    if (r.key === "error.internal" && err instanceof Error && process.env.PRIVATELINK_LAB_DEBUG) outputs.stderr.write(String(err.stack) + "\n");
  }
};

/** Exits once what was written has left the process (nothing left running can hold a finished command). */
function exitWhenWritten(): void {
  const pending = outputs.unsent();
  let left = pending.length;
  if (left === 0) process.exit();
  for (const s of pending) s.once("drain", () => --left === 0 && process.exit());
}

void runCli(process.argv.slice(2), env, run).then((code) => {
  if (code !== EXIT.ok && process.exitCode === undefined) process.exitCode = code;
  exitWhenWritten();
});
