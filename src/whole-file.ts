/** Reads and writes small state files whole, never through a symbolic link; a write creates or truncates with `mode`. */
import { closeSync, constants, openSync, readFileSync, writeSync } from "node:fs";

/** A planted link (`last-participant` → `~/.bashrc`) makes the open fail (ELOOP); O_NOFOLLOW is 0 where the platform has none. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const WRITE_NO_FOLLOW = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW;
const READ_NO_FOLLOW = constants.O_RDONLY | NO_FOLLOW;

/** Reads a whole text file, refusing a symbolic link (ELOOP). */
export function readWholeFile(path: string): string {
  const fd = openSync(path, READ_NO_FOLLOW);
  try {
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

export function writeWholeFile(path: string, data: string | Uint8Array, mode: number): void {
  const fd = openSync(path, WRITE_NO_FOLLOW, mode);
  try {
    // A string goes as it is (a file takes it all at once; a full disk errs); whatever a write leaves over follows as bytes.
    const sent = typeof data === "string" ? writeSync(fd, data) : 0;
    const bytes = typeof data !== "string" ? data : sent < Buffer.byteLength(data) ? Buffer.from(data, "utf8") : undefined;
    if (bytes) for (let at = sent; at < bytes.length; ) at += writeSync(fd, bytes, at);
  } finally {
    closeSync(fd);
  }
}
