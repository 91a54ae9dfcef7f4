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

/** Multiplies real AWS durations. 1 = as slow as AWS, 0 = instant. The default keeps a whole lesson's waits under about two minutes. */
export type Speed = number;

export const DEFAULT_SPEED: Speed = 0.1;
export const SPEED_ENV = "PRIVATELINK_LAB_SANDBOX_SPEED";
/** The header on every answer of a served sandbox that says its speed (AWS never sends it). */
export const SPEED_HEADER = "x-privatelink-lab-sandbox-speed";

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

/** A moment something was in place, and the speed recorded with it (absent on older accounts). */
export interface Moment {
  at: number;
  speed?: Speed | undefined;
}

/** When an entity was ready, with the speed recorded when it was created. */
export function readyMoment(life: { readyAt: number; speed?: Speed | undefined }): Moment {
  return { at: life.readyAt, speed: life.speed };
}

/**
 * When all of `moments` have happened, and the speed AWS's next work runs at from then: the faster of the last one's and
 * `current`'s. So what an instant-speed command saw ready stays ready for a slower one, and an instant one never waits out a slower one's durations.
 */
export function settled(moments: readonly Moment[], current: Speed): { at: number; speed: Speed } {
  const last = moments.reduce<Moment | undefined>((a, m) => (a === undefined || m.at > a.at ? m : a), undefined);
  return { at: last?.at ?? 0, speed: Math.min(last?.speed ?? current, current) };
}
