/**
 * Where a served sandbox says it is listening: `served.json` beside the sandbox account file
 * (0600, written atomically, never through a symlink), holding the URL, the credentials that
 * sign for it and the process that serves it. `sandbox env` reads it to point a second terminal
 * at the account; the server removes it when it closes (or its process exits).
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
}

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
    typeof r.pid === "number" && Number.isInteger(r.pid) && r.pid > 0 && typeof r.startedAt === "string"
  );
}

/** The running server's record; undefined when none is written, it is unreadable, or its process is gone. */
export function readServed(path: string): ServedRecord | undefined {
  try {
    // A symlink here is not ours to follow: the read refuses it (ELOOP), as a missing file or a folder fails.
    const parsed: unknown = JSON.parse(readWholeFile(path));
    return isRecord(parsed) && alive(parsed.pid) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the record (temp file + rename: a reader never sees half of it). */
export function writeServed(path: string, record: ServedRecord): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeWholeFile(tmp, JSON.stringify(record, null, 2) + "\n", 0o600);
  replaceFile(tmp, path);
}

/** Removes the record if it is still this server's (another server may have written its own since). */
export function removeServed(path: string, url: string): void {
  try {
    const parsed: unknown = JSON.parse(readWholeFile(path));
    if (isRecord(parsed) && parsed.url === url && parsed.pid === process.pid) unlinkSync(path);
  } catch {
    // gone already, or not ours: nothing to do
  }
}

/**
 * Publishes a server's address until it closes: the record is removed by `close`, and by the
 * process's exit (Ctrl-C, kill) when close never ran. Returns the function that removes it.
 */
export function publishServed(path: string, record: Omit<ServedRecord, "pid" | "startedAt">): () => void {
  const full: ServedRecord = { ...record, pid: process.pid, startedAt: new Date().toISOString() };
  writeServed(path, full);
  const remove = (): void => removeServed(path, full.url);
  process.once("exit", remove);
  return () => {
    process.removeListener("exit", remove);
    remove();
  };
}
