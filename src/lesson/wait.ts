/** Waits on AWS polling every few seconds (SDK waiters poll every 30 s), showing progress and saying when it runs long. */
import type { LessonContext } from "./context.js";
import { awsSpeed } from "../aws/clients.js";
import { awsCode, LabError } from "../errors.js";
import type { Vars } from "../i18n/messages.js";

/** Errors worth polling through: AWS is busy, not refusing. */
const TRANSIENT = new Set(["Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException", "Unavailable", "ServiceUnavailable", "InternalError", "InternalFailure", "RequestTimeout"]);

function isTransient(err: unknown): boolean {
  const code = awsCode(err);
  if (code && TRANSIENT.has(code)) return true;
  const status = (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

interface WaitSpec<T> {
  step: string;
  /** Message key for the spinner, e.g. `wait.stacks`. */
  label: string;
  /** Message key for the line once done: what happened, in the past (`wait.serviceGoneDone`), never the running label. */
  doneLabel: string;
  /** Values the label and the done label name (e.g. the step's title). */
  labelVars?: Vars;
  read: () => Promise<T>;
  /** undefined = keep waiting; true = done; a LabError = stop with it. */
  check: (value: T) => true | LabError | undefined;
  /** What AWS is doing now, one short line. */
  describe: (value: T) => string;
  /** AWS's own word for the state (`pending`), said instead of `describe` where its line does not fit the terminal. */
  state?: (value: T) => string | undefined;
  /** How long this takes on AWS, in seconds. */
  usualSeconds: number;
  /** Give up after this many seconds of the clock (default: 6 × usual, at least 10 min). */
  timeoutSeconds?: number;
  /** Past the time-out, give back the last value (the caller asks the learner again) instead of failing. */
  orLast?: true;
}

/** How long a wait took, in the learner's language ("1m05s", "1 分 05 秒"). */
function elapsed(ctx: LessonContext, ms: number): string {
  const s = Math.floor(ms / 1000);
  return s >= 60 ? ctx.t("wait.elapsedMinutes", { m: Math.floor(s / 60), s: String(s % 60).padStart(2, "0") }) : ctx.t("wait.elapsedSeconds", { s });
}

/** What is awaited and how long it usually takes here ("… (usually ~6 min)"); in an instant sandbox just what. */
function waitHeading(ctx: LessonContext, what: string, usualMs: number): string {
  if (usualMs <= 0) return what;
  const s = Math.max(1, Math.round(usualMs / 1000));
  return s < 90 ? ctx.t("wait.usuallySeconds", { what, n: s }) : ctx.t("wait.usuallyMinutes", { what, n: Math.round(s / 60) });
}

export async function waitFor<T>(ctx: LessonContext, spec: WaitSpec<T>): Promise<T> {
  const start = ctx.clock.now();
  // In the sandbox, "usual" and the time-out shrink with its speed (instant: never slow; a minute at most).
  const scale = awsSpeed(ctx.clients);
  const awsTimeoutMs = (spec.timeoutSeconds ?? Math.max(spec.usualSeconds * 6, 600)) * 1000;
  const timeoutMs = scale < 1 ? Math.max(awsTimeoutMs * scale, 60_000) : awsTimeoutMs;
  let warned = false;
  const usualMs = spec.usualSeconds * 1000 * scale;
  const label = ctx.t(spec.label, spec.labelVars);
  const heading = waitHeading(ctx, label, usualMs);
  const spinner = ctx.io.spinner(spec.step, heading);
  try {
    for (;;) {
      let value: T;
      try {
        value = await spec.read();
      } catch (err) {
        // The SDK already retried; a poll that still meets throttling just tries again next round.
        if (!isTransient(err) || ctx.clock.now() - start > timeoutMs) throw err;
        spinner.update(`${label} · ${ctx.t("wait.busy", { code: awsCode(err) ?? "5xx" })}`);
        await ctx.clock.sleep(Math.max(ctx.pollMs, 1000));
        continue;
      }
      const verdict = spec.check(value);
      const took = ctx.clock.now() - start;
      if (verdict === true) {
        spinner.succeed(ctx.t("wait.took", { what: ctx.t(spec.doneLabel, spec.labelVars), time: elapsed(ctx, took) }));
        return value;
      }
      if (verdict instanceof LabError) {
        // What was awaited, then the state that ended it: a bare state ("Inactive", "failed") says nothing on its own.
        spinner.fail(`${label} · ${spec.describe(value)}`);
        throw verdict;
      }
      // (What matters first: a narrow terminal says the state in AWS's one word, then leaves out the usual time to keep
      // it, then drops it, then shortens the heading, and keeps the time waited.)
      const time = elapsed(ctx, took);
      const word = spec.state?.(value) ?? spec.describe(value);
      spinner.update(`${heading} · ${time} · ${spec.describe(value)}`, [`${heading} · ${time} · ${word}`, `${label} · ${time} · ${word}`]);
      if (!warned && usualMs > 0 && took > usualMs * 1.5) {
        warned = true;
        ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("wait.slow", { usual: Math.round(spec.usualSeconds / 60) || 1 }) });
      }
      if (took > timeoutMs && spec.orLast) return value;
      if (took > timeoutMs) throw new LabError("error.waitTimeout", { what: label, minutes: Math.round(took / 60000) });
      await ctx.clock.sleep(ctx.pollMs);
    }
  } finally {
    spinner.stop();
  }
}
