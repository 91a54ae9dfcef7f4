/**
 * The facilitator's commands at a served room (`workshop cleanup`, `workshop challenge --all`, reached with the facilitator's
 * join line: an endpoint URL and the room's keys) wait at the room's pace: the room says its speed on its first answer, and
 * the waits follow it from then, those of the participants the facilitator acts for too. Never under 2 s (a rehearsed room
 * has stacks that create at AWS's own pace); a room at AWS's own pace is polled every 5 s, as AWS is.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { openFacilitator } from "../../src/commands/workshop/open.js";
import { serveSandbox, type ServedSandbox } from "../../src/sandbox/serve/server.js";
import { actAs } from "../../src/workshop/facilitator.js";
import { QuietHost } from "../../src/workshop/quiet-host.js";
import { readRoom } from "../../src/workshop/room-read.js";
import { harness } from "../helpers/lesson-harness.js";

const opened: ServedSandbox[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** The facilitator at a room served at `speed`, and a participant they act for, both made before the room's first answer. */
async function facilitatorAt(speed: number) {
  const h = harness({ speed });
  const served = await serveSandbox({ sandbox: h.sandbox });
  opened.push(served);
  vi.stubEnv("AWS_ACCESS_KEY_ID", served.credentials.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", served.credentials.secretAccessKey);
  vi.stubEnv("AWS_PROFILE", undefined);
  // The AWS backend over HTTP, as the join line makes it: no in-process sandbox clients.
  const { makeClients: _inProcess, ...env } = h.env;
  const f = await openFacilitator({ region: "ap-northeast-1", endpointUrl: served.url }, env);
  const participant = actAs(f, "team-01", new QuietHost("en"));
  return { f, participant };
}

describe("the facilitator's waits at a served room", () => {
  it("follow an instant room's speed once it has answered: every 2 s, not every 5 s", { timeout: 60_000 }, async () => {
    const { f, participant } = await facilitatorAt(0);
    expect([f.pollMs, participant.pollMs]).toEqual([5000, 5000]);
    await readRoom(f.clients, () => f.clock.now());
    expect([f.pollMs, participant.pollMs]).toEqual([2000, 2000]);
  });

  it("stay at AWS's pace for a room served at real speed", { timeout: 60_000 }, async () => {
    const { f, participant } = await facilitatorAt(1);
    await readRoom(f.clients, () => f.clock.now());
    expect([f.pollMs, participant.pollMs]).toEqual([5000, 5000]);
  });
});
