/**
 * The room as data: what `workshop status --json` prints, line for line, and what the facilitator's
 * live page (room-page/) reads and serves as `data.json`. One function makes it for both, so the
 * page never shows anything the JSON does not hold. Its JSON Schema is `schemas/workshop-status.json`.
 */
import type { ChallengeMark } from "../challenge-mark.js";
import type { Translate } from "../i18n/messages.js";
import type { Facilitator } from "./facilitator.js";
import { StepMemory, type Signal } from "./participant-progress.js";
import { readRoom } from "./room-read.js";
import { roomStatus, type RoomStatus } from "./room-status.js";

export interface RoomParticipantData {
  prefix: string;
  /** The step's id (`lessons/privatelink/steps/<id>`) and its number. */
  step: string;
  stepIndex: number;
  finished: boolean;
  /** Why the learner is there, in the facilitator's language. */
  state: string;
  /** Minutes on the step (one decimal), and whether the watch saw the step change. */
  onStepMinutes?: number;
  observed?: boolean;
  signals: Signal[];
  perHourUsd: number;
  costSoFarUsd: number;
  challenge?: ChallengeMark;
}

export interface RoomData {
  time: string;
  type: "workshop-status";
  /** When the room was read (ISO 8601). */
  at: string;
  region: string;
  backend: "aws" | "sandbox";
  totals: RoomStatus["totals"];
  participants: RoomParticipantData[];
}

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
      step: p.step,
      stepIndex: p.stepIndex,
      finished: p.finished,
      state: t(p.why, p.whyVars),
      ...(p.minutesOnStep !== undefined ? { onStepMinutes: Math.round(p.minutesOnStep * 10) / 10, observed: p.observed } : {}),
      signals: p.signals,
      perHourUsd: p.perHourUsd,
      costSoFarUsd: p.costSoFarUsd,
      ...(p.challenge ? { challenge: p.challenge } : {}),
    })),
  };
}

/** One read of the room: every participant's progress (`memory`: step changes seen by earlier reads). */
export async function readStatus(f: Facilitator, memory?: StepMemory): Promise<RoomStatus> {
  const room = await readRoom(f.clients, () => f.clock.now());
  return roomStatus(room, f.region, f.backend, memory);
}

/** What the live page reads (`roomPage({ readRoom: roomReader(f), ... })`): the room as data, step changes timed exactly. */
export function roomReader(f: Facilitator): () => Promise<RoomData> {
  const memory = new StepMemory();
  return async () => roomData(await readStatus(f, memory), f.t);
}
