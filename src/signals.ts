/**
 * The signals that stop us, each handled alike: say how to continue, exit 128 + its number. On Windows Ctrl-Break is
 * SIGBREAK, closing the console SIGHUP (ended ~10 s later: be quick), and SIGTERM never arrives.
 */
import { EXIT } from "./errors.js";

export type StopSignal = "SIGINT" | "SIGTERM" | "SIGHUP" | "SIGBREAK";

/** 128 + 21: SIGBREAK's number in the Windows C runtime. */
const BREAK_EXIT = 149;

export function stopSignals(platform: NodeJS.Platform): Partial<Record<StopSignal, number>> {
  if (platform === "win32") return { SIGINT: EXIT.interrupted, SIGBREAK: BREAK_EXIT, SIGHUP: EXIT.hangup };
  return { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: EXIT.hangup };
}
