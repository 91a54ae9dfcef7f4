/**
 * Where served sandboxes say they are listening: `served.json` beside the sandbox account file
 * (0600, written atomically, never through a symlink), holding for each server still running the
 * URL, the credentials that sign for it and the process that serves it. `sandbox env` reads it to
 * point a second terminal at the account; each server removes only its own entry when it closes
 * (or its process exits), and an entry whose process is gone is ignored and dropped.
 * The credentials only ever open this local sandbox: AWS refuses them.
 */
import { mkdirSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { sandboxFile } from "../paths.js";
import { replaceFile } from "../guard/replace-file.js";
import { readWholeFile, writeWholeFile } from "../whole-file.js";

export interface ServedRecord {
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The process serving it: a record whose process is gone is stale. */
  pid: number;
  startedAt: string;
  /** Who serves it: `sandbox serve` until the learner stops it, a lesson only while it runs (older versions: not said). */
  by?: ServedBy;
}

export type ServedBy = "sandbox serve" | "lesson";

/** Beside the account file; a test's own state folder (`stateDir`) when it gives one. */
export function servedFile(env: NodeJS.ProcessEnv = process.env, stateDir?: string): string {
  return stateDir ? join(stateDir, "served.json") : join(dirname(sandboxFile(env)), "served.json");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isRecord(v: unknown): v is ServedRecord {
  if (!v || typeof v !== "object") return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.url === "string" && /^https?:\/\//.test(r.url) &&
    typeof r.region === "string" && typeof r.accessKeyId === "string" && typeof r.secretAccessKey === "string" &&
    typeof r.pid === "number" && Number.isInteger(r.pid) && r.pid > 0 && typeof r.startedAt === "string" &&
    (r.by === undefined || r.by === "sandbox serve" || r.by === "lesson")
  );
}

/** Every record the file holds that parses (a lone record, as older versions wrote, or a list). */
function readAll(path: string): ServedRecord[] {
  try {
    // A symlink here is not ours to follow: the read refuses it (ELOOP), as a missing file or a folder fails.
    const parsed: unknown = JSON.parse(readWholeFile(path));
    const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    return list.filter(isRecord);
  } catch {
    return [];
  }
}

/** The records whose process still runs, oldest first. */
export function readLive(path: string): ServedRecord[] {
  return readAll(path).filter((r) => alive(r.pid));
}

/** The newest record whose process still runs (a lesson that served and stopped leaves `sandbox serve` in another terminal); else undefined. */
export function readServed(path: string): ServedRecord | undefined {
  return readLive(path).at(-1);
}

/** Writes the list (temp file + rename: a reader never sees half of it); no list, no file. */
function writeAll(path: string, records: ServedRecord[]): void {
  if (records.length === 0) {
    try {
      unlinkSync(path);
    } catch {
      // gone already
    }
    return;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeWholeFile(tmp, JSON.stringify(records, null, 2) + "\n", 0o600);
  replaceFile(tmp, path);
}

/** Publishes a server's address until the returned function (or the process's exit, when that never ran) removes it. */
export function publishServed(path: string, record: Omit<ServedRecord, "pid" | "startedAt">): () => void {
  const full: ServedRecord = { ...record, pid: process.pid, startedAt: new Date().toISOString() };
  // Dead servers' records are dropped; this server's is added (newest last) and, at the end, removed. (A lesson that uses
  // a running `sandbox serve` may publish its address too: the same address, by another.)
  const mine = (r: ServedRecord) => r.url === full.url && r.pid === full.pid && r.by === full.by;
  const others = (records: ServedRecord[]) => records.filter((r) => alive(r.pid) && !mine(r));
  writeAll(path, [...others(readAll(path)), full]);
  const remove = (): void => {
    const before = readAll(path);
    const after = others(before);
    if (after.length !== before.length) writeAll(path, after);
  };
  process.once("exit", remove);
  return () => {
    process.removeListener("exit", remove);
    remove();
  };
}
