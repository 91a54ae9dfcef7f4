/**
 * One process per participant. Commands that change the lesson (start, step, destroy) hold
 * `participants/<prefix>.lock` for their whole run; a second one refuses, naming the first.
 * Commands that only read (status, doctor) run anyway but, while another process holds the lock,
 * do not save the progress file under its feet. A lock whose process died is taken over at once.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { LabError } from "../errors.js";
import { onLocalFile } from "../guard/local-file.js";
import { currentOwner, tryLock, type LockOwner } from "../guard/process-lock.js";
import type { StateFile } from "../state/state-file.js";

export type Access = "write" | "read";

export interface ParticipantLock {
  /** This process holds the lock (and may save the progress file). */
  mine: boolean;
  /** The dead process whose lock was taken over, to say so. */
  tookOverFrom?: LockOwner;
}

export function participantLockPath(stateFile: StateFile, prefix: string): string {
  return join(stateFile.dir, "participants", `${prefix}.lock`);
}

export function lockParticipant(stateFile: StateFile, prefix: string, access: Access): ParticipantLock {
  const path = participantLockPath(stateFile, prefix);
  onLocalFile(dirname(path), () => mkdirSync(dirname(path), { recursive: true, mode: 0o700 }));
  const got = tryLock(path);
  if (got.ok) return { mine: true, ...(got.tookOverFrom ? { tookOverFrom: got.tookOverFrom } : {}) };
  const me = currentOwner();
  // The same process again (tests run several commands in one process): it is ours already.
  if (got.holder.pid === me.pid && got.holder.startedAt === me.startedAt) return { mine: true };
  if (access === "read") return { mine: false };
  const started = new Date(got.holder.startedAt).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  throw new LabError("guard.busy", { prefix, pid: got.holder.pid || "?", started, host: got.holder.host, path }, { source: "busy" });
}
