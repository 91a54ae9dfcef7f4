/**
 * Guided pacing: "1 go · 2 show how · 0 stop" keep their digits after "show how" is used (a learner
 * who pressed 2 then presses 0 to stop, as the screen first said); stop's digit means nothing else anywhere. A choice without a key is picked
 * by its place (io-host.ts), so the digit a learner sees is `key ?? place`.
 */
import { describe, expect, it } from "vitest";
import { start } from "../../src/commands/start.js";
import type { Choice } from "../../src/ui/io-host.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

/** Records the digit of every answer offered, over the whole lesson; lets the tool do each hands-on step. */
class DigitsSeen extends RecordingHost {
  readonly meanings = new Map<number, Set<string>>();
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    choices.forEach((c, i) => {
      const digit = c.key ?? i + 1;
      (this.meanings.get(digit) ?? this.meanings.set(digit, new Set()).get(digit)!).add(String(c.value));
    });
    const tool = choices.find((c) => c.value === "guided");
    return tool ? tool.value : super.select(message, choices, defaultValue);
  }
}

/** Asks "show how" once per step, and records the digit each answer had. */
class ShowsFirst extends RecordingHost {
  readonly digits = new Map<string, Set<number>>();
  private asked = new Set<string>();
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    choices.forEach((c, i) => {
      const at = `${message} → ${String(c.value)}`;
      (this.digits.get(at) ?? this.digits.set(at, new Set()).get(at)!).add(c.key ?? i + 1);
    });
    const step = this.ofType("step-started").at(-1)?.step ?? "";
    if (choices.some((c) => c.value === "show") && !this.asked.has(step)) {
      this.asked.add(step);
      return "show" as T;
    }
    return super.select(message, choices, defaultValue);
  }
}

describe("guided questions keep their digits", () => {
  it("go, show how and stop have the same digit before and after 'show how'", async () => {
    const host = new ShowsFirst("en", true);
    const h = harness({ host, opts: { prefix: "pace", yes: false } });
    await start(h.opts, h.env);
    expect(host.ofType("step-finished").at(-1)?.step).toBe("cleanup");
    const stop = [...host.digits].filter(([at]) => at.endsWith("→ stop"));
    expect(stop.length).toBeGreaterThan(0);
    const moved = [...host.digits].filter(([, d]) => d.size > 1).map(([at, d]) => `${at}: ${[...d].join(", ")}`);
    expect(moved).toEqual([]);
  }, 60_000);
});

describe("the digit that stops the lesson", () => {
  it("means stop on every question of a hands-on lesson, never 'let the tool do it' from the step before", async () => {
    const host = new DigitsSeen("en", true);
    const h = harness({ host, opts: { prefix: "digits", yes: false, mode: "hands-on" } });
    await start(h.opts, h.env);
    const stop = [...host.meanings].filter(([, values]) => values.has("stop"));
    expect(stop.length).toBe(1);
    expect([...stop[0]![1]]).toEqual(["stop"]);
    // A learner who let the tool do a step and presses the same digit on the next one goes on.
    expect(host.meanings.get(3)?.has("guided")).toBe(true);
  }, 60_000);
});
