import type { Clock } from "../../src/sandbox/clock.js";

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
