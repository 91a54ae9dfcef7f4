import { describe, expect, it } from "vitest";
import type { CloudView } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { costReport } from "../../src/lesson/pricing.js";
import { progressOf } from "../../src/workshop/participant-progress.js";

const DEPLOYED = Date.UTC(2026, 11, 4, 10, 0, 0);
const HOUR = 3_600_000;
const NOW = DEPLOYED + 3.5 * HOUR;

/** Both stacks up, and the participant's endpoint (made two hours after deploy) in the state given. */
function cloud(state: string): CloudView {
  const stack = (name: string) => ({ name, id: name, status: "CREATE_COMPLETE", outputs: {}, resources: {} });
  const endpoint = { id: "vpce-1", state, serviceName: "svc", vpcId: "vpc-1", subnetIds: [], sgIds: [], createdAt: DEPLOYED + 2 * HOUR };
  return { consumer: stack("c"), provider: stack("p"), services: [], endpoints: [endpoint], endpointSgs: [], curls: [], deletedStacks: [] };
}
const seat = (state: string) => progressOf({ prefix: "team-a", view: cloud(state), firstStackAt: DEPLOYED }, NOW, "us-east-1", "aws");
const lesson = { state: { region: "us-east-1", resourcesSince: new Date(DEPLOYED).toISOString() }, clock: { now: () => NOW }, clients: {} } as unknown as LessonContext;

describe("the facilitator's cost so far", () => {
  it("keeps a participant's endpoint's hours once its deletion starts, as the learner's own status does; only the hourly rate drops it", () => {
    const up = seat("available");
    const going = seat("deleting");
    expect(going.costSoFarUsd).toBe(up.costSoFarUsd);
    expect(going.perHourUsd).toBeCloseTo(up.perHourUsd - 0.01, 4);
  });

  it("is the sum the participant's own terminal shows for the same cloud", () => {
    for (const state of ["available", "deleting"]) expect(seat(state).costSoFarUsd).toBe(costReport(lesson, cloud(state)).sinceUsd);
  });
});
