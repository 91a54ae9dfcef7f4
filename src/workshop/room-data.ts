/**
 * The room as data: what `workshop status --json` prints and the live page (room-page/) serves as `data.json`, made by
 * one function so the page never shows what the JSON does not hold. JSON Schema: `schemas/workshop-status.json`.
 */
import type { Translate } from "../i18n/messages.js";
import type { EventLine } from "../ui/event-schema.js";
import type { Facilitator } from "./facilitator.js";
import { StepMemory } from "./participant-progress.js";
import { readRoom } from "./room-read.js";
import { roomStatus, type RoomStatus } from "./room-status.js";

/** The room as `--json` writes it: its type is inferred from the schema (src/ui/event-schema.ts). */
export type RoomData = EventLine<"workshop-status">;
export type RoomParticipantData = RoomData["participants"][number];

export function roomData(status: RoomStatus, t: Translate): RoomData {
  const at = new Date(status.at).toISOString();
  return {
    time: at,
    type: "workshop-status",
    at,
    region: status.region,
    backend: status.backend,
    totals: status.totals,
    participants: status.participants.map((p) => ({
      prefix: p.prefix,
      phase: p.phase,
      // A seat not started is on no step.
      step: p.phase === "not-started" ? null : p.step,
      stepIndex: p.phase === "not-started" ? null : p.stepIndex,
      finished: p.finished,
      state: t(p.why, p.whyVars),
      stateId: p.why,
      ...(p.minutesOnStep !== undefined ? { onStepMinutes: Math.round(p.minutesOnStep * 10) / 10, observed: p.observed } : {}),
      signals: p.signals,
      perHourUsd: p.perHourUsd,
      costSoFarUsd: p.costSoFarUsd,
      ...(p.challenge ? { challenge: p.challenge } : {}),
      ...(p.deletion ? { deletion: p.deletion } : {}),
      ...(status.computers ? { computers: status.computers[p.prefix] ?? 0 } : {}),
    })),
  };
}

/** One read of the room: every participant's progress (`memory`: step changes seen by earlier reads). */
export async function readStatus(f: Facilitator, memory?: StepMemory): Promise<RoomStatus> {
  const room = await readRoom(f.clients, () => f.clock.now(), { roster: f.roster });
  const status = roomStatus(room, f.region, f.servedSandbox ? "sandbox" : f.backend, memory);
  return f.computers ? { ...status, computers: f.computers() } : status;
}

/** What the live page reads (`roomPage({ readRoom: roomReader(f), ... })`): the room as data, step changes timed exactly. */
export function roomReader(f: Facilitator): () => Promise<RoomData> {
  const memory = new StepMemory();
  return async () => roomData(await readStatus(f, memory), f.t);
}
