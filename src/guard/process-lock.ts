/**
 * A lock file naming its owner (pid, start time, host), so a dead owner's lock is taken over at once; Linux's /proc
 * tells a live owner from a reused pid, elsewhere a live pid counts.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { readWholeFile } from "../whole-file.js";
import { LabError } from "../errors.js";
import { errnoCode, localFileError } from "./local-file.js";

export interface LockOwner {
  pid: number;
  /** When the owning process started (ms since epoch). */
  startedAt: number;
  host: string;
}

export type LockAttempt = { ok: true; release: () => void; tookOverFrom?: LockOwner } | { ok: false; holder: LockOwner };

let bootTimeMs: number | undefined | null = null;

function linuxBootTime(): number | undefined {
  if (bootTimeMs !== null) return bootTimeMs;
  try {
    const btime = /^btime (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1];
    bootTimeMs = btime ? Number(btime) * 1000 : undefined;
  } catch {
    bootTimeMs = undefined;
  }
  return bootTimeMs;
}

/** When process `pid` started, from /proc (Linux); undefined where that cannot be read. */
export function processStartTime(pid: number): number | undefined {
  const boot = linuxBootTime();
  if (boot === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? boot + ticks * 10 : undefined; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

let me: LockOwner | undefined;

/** This process, as a lock names it (read once: a lesson takes the sandbox's lock on every change). */
export function currentOwner(): LockOwner {
  me ??= { pid: process.pid, startedAt: processStartTime(process.pid) ?? Math.round(Date.now() - process.uptime() * 1000), host: hostname() };
  return { ...me };
}

/** Is the process that wrote this owner record still running? (Another host's: assumed so.) */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if (errnoCode(e) === "ESRCH") return false;
  }
  const started = processStartTime(owner.pid);
  // The pid is in use, but by a process that started at another time: the owner is gone.
  return started === undefined || Math.abs(started - owner.startedAt) < 3000;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === "number" && typeof o.startedAt === "number" && typeof o.host === "string") return { pid: o.pid, startedAt: o.startedAt, host: o.host };
  } catch {
    // not an owner record
  }
  return undefined;
}

const held = new Set<string>();
let exitHookInstalled = false;

function releaseIfMine(path: string, me: LockOwner): void {
  held.delete(path);
  try {
    const o = parseOwner(readWholeFile(path));
    if (o && o.pid === me.pid && o.startedAt === me.startedAt) unlinkSync(path);
  } catch {
    // already gone
  }
}

/** One try at taking the lock at `path` (its folder must exist). Never waits. */
export function tryLock(path: string): LockAttempt {
  const me = currentOwner();
  let tookOverFrom: LockOwner | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      held.add(path);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.on("exit", () => [...held].forEach((p) => releaseIfMine(p, me)));
      }
      return { ok: true, release: () => releaseIfMine(path, me), ...(tookOverFrom ? { tookOverFrom } : {}) };
    } catch (e) {
      if (errnoCode(e) !== "EEXIST") throw localFileError(path, e);
    }
    let text: string;
    let ageMs: number;
    try {
      const st = statSync(path);
      if (st.isDirectory()) throw localFileError(path, Object.assign(new Error("is a directory"), { code: "EISDIR" }));
      ageMs = Date.now() - st.mtimeMs;
      text = readWholeFile(path);
    } catch (e) {
      if (errnoCode(e) === "ENOENT") continue; // released meanwhile: try again
      throw e instanceof LabError ? e : localFileError(path, e);
    }
    const owner = parseOwner(text);
    // A lock being written this very moment, or one from an older version (empty): young = held.
    if (!owner && ageMs < 10_000) return { ok: false, holder: { pid: 0, startedAt: Date.now() - ageMs, host: hostname() } };
    if (owner && isAlive(owner)) return { ok: false, holder: owner };
    try {
      // Only remove what we judged dead: a fresh lock written meanwhile by another process stays.
      if (readWholeFile(path) === text) unlinkSync(path);
    } catch {
      // gone already
    }
    if (owner) tookOverFrom = owner;
  }
  const holder = parseOwner(readWholeFile(path));
  return { ok: false, holder: holder ?? { pid: 0, startedAt: Date.now(), host: hostname() } };
}
