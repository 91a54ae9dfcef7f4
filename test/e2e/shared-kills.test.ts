/**
 * A small run of the reliability harness's shared-account kills (scripts/reliability/shared-kills.mjs;
 * `npm run reliability` runs 60 lessons, 8 at once): learners on ONE sandbox account, each built
 * CLI SIGKILLed at a random moment and run again. Every rerun finishes, nothing is made twice,
 * and SQLite finds its file sound.
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script, no types
import { sharedKills } from "../../scripts/reliability/shared-kills.mjs";

describe("one sandbox account, lessons killed at random", () => {
  it("finishes every lesson on rerun, makes nothing twice, and keeps the database sound", async () => {
    const r = (await sharedKills({ lessons: 6, parallel: 3, maxKillMs: 3000, seed: 7 })) as { killed: number; finished: number; duplicates: number; integrity: string; lessons: number; bad: unknown[] };
    expect(r.bad).toEqual([]);
    expect(r.killed).toBeGreaterThan(0);
    expect(r.finished).toBe(r.lessons);
    expect(r.duplicates).toBe(0);
    expect(r.integrity).toBe("ok");
  }, 180_000);
});
