/**
 * A lab deleted while a step waits on Systems Manager (a room's facilitator cleaned up): the learner reads what
 * happened in words, in both languages, never AWS's bare "Inactive".
 */
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { LabError } from "../../src/errors.js";
import type { Lang } from "../../src/i18n/lang.js";
import { translator } from "../../src/i18n/messages.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { waitOnline } from "../../src/lesson/ssm-run.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import { IDS, lessonWorld, REGION, T0 } from "../sandbox/fixtures-c.js";

/** Every line the wait's spinner ended with. */
async function terminatedWait(lang: Lang, servedSandbox: boolean): Promise<{ failed: string[]; error: LabError }> {
  const clock = new ManualClock(T0);
  const sandbox = new Sandbox({ store: new MemoryStore(lessonWorld()), clock, speed: 1 });
  sandbox.store.transact((w) => void (w.regions[REGION]!.instances[IDS.consumer]!.life.deletedAt = clock.now()));
  clock.advance(60_000);
  const failed: string[] = [];
  const spinner = { update: () => undefined, succeed: () => undefined, fail: (text: string) => void failed.push(text), stop: () => undefined };
  const ctx = { clients: await createSandboxClients(sandbox, REGION), t: translator(lang), clock, pollMs: 0, io: { spinner: () => spinner }, ...(servedSandbox ? { servedSandbox } : {}) } as unknown as LessonContext;
  const error = await waitOnline(ctx, "curl", IDS.consumer).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabError);
  return { failed, error: error as LabError };
}

describe("a Consumer instance terminated while the step waits for it", () => {
  it.each([
    ["en", "Waiting for the Consumer instance to register with Session Manager · stopped: the instance is terminated"],
    ["ja", "Consumer インスタンスが Session Manager に登録されるのを待っています · 中止：インスタンスは終了しています"],
  ] as const)("(%s) ends the wait with what was awaited and why, in words", async (lang, line) => {
    const { failed } = await terminatedWait(lang, false);
    expect(failed).toEqual([line]);
  });

  it("in a served room, the error says the lab was deleted while it waited (the facilitator's cleanup)", async () => {
    const { error } = await terminatedWait("en", true);
    expect(error.key).toBe("guard.ssm.inactiveServed");
    expect(translator("en")(error.key, { id: IDS.consumer })).toContain("facilitator's cleanup");
    expect(translator("ja")(error.key, { id: IDS.consumer })).toContain("講師の片付け");
  });
});
