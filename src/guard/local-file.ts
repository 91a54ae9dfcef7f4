/** A local file (progress, sandbox account, lock) could not be used: said with its path and reason, never as "AWS refused". */
import { LabError } from "../errors.js";

/** errno codes that mean "this file or folder cannot be used as it is". */
const REASONS = new Set(["EACCES", "EPERM", "EISDIR", "ENOTDIR", "EROFS", "ENOSPC", "EDQUOT", "EMFILE", "ENFILE", "ELOOP", "ENAMETOOLONG", "EBUSY", "EEXIST"]);

export function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Is this an error from the file system (as opposed to AWS, or our own bug)? */
function isFileSystemError(err: unknown): boolean {
  const code = errnoCode(err);
  return code !== undefined && (REASONS.has(code) || code === "ENOENT" || code === "ERR_FS_EISDIR");
}

export function localFileError(path: string, err: unknown): LabError {
  const raw = errnoCode(err) ?? "";
  const code = raw === "ERR_FS_EISDIR" ? "EISDIR" : raw;
  const reason = REASONS.has(code) || code === "ENOENT" ? `guard.local.reason.${code}` : "guard.local.reason.other";
  return new LabError("guard.local.failed", { path, reason, code: code || "?" }, { cause: err, source: "local" });
}

/** Runs `fn`; a file-system error becomes the learner-facing local-file error for `path`. */
export function onLocalFile<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LabError) throw err;
    if (isFileSystemError(err)) throw localFileError(path, err);
    throw err;
  }
}
