/**
 * Where the simulated account lives. Every command runs inside `transact`: the world is read,
 * changed in memory and, only if the handler succeeded, what it changed is written back. The
 * learner's account is SQLite (account/sqlite-store.ts); tests keep a MemoryStore.
 *
 * What a command returns is built afresh from the world and shares none of its objects
 * (`test/sandbox/answers-own-nothing.test.ts` holds every answer of a whole lesson to that), so a
 * caller keeps what it was given however the world changes later.
 */
import { emptyWorld, type World } from "./world.js";

export interface WorldStore {
  /** Runs `fn` on the current world, keeping its changes only if it returns normally; `readOnly` (Describe/Get/List) skips copy, lock and write. */
  transact<T>(fn: (world: World) => T, readOnly?: boolean): T;
  /** A copy of the world, for reading only. */
  snapshot(): World;
  /** Where a damaged account was kept, said once by the next command (then undefined). */
  takeNotice?(): string | undefined;
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
