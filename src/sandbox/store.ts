/**
 * Where the simulated account lives. Every command runs inside `transact`: the world is read,
 * changed in memory and, only if the handler succeeded and something changed, written back.
 * The file store locks across processes and writes atomically (temp file + rename, 0600).
 *
 * What a command returns is built afresh from the world and shares none of its objects
 * (`test/sandbox/answers-own-nothing.test.ts` holds every answer of a whole lesson to that), so a
 * caller keeps what it was given however the world changes later.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, type BigIntStats } from "node:fs";
import { dirname } from "node:path";
import { LabError } from "../errors.js";
import { onLocalFile } from "../guard/local-file.js";
import { tryLock } from "../guard/process-lock.js";
import { READ_NO_FOLLOW, writeWholeFile } from "../whole-file.js";
import { emptyRegion, emptyWorld, type World } from "./world.js";

export interface WorldStore {
  /**
   * Runs `fn` on the current world; its changes are kept only if it returns normally. `readOnly`
   * (Describe/Get/List commands, which derive everything from the clock and never write) skips the
   * copy, the lock and the write: a room of 50 rehearsing participants stays fast.
   */
  transact<T>(fn: (world: World) => T, readOnly?: boolean): T;
  /** A copy of the world, for reading only. */
  snapshot(): World;
}

export class MemoryStore implements WorldStore {
  private world: World;
  constructor(initial: World = emptyWorld()) {
    this.world = structuredClone(initial);
  }
  transact<T>(fn: (world: World) => T, readOnly = false): T {
    if (readOnly) return fn(this.world);
    const draft = structuredClone(this.world);
    const result = fn(draft);
    this.world = draft;
    return result;
  }
  snapshot(): World {
    return structuredClone(this.world);
  }
}

/** A live process holds the lock only for one command (milliseconds); waiting longer means trouble. */
const LOCK_WAIT_MS = 15_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Thrown when the sandbox file exists but is not a sandbox world. */
export class CorruptWorldError extends Error {
  constructor(
    readonly path: string,
    readonly backupPath: string,
  ) {
    super(`The sandbox account file ${path} was unreadable; it was moved to ${backupPath}.`);
    this.name = "CorruptWorldError";
  }
}

/** Which version of the file this is: a write replaces the file (new inode, size and time). */
function versionOf(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/** The world as last read or written by this process, with the file version it came from. */
interface Seen {
  version: string;
  text: string;
  world: World;
}

export class FileStore implements WorldStore {
  /**
   * A lesson sends a few hundred commands, most of them reads: each checks the file's version and
   * parses it again only when another process has replaced it. A write changes the world held here
   * in place (the file still has the version it came from); if the command fails, that world is
   * dropped and the next command reads the file again.
   */
  private seen: Seen | undefined;
  private folderMade = false;

  constructor(readonly path: string) {}

  transact<T>(fn: (world: World) => T, readOnly = false): T {
    // The file is replaced atomically (rename), so a reader without the lock sees a whole world.
    if (readOnly) return fn(this.current()?.world ?? emptyWorld());
    const release = this.lock();
    try {
      const before = this.current();
      const world = before?.world ?? emptyWorld();
      try {
        const result = fn(world);
        const after = JSON.stringify(world);
        if (after !== before?.text) this.write(after, world);
        return result;
      } catch (e) {
        this.seen = undefined; // half-changed: the file, untouched, is the account
        throw e;
      }
    } finally {
      release();
    }
  }

  snapshot(): World {
    const seen = this.current();
    return seen === undefined ? emptyWorld() : this.parse(seen.text);
  }

  /** The world in the file now (undefined: no file yet); read and parsed only if the file changed. */
  private current(): Seen | undefined {
    const read = onLocalFile(this.path, () => {
      let fd: number;
      try {
        // One stat tells whether the file is still the version we hold.
        if (this.seen && versionOf(statSync(this.path, { bigint: true })) === this.seen.version) return this.seen;
        fd = openSync(this.path, READ_NO_FOLLOW);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw e;
      }
      try {
        // The open file is the version we stat and read, even if another process replaces it meanwhile.
        const version = versionOf(fstatSync(fd, { bigint: true }));
        return { version, text: readFileSync(fd, "utf8") };
      } finally {
        closeSync(fd);
      }
    });
    if (read === undefined) return (this.seen = undefined);
    if (read === this.seen) return this.seen;
    return (this.seen = { version: read.version, text: read.text, world: this.parse(read.text) });
  }

  private parse(text: string): World {
    try {
      const data = JSON.parse(text) as World;
      if (isWholeWorld(data)) return data;
    } catch {
      // fall through: keep the broken file as a backup and start a new account
    }
    const backup = `${this.path}.corrupt-${Date.now()}`;
    onLocalFile(this.path, () => renameSync(this.path, backup));
    throw new CorruptWorldError(this.path, backup);
  }

  /** Replaces the file (under the lock, so its version after the rename is the one written). */
  private write(text: string, world: World): void {
    onLocalFile(this.path, () => {
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeWholeFile(tmp, text, 0o600); // the folder exists: lock() made it
      renameSync(tmp, this.path);
      this.seen = { version: versionOf(statSync(this.path, { bigint: true })), text, world };
    });
  }

  /**
   * A lock file beside the account, naming its owner: a live owner is waited for (it holds the
   * lock for one command), a dead one's lock (SIGKILL) is taken over at once.
   */
  private lock(): () => void {
    // Made once per process, and again if it was removed meanwhile.
    if (!this.folderMade || !existsSync(dirname(this.path))) onLocalFile(dirname(this.path), () => mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 }));
    this.folderMade = true;
    const lockPath = `${this.path}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const got = tryLock(lockPath);
      if (got.ok) return got.release;
      if (Date.now() > deadline) throw new LabError("guard.sandboxLocked", { path: lockPath, pid: got.holder.pid }, { source: "busy" });
      sleepSync(5);
    }
  }
}

/** Every table a sandbox world needs is there (a file cut short or edited by hand may lack some). */
function isWholeWorld(data: unknown): data is World {
  if (!data || typeof data !== "object") return false;
  const w = data as Partial<World>;
  if (w.schema !== 1 || !w.regions || typeof w.regions !== "object" || !w.quotas || typeof w.quotas !== "object") return false;
  if (!w.iamRoles || typeof w.iamRoles !== "object" || !w.instanceProfiles || typeof w.instanceProfiles !== "object" || typeof w.seq !== "number") return false;
  const tables = Object.keys(emptyRegion());
  return Object.values(w.regions).every((r) => r && typeof r === "object" && tables.every((k) => typeof (r as unknown as Record<string, unknown>)[k] === "object" && (r as unknown as Record<string, unknown>)[k] !== null));
}
