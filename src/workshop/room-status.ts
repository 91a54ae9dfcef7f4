/** The whole room at one moment: every learner's progress and the totals a facilitator watches. */
import { progressOf, type ParticipantProgress, type StepMemory } from "./participant-progress.js";
import type { Room } from "./room-read.js";

export interface RoomStatus {
  at: number;
  region: string;
  backend: "aws" | "sandbox";
  participants: ParticipantProgress[];
  /** A room served on this computer: how many computers joined each seat (0: not yet). Unknown elsewhere. */
  computers?: Record<string, number>;
  totals: {
    participants: number;
    notStarted: number;
    finished: number;
    /** Learners with at least one stuck signal. */
    flagged: number;
    perHourUsd: number;
    costSoFarUsd: number;
  };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function roomStatus(room: Room, region: string, backend: "aws" | "sandbox", memory?: StepMemory): RoomStatus {
  const participants = room.participants.map((p) => progressOf(p, room.at, region, backend, memory));
  return {
    at: room.at,
    region,
    backend,
    participants,
    totals: {
      participants: participants.length,
      notStarted: participants.filter((p) => p.phase === "not-started").length,
      finished: participants.filter((p) => p.finished).length,
      flagged: participants.filter((p) => p.signals.length > 0).length,
      perHourUsd: round(participants.reduce((s, p) => s + p.perHourUsd, 0), 4),
      costSoFarUsd: round(participants.reduce((s, p) => s + p.costSoFarUsd, 0), 2),
    },
  };
}
