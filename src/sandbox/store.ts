/**
 * Where the simulated account lives. Every command runs inside `transact`: the world is read,
 * changed in memory and, only if the handler succeeded and something changed, written back.
 * The file store locks across processes and writes atomically (temp file + rename, 0600).
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { emptyWorld, type World } from "./world.js";

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

const LOCK_STALE_MS = 10_000;
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

export class FileStore implements WorldStore {
  constructor(readonly path: string) {}

  transact<T>(fn: (world: World) => T, readOnly = false): T {
    // The file is replaced atomically (rename), so a reader without the lock sees a whole world.
    if (readOnly) return fn(this.snapshot());
    const release = this.lock();
    try {
      const before = this.readText();
      const world = before === undefined ? emptyWorld() : this.parse(before);
      const result = fn(world);
      const after = JSON.stringify(world);
      if (after !== before) this.write(after);
      return result;
    } finally {
      release();
    }
  }

  snapshot(): World {
    const text = this.readText();
    return text === undefined ? emptyWorld() : this.parse(text);
  }

  private readText(): string | undefined {
    try {
      return readFileSync(this.path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
  }

  private parse(text: string): World {
    try {
      const data = JSON.parse(text) as World;
      if (data && data.schema === 1 && typeof data.regions === "object") return data;
    } catch {
      // fall through: keep the broken file as a backup and start a new account
    }
    const backup = `${this.path}.corrupt-${Date.now()}`;
    renameSync(this.path, backup);
    throw new CorruptWorldError(this.path, backup);
  }

  private write(text: string): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, this.path);
  }

  /** A lock directory beside the file; a lock older than 10 s is from a dead process. */
  private lock(): () => void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const lockPath = `${this.path}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const fd = openSync(lockPath, "wx", 0o600);
        closeSync(fd);
        return () => rmSync(lockPath, { force: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        try {
          if (Date.now() - statSync(lockPath).mtimeMs > LOCK_STALE_MS) rmSync(lockPath, { force: true });
        } catch {
          // the holder released it meanwhile
        }
        if (Date.now() > deadline) throw new Error(`The sandbox account ${this.path} is locked by another process.`);
        sleepSync(5);
      }
    }
  }
}
