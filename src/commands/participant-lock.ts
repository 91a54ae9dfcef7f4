/**
 * One process per participant: `participants/<prefix>.lock`, held by a lesson's command for its run and by a
 * facilitator's while it acts for them; a second one refuses, naming the first. Commands that only read run anyway but
 * save nothing. A lock whose process died is taken over at once.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { LabError } from "../errors.js";
import { onLocalFile } from "../guard/local-file.js";
import { currentOwner, tryLock, type LockAttempt, type LockOwner } from "../guard/process-lock.js";
import type { StateFile } from "../state/state-file.js";

export type Access = "write" | "read";

interface ParticipantLock {
  /** This process holds the lock (and may save the progress file). */
  mine: boolean;
  /** The dead process whose lock was taken over, to say so. */
  tookOverFrom?: LockOwner;
}

function attempt(stateFile: StateFile, prefix: string): { path: string; got: LockAttempt; ours: boolean } {
  const path = join(stateFile.dir, "participants", `${prefix}.lock`);
  onLocalFile(dirname(path), () => mkdirSync(dirname(path), { recursive: true, mode: 0o700 }));
  const got = tryLock(path);
  const me = currentOwner();
  // The same process again (tests run several commands in one process): it is ours already.
  return { path, got, ours: !got.ok && got.holder.pid === me.pid && got.holder.startedAt === me.startedAt };
}

/** When a lock's process started, as both lock notices say it (busy, took over): `2026-12-07 16:13:23 UTC`. */
export function lockStarted(owner: Pick<LockOwner, "startedAt">): string {
  return new Date(owner.startedAt).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

function busy(prefix: string, holder: LockOwner, path: string): LabError {
  return new LabError("guard.busy", { prefix, pid: holder.pid || "?", started: lockStarted(holder), host: holder.host, path }, { source: "busy" });
}

/** Takes the lock for the rest of this process (start, step, destroy, status, doctor). */
export function lockParticipant(stateFile: StateFile, prefix: string, access: Access): ParticipantLock {
  const { path, got, ours } = attempt(stateFile, prefix);
  if (got.ok) return { mine: true, ...(got.tookOverFrom ? { tookOverFrom: got.tookOverFrom } : {}) };
  if (ours) return { mine: true };
  if (access === "read") return { mine: false };
  throw busy(prefix, got.holder, path);
}

/** Holds the participants' locks while `work` acts for them; one a live process holds is guard.busy. */
export async function asParticipants<T>(stateFile: StateFile, prefixes: string[], work: () => Promise<T>): Promise<T> {
  const held: Array<() => void> = [];
  try {
    for (const prefix of prefixes) {
      const { path, got, ours } = attempt(stateFile, prefix);
      if (got.ok) held.push(got.release);
      else if (!ours) throw busy(prefix, got.holder, path);
    }
    return await work();
  } finally {
    held.forEach((release) => release());
  }
}
