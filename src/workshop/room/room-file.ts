/**
 * A room on the facilitator's disk, `<state>/rooms/<name>/`: its account (`account.db`), keys and join codes
 * (`room.json`, 0600, never through a symlink), computers per seat (`joins.json`) and, while served, its address
 * (`served.json`). Reopening keeps every key and the port, so a restarted server answers learners' shells as before.
 */
import { mkdirSync, readdirSync } from "node:fs";
import { randomInt } from "node:crypto";
import { dirname, join } from "node:path";
import { LabError } from "../../errors.js";
import { errnoCode, onLocalFile } from "../../guard/local-file.js";
import { replaceFile } from "../../guard/replace-file.js";
import { herePlace } from "../../paths.js";
import { stateDirFor } from "../../places.js";
import { newCredentials } from "../../sandbox/serve/credentials.js";
import type { SandboxCredentials } from "../../sandbox/serve/sigv4.js";
import { readWholeFile, writeWholeFile } from "../../whole-file.js";

export interface RoomKey extends SandboxCredentials {
  /** What the handout's join line carries (`/join/<code>`): exchanged for the key pair. */
  code: string;
}

export interface RoomMember extends RoomKey {
  prefix: string;
}

export interface RoomRecord {
  schema: 1;
  name: string;
  region: string;
  /** The port it was first served on, kept so the learners' AWS_ENDPOINT_URL stays right. */
  port: number;
  facilitator: RoomKey;
  participants: RoomMember[];
  createdAt: string;
}

export const DEFAULT_ROOM = "room";

const ROOM_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** The room's folder: `<state dir>/rooms/<name>` (a test's own state dir when it gives one). */
export function roomDir(env: NodeJS.ProcessEnv, name: string, stateDir?: string): string {
  if (!ROOM_NAME.test(name)) throw new LabError("room.usage.badName", { name });
  return join(stateDir ?? stateDirFor(herePlace(env)), "rooms", name);
}

export const roomFiles = (dir: string) => ({ record: join(dir, "room.json"), account: join(dir, "account.db"), served: join(dir, "served.json"), joins: join(dir, "joins.json") });

/** The join codes' letters: none that look alike on paper (0/O/o, 1/l/I), so a handout is typed right. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";
const code = (): string => Array.from({ length: 16 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
const key = (): RoomKey => ({ ...newCredentials(), code: code() });

function isKey(v: unknown): v is RoomKey {
  const k = v as Partial<RoomKey> | null;
  return Boolean(k) && typeof k!.accessKeyId === "string" && k!.accessKeyId.startsWith("PLLAB") && typeof k!.secretAccessKey === "string" && typeof k!.code === "string" && k!.code.length >= 12;
}

function isRecord(v: unknown): v is RoomRecord {
  const r = v as Partial<RoomRecord> | null;
  return Boolean(r) && r!.schema === 1 && typeof r!.name === "string" && typeof r!.region === "string" && typeof r!.port === "number" && isKey(r!.facilitator) &&
    Array.isArray(r!.participants) && r!.participants.every((p) => isKey(p) && typeof (p as RoomMember).prefix === "string");
}

/** The room's record, or undefined when it was never made. A damaged one is an error (its keys are in learners' shells). */
export function readRoom(dir: string): RoomRecord | undefined {
  const path = roomFiles(dir).record;
  return onLocalFile(path, () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readWholeFile(path));
    } catch (err) {
      if (errnoCode(err) === "ENOENT") return undefined;
      if (!(err instanceof SyntaxError)) throw err;
    }
    if (!isRecord(parsed)) throw new LabError("room.damaged", { path });
    return parsed;
  });
}

/** The rooms on this computer, by name: the folders of `<state dir>/rooms` named as a room may be (none when it is missing). */
export function roomNames(env: NodeJS.ProcessEnv, stateDir?: string): string[] {
  try {
    return readdirSync(dirname(roomDir(env, DEFAULT_ROOM, stateDir))).filter((n) => ROOM_NAME.test(n));
  } catch {
    return [];
  }
}

/** The room whose facilitator key this is (`join` put it in the shell), among the rooms on this computer. */
export function roomOfKey(env: NodeJS.ProcessEnv, accessKeyId: string, stateDir?: string): RoomRecord | undefined {
  for (const name of roomNames(env, stateDir)) {
    try {
      const room = readRoom(roomDir(env, name, stateDir));
      if (room?.facilitator.accessKeyId === accessKeyId) return room;
    } catch {
      // A damaged room is not this one: serving it says so.
    }
  }
  return undefined;
}

/** Writes `value` as JSON to a file of the room's folder: 0600, never through a symlink, replaced whole. */
export function writeRoomJson(path: string, value: unknown): void {
  onLocalFile(path, () => {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    writeWholeFile(tmp, JSON.stringify(value, null, 2) + "\n", 0o600);
    replaceFile(tmp, path);
  });
}

export const writeRoom = (dir: string, room: RoomRecord): void => writeRoomJson(roomFiles(dir).record, room);

/** The room as asked for: made on first use, else the saved one plus new participants (none removed, keys kept). */
export function openRoomRecord(dir: string, name: string, ask: { prefixes?: string[]; region?: string; defaultRegion: string; port?: number }, now: Date): { room: RoomRecord; made: boolean; added: string[] } {
  const saved = readRoom(dir);
  if (saved && ask.region !== undefined && ask.region !== saved.region) throw new LabError("room.usage.otherRegion", { name, region: saved.region, asked: ask.region });
  const room: RoomRecord = saved ?? { schema: 1, name, region: ask.region ?? ask.defaultRegion, port: ask.port ?? 0, facilitator: key(), participants: [], createdAt: now.toISOString() };
  const have = new Set(room.participants.map((p) => p.prefix));
  const added = (ask.prefixes ?? []).filter((p) => !have.has(p));
  room.participants.push(...added.map((prefix) => ({ prefix, ...key() })));
  if (room.participants.length === 0) throw new LabError("workshop.usage.noParticipants");
  if (!saved || added.length > 0) writeRoom(dir, room);
  return { room, made: !saved, added };
}
