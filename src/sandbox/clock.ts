/** Time in the sandbox: a clock (injectable) and a speed factor applied to every AWS duration. */

export interface Clock {
  /** ms since the epoch. */
  now(): number;
  /** Wait this many ms of real time (instant clocks return at once). */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock tests move by hand; `sleep` advances it instead of waiting. */
export class ManualClock implements Clock {
  constructor(private t = Date.UTC(2026, 10, 29, 1, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

/**
 * Multiplies real AWS durations. 1 = as slow as AWS, 0 = instant. The default keeps a whole
 * lesson's waits under about two minutes.
 */
export type Speed = number;

export const DEFAULT_SPEED: Speed = 0.1;
export const SPEED_ENV = "PRIVATELINK_LAB_SANDBOX_SPEED";

/** Parses `instant`, `realtime` or a factor such as `0.25`; undefined when it is not one. */
export function parseSpeed(text: string): Speed | undefined {
  const s = text.trim().toLowerCase();
  if (s === "instant") return 0;
  if (s === "realtime" || s === "real") return 1;
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 && n <= 10 ? n : undefined;
}

/** The time `seconds` of real AWS duration after `now`, at `speed`. */
export function after(now: number, seconds: number, speed: Speed): number {
  return now + Math.round(seconds * 1000 * speed);
}
