/**
 * The signals that stop privatelink-lab, per operating system, and the exit code each gives.
 * - Linux and macOS: Ctrl-C (SIGINT), `kill` (SIGTERM), a closed terminal (SIGHUP).
 * - Windows has no POSIX signals; Node turns console events into some of them: Ctrl-C is
 *   SIGINT, Ctrl-Break is SIGBREAK, and closing the console window is SIGHUP — after which
 *   Windows ends the process unconditionally about 10 seconds later, so the handler must be
 *   quick (it only writes one line). SIGTERM is never delivered on Windows (`taskkill /F` and
 *   `process.kill` end the process at once), so nothing may rely on it there.
 * Every one is handled the same way: say how to continue, exit 128 + the signal's number.
 */
import { EXIT } from "./errors.js";

export type StopSignal = "SIGINT" | "SIGTERM" | "SIGHUP" | "SIGBREAK";

/** 128 + 21: SIGBREAK's number in the Windows C runtime. */
const BREAK_EXIT = 149;

export function stopSignals(platform: NodeJS.Platform): Partial<Record<StopSignal, number>> {
  if (platform === "win32") return { SIGINT: EXIT.interrupted, SIGBREAK: BREAK_EXIT, SIGHUP: EXIT.hangup };
  return { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: EXIT.hangup };
}
