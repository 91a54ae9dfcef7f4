/** `privatelink-lab workshop status`: every participant's progress; on a terminal refreshed like `top` (q quits). */
import { loadPhrases } from "../../ui/line-breaks.js";
import { colorEnabled, palette } from "../../ui/color.js";
import type { Facilitator } from "../../workshop/facilitator.js";
import { LabError } from "../../errors.js";
import { tryAgain } from "../../aws/network-guard.js";
import { CLEAR, liveFrame, silentFrame, type FrameOptions, type Silence } from "../../workshop/live-screen.js";
import { roomRefusedKey } from "../../aws/error-translation.js";
import { StepMemory } from "../../workshop/participant-progress.js";
import { numberOption } from "../../workshop/participants.js";
import type { RoomStatus } from "../../workshop/room-status.js";
import { readStatus, roomData } from "../../workshop/room-data.js";
import { statusCsv, statusRows, statusSummary } from "../../workshop/status-format.js";
import type { GlobalOptions } from "../options.js";
import type { Environment } from "../session.js";
import { openFacilitator } from "./open.js";
import { asTyped } from "../../ui/typed-input.js";

interface StatusOptions extends GlobalOptions {
  once?: boolean;
  csv?: boolean;
  interval?: string;
  /** Tests: stop after this many refreshes. */
  maxRefreshes?: number;
}

function snapshot(f: Facilitator, status: RoomStatus, columns: number): void {
  const { io, t } = f;
  if (status.participants.length === 0) {
    io.notify({ type: "notice", level: "info", message: t("workshop.status.empty", { region: status.region }) });
    return;
  }
  io.notify({ type: "table", rows: statusRows(status, t, f.lang, columns) });
  io.notify({ type: "notice", level: status.totals.flagged > 0 ? "warn" : "info", message: statusSummary(status, t) });
  io.notify({ type: "notice", level: "info", message: t("workshop.status.legend") });
}

/** q (quit: exit 0; a full-width ｑ too, as at every question) or Ctrl-C (interrupted, as everywhere else: exit 130) on the terminal ends the watch. */
function keys(stdin: NodeJS.ReadStream): { stopped: () => boolean; interrupted: () => boolean; dispose: () => void } {
  let stop = false;
  let interrupted = false;
  const k = { stopped: () => stop, interrupted: () => interrupted, dispose: () => undefined };
  if (!stdin.isTTY || typeof stdin.setRawMode !== "function") return k;
  const onData = (data: Buffer) => {
    const k = asTyped(data.toString());
    if (k === "q" || k === "Q") stop = true;
    // In raw mode Ctrl-C is a key, not a signal.
    if (k === "\u0003") stop = interrupted = true;
  };
  stdin.setRawMode(true);
  stdin.resume();
  stdin.on("data", onData);
  return {
    ...k,
    dispose: () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
    },
  };
}

/**
 * The room's status, or why it is not in view: the room does not answer (the watch shows that and tries again next
 * time), or a served room refuses this terminal's facilitator key (it was made again: the watch says to paste the new line).
 */
async function readOrSilence(f: Facilitator, memory: StepMemory, endpoint: string): Promise<RoomStatus | Omit<Silence, "region" | "at">> {
  try {
    return await readStatus(f, memory);
  } catch (err) {
    // The clients say a served sandbox's refusal in their own words (servedSandbox.keyRefused); AWS's answer is its cause.
    if (f.servedSandbox && roomRefusedKey(err instanceof LabError ? err.cause : err, "", endpoint)) return { endpoint, keyRefused: true };
    if (!(err instanceof LabError) || err.source !== "network") throw err;
    tryAgain(f.clients);
    return { endpoint: String(err.vars.endpoint ?? "") };
  }
}

async function watch(f: Facilitator, e: Environment, opts: StatusOptions, seconds: number): Promise<void> {
  const memory = new StepMemory();
  const c = palette(colorEnabled(true, e.env));
  const k = keys(e.stdin);
  const phrases = await loadPhrases(f.lang);
  let last: RoomStatus | undefined;
  try {
    for (let n = 0; !k.stopped() && (opts.maxRefreshes === undefined || n < opts.maxRefreshes); n++) {
      const read = await readOrSilence(f, memory, opts.endpointUrl ?? e.env.AWS_ENDPOINT_URL ?? "");
      const o: FrameOptions = { t: f.t, lang: f.lang, c, columns: e.stdout.columns ?? 100, rows: e.stdout.rows ?? 40, intervalSeconds: seconds, phrases };
      if (!("endpoint" in read)) last = read;
      const frame = "endpoint" in read ? silentFrame(last, { ...read, region: f.region, at: e.clock.now() }, o) : liveFrame(read, o);
      e.stdout.write(CLEAR + frame + "\n");
      // Short sleeps, so q ends the watch at once.
      for (let waited = 0; waited < seconds * 1000 && !k.stopped(); waited += 200) await e.clock.sleep(200);
    }
  } finally {
    k.dispose();
  }
  // Ctrl-C: the terminal is back to normal, so the signal takes the usual way out (its notice, exit 130).
  if (k.interrupted()) {
    process.kill(process.pid, "SIGINT");
    // A signal's listener does not keep Node running: a timer does, until the signal is handled.
    await new Promise<never>(() => setInterval(() => undefined, 1000));
  }
}

export async function workshopStatus(opts: StatusOptions, e: Environment): Promise<void> {
  const seconds = opts.interval === undefined ? 10 : numberOption(opts.interval, "--interval", 1, 3600);
  const f = await openFacilitator(opts, e);
  const live = !opts.once && !opts.json && !opts.csv && Boolean(e.stdout.isTTY);
  if (live) return watch(f, e, opts, seconds);
  const status = await readStatus(f);
  if (opts.csv) e.stdout.write(statusCsv(status, f.t));
  else if (opts.json) e.stdout.write(JSON.stringify(roomData(status, f.t)) + "\n");
  else snapshot(f, status, e.stdout.columns || 80);
}
