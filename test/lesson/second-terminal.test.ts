/**
 * Hands-on in the sandbox: the lesson says how to point a second terminal at the served account
 * at the first step, and again under the printed commands, until the learner's own commands have
 * done a step — then their terminal is set up, and the reminder would only be noise.
 */
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { start } from "../../src/commands/start.js";
import type { Choice } from "../../src/ui/io-host.js";
import { byHandSteps } from "../helpers/by-hand-steps.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const PREFIX = "twin";
const HOW = "How do you want to do this step?";
const REMINDER = "run this once in a second terminal";

/** A learner who looks at the commands of each step first; at step 1 they run them by hand and verify, later they let the tool do it. */
class Learner extends RecordingHost {
  private readonly asked = new Map<string, number>();
  constructor(
    private readonly byHand: () => Promise<void>,
    /** The step at which the learner stops the run (Ctrl-C at its question). */
    private readonly stopAt?: string,
  ) {
    super("en", true);
  }
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    if (message !== HOW) return super.select(message, choices, defaultValue);
    const id = this.ofType("step-started").at(-1)?.step ?? "";
    if (id === this.stopAt) throw Object.assign(new Error("User force closed the prompt"), { name: "ExitPromptError" });
    const n = this.asked.get(id) ?? 0;
    this.asked.set(id, n + 1);
    const pick = (v: string) => choices.find((c) => c.value === (v as unknown))!.value;
    if (n === 0) return pick("show");
    if (id === "deploy") {
      await this.byHand();
      return pick("verify");
    }
    return pick("guided");
  }
  /** The step each reminder was said in. */
  reminders(): string[] {
    let step = "";
    const said: string[] = [];
    for (const e of this.events) {
      if (e.type === "step-started") step = e.step;
      if (e.type === "notice" && e.message.includes(REMINDER)) said.push(step);
    }
    return said;
  }
}

describe("the second-terminal line in a hands-on sandbox lesson", () => {
  it("is said at the first step and under its commands, and no more once the learner's own commands did a step", async () => {
    const h = harness({ opts: { prefix: PREFIX, mode: "hands-on", yes: false } });
    h.env.learnerReachesSandbox = true;
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const learner = new Learner(() => byHandSteps(PREFIX).deploy!(ctx));
    await start(h.opts, { ...h.env, makeHost: () => learner });
    // Step 1 was verified as the learner's own work; the later steps were shown, then done by the tool.
    expect(learner.ofType("step-finished").map((e) => e.step)).toContain("curl");
    expect(learner.reminders()).toEqual(["deploy", "deploy"]);
  });

  it("is not said again on a rerun: the learner was shown it in this lesson, and their own commands did a step through it", async () => {
    const h = harness({ opts: { prefix: PREFIX, mode: "hands-on", yes: false } });
    h.env.learnerReachesSandbox = true;
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const first = new Learner(() => byHandSteps(PREFIX).deploy!(ctx), "endpoint-service");
    await expect(start(h.opts, { ...h.env, makeHost: () => first })).rejects.toMatchObject({ name: "ExitPromptError" });
    expect(first.reminders()).toEqual(["deploy", "deploy"]);
    // The rerun shows the next step's commands: the line is not under them, nor at its first question.
    const again = new Learner(async () => undefined);
    await start(h.opts, { ...h.env, makeHost: () => again });
    expect(again.ofType("step-started").map((e) => e.step)).toContain("endpoint-service");
    expect(again.reminders()).toEqual([]);
  });
});
