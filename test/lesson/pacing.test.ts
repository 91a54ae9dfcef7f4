/**
 * Guided pacing: "1 go · 2 show how · 3 stop" keep their digits after "show how" is used (a learner
 * who pressed 2 then presses 3 to stop, as the screen first said). A choice without a key is picked
 * by its place (io-host.ts), so the digit a learner sees is `key ?? place`.
 */
import { describe, expect, it } from "vitest";
import { start } from "../../src/commands/start.js";
import type { Choice } from "../../src/ui/io-host.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

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
