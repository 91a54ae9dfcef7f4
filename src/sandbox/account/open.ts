/**
 * Opens the account database safely: the folder made 0700, the file created 0600 before SQLite
 * sees it (SQLite gives its -wal and -shm files the database's own mode), a symbolic link refused
 * (for the database and its -wal/-shm companions), and a file that is not a sandbox database moved
 * aside whole, so a fresh account can start and the learner can be told where the old one went.
 *
 * Journal: WAL. Readers (most commands are Describe/List) never wait for a writer and a writer
 * never waits for readers, which a room of learners on one account needs; a commit appends to the
 * -wal file, so a process killed at any point leaves the last committed state (SQLite recovers
 * the -wal on the next open). `synchronous=NORMAL` keeps WAL safe against a killed process; only a
 * power cut may lose the last commits, never the file. The account lives in the learner's local
 * state folder, where WAL's shared memory works (it would not on a network file system).
 */
import { constants, closeSync, lstatSync, mkdirSync, openSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import { LabError } from "../../errors.js";
import { onLocalFile } from "../../guard/local-file.js";
import { sqlite, type Database } from "./node-sqlite.js";

/** A live process holds the write lock for one command (milliseconds); waiting longer means trouble. */
const BUSY_TIMEOUT_MS = 15_000;

// `heavy`: the large fields of an entity (a stack's events and template), read only when used.
// `changed`: the account's change number (meta "change", one more per write command) that last
// wrote the row; `removed` remembers rows deleted since, so a process catches up with only what
// changed after the world it holds (tombstones older than the last 5,000 changes are pruned).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS entity (
  region TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  heavy TEXT,
  expires_at INTEGER,
  changed INTEGER NOT NULL,
  PRIMARY KEY (region, kind, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_expiry ON entity (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS entity_changed ON entity (changed);
CREATE TABLE IF NOT EXISTS removed (
  region TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  changed INTEGER NOT NULL,
  PRIMARY KEY (region, kind, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS removed_changed ON removed (changed);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

const COMPANIONS = ["-wal", "-shm", "-journal"];

function refuseLink(path: string): void {
  if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) throw new LabError("account.symlink", { path }, { source: "local" });
}

/** The database file exists as a plain file of ours (made 0600 here if it did not). */
function ensureFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  for (const c of ["", ...COMPANIONS]) refuseLink(path + c);
  try {
    closeSync(openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW, 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    if (!lstatSync(path).isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: lstatSync(path).isDirectory() ? "EISDIR" : "EEXIST" });
  }
}

/** An SQLite error's primary code (the low byte of an extended code), or -1. */
function primaryCode(e: unknown): number {
  const code = (e as { errcode?: unknown } | undefined)?.errcode;
  return typeof code === "number" ? code & 0xff : -1;
}

/** Is this SQLite error "the file is not a sandbox database" (SQLITE_CORRUPT, SQLITE_NOTADB), rather than busy, full disk...? */
export const isDamaged = (e: unknown): boolean => [11, 26].includes(primaryCode(e));

/** SQLite's word (PERM, READONLY, IOERR, FULL, CANTOPEN) for a file this computer will not let it use, as the errno the guard explains. */
export const fileProblem = (e: unknown): string | undefined => ({ 3: "EPERM", 8: "EROFS", 10: "EIO", 13: "ENOSPC", 14: "EACCES" } as Record<number, string>)[primaryCode(e)];

/** SQLITE_BUSY, SQLITE_LOCKED. */
export const isBusy = (e: unknown): boolean => [5, 6].includes(primaryCode(e));

/** Opens (creating if needed) the account database at `path`; throws what SQLite or the disk said. */
export function openAccount(path: string): Database {
  return onLocalFile(path, () => {
    ensureFile(path);
    const db = new (sqlite().DatabaseSync)(path);
    try {
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.exec("PRAGMA journal_mode = WAL");
      db.exec("PRAGMA synchronous = NORMAL");
      db.exec(`BEGIN IMMEDIATE; ${SCHEMA} COMMIT;`);
      return db;
    } catch (e) {
      try {
        db.exec("ROLLBACK");
      } catch {
        // nothing was begun
      }
      db.close();
      throw e;
    }
  });
}

/** Moves a damaged database (and its companions) aside; returns the backup's path. */
export function moveAside(path: string): string {
  const backup = `${path}.corrupt-${Date.now()}`;
  onLocalFile(path, () => {
    renameSync(path, backup);
    for (const c of COMPANIONS) {
      try {
        renameSync(path + c, backup + c);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      }
    }
  });
  return backup;
}
