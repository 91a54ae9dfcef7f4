/**
 * Which computers joined each seat (`joins.json` beside the room file, 0600, replaced whole): each install's id, hashed, with
 * when it first and last joined. A learner's second terminal is the same install; another install on the same seat means
 * someone else used that join line: the joiner is warned, and `workshop status` shows how many computers a seat has.
 */
import { createHash } from "node:crypto";
import { LabError } from "../../errors.js";
import { readWholeFile } from "../../whole-file.js";
import { roomFiles, writeRoomJson } from "./room-file.js";

export interface SeatJoin {
  /** The install's id, hashed: the file need not hold what a join sends. */
  install: string;
  first: string;
  last: string;
}

/** By seat (the participant's prefix). */
export type SeatJoins = Record<string, SeatJoin[]>;

const isJoin = (v: unknown): v is SeatJoin => {
  const j = v as Partial<SeatJoin> | null;
  return Boolean(j) && typeof j!.install === "string" && typeof j!.first === "string" && typeof j!.last === "string";
};

/** What the room remembers (nothing when the file is missing or unreadable: it only counts computers). */
export function readJoins(dir: string): SeatJoins {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readWholeFile(roomFiles(dir).joins));
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  const joins: SeatJoins = {};
  for (const [seat, list] of Object.entries(parsed)) if (Array.isArray(list)) joins[seat] = list.filter(isJoin);
  return joins;
}

const hashed = (install: string): string => createHash("sha256").update(install).digest("base64url").slice(0, 22);

/** Notes that `install` joined `seat` now; answers when another install last joined it. A failed write is let be. */
export function recordJoin(dir: string, joins: SeatJoins, seat: string, install: string, now: Date): { elsewhereAt?: string } {
  const id = hashed(install);
  const list = (joins[seat] ??= []);
  const others = list.filter((j) => j.install !== id).map((j) => j.last).sort();
  const mine = list.find((j) => j.install === id);
  const at = now.toISOString();
  if (mine) mine.last = at;
  else list.push({ install: id, first: at, last: at });
  try {
    writeRoomJson(roomFiles(dir).joins, joins);
  } catch (err) {
    if (!(err instanceof LabError)) throw err;
  }
  return others.length > 0 ? { elsewhereAt: others[others.length - 1]! } : {};
}

/** How many computers joined each seat (seats never joined are absent). */
export function computersBySeat(joins: SeatJoins): Record<string, number> {
  return Object.fromEntries(Object.entries(joins).map(([seat, list]) => [seat, list.length]));
}
