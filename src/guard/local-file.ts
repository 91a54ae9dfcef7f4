/** A local file (progress, sandbox account, lock) could not be used: said with its path and reason, never as "AWS refused". */
import { LabError } from "../errors.js";

/** errno codes that mean "this file or folder is missing or cannot be used as it is", each with its reason text. */
const REASONS = new Set(["ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "EROFS", "ENOSPC", "EDQUOT", "EMFILE", "ENFILE", "ELOOP", "ENAMETOOLONG", "EBUSY", "EEXIST"]);

export function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The errno code, Node's ERR_FS_EISDIR said as EISDIR; "" when there is none. */
const fileCode = (err: unknown): string => (errnoCode(err) === "ERR_FS_EISDIR" ? "EISDIR" : (errnoCode(err) ?? ""));

export function localFileError(path: string, err: unknown): LabError {
  const code = fileCode(err);
  const reason = REASONS.has(code) ? `guard.local.reason.${code}` : "guard.local.reason.other";
  return new LabError("guard.local.failed", { path, reason, code: code || "?" }, { cause: err, source: "local" });
}

/** Runs `fn`; a file-system error becomes the learner-facing local-file error for `path`. */
export function onLocalFile<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LabError) throw err;
    // From the file system (as opposed to AWS, or our own bug).
    if (REASONS.has(fileCode(err))) throw localFileError(path, err);
    throw err;
  }
}
