/**
 * Atomic replace (temporary file, rename) that works on NTFS too: there a rename over a file another program holds open
 * (editor, virus scanner, OneDrive) fails briefly with EPERM/EACCES/EBUSY, so retry, then say which file is in use.
 * POSIX renames over open files: only EBUSY is worth a retry.
 */
import { renameSync, rmSync } from "node:fs";
import { LabError } from "../errors.js";
import { errnoCode } from "./local-file.js";

interface ReplaceOptions {
  platform?: NodeJS.Platform;
  /** How many times to try in all (default 10), waiting `waitMs` more each time (default 20: ~0.9 s in all). */
  attempts?: number;
  waitMs?: number;
  rename?: (from: string, to: string) => void;
  sleep?: (ms: number) => void;
}

const WINDOWS_IN_USE = new Set(["EPERM", "EACCES", "EBUSY"]);

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Renames `tmp` over `path`, retrying while the file is in use; throws `windows.fileInUse` when it stays so. */
export function replaceFile(tmp: string, path: string, o: ReplaceOptions = {}): void {
  const platform = o.platform ?? process.platform;
  const attempts = o.attempts ?? 10;
  const rename = o.rename ?? renameSync;
  const sleep = o.sleep ?? sleepSync;
  const retryable = (code: string | undefined) => code === "EBUSY" || (platform === "win32" && code !== undefined && WINDOWS_IN_USE.has(code));
  for (let attempt = 1; ; attempt++) {
    try {
      rename(tmp, path);
      return;
    } catch (e) {
      const code = errnoCode(e);
      if (!retryable(code)) throw e;
      if (attempt >= attempts) {
        rmSync(tmp, { force: true });
        throw new LabError("windows.fileInUse", { path, code: code ?? "?" }, { cause: e, source: "local" });
      }
      sleep((o.waitMs ?? 20) * attempt);
    }
  }
}
