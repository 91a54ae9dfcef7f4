/**
 * Writes a whole file (created or truncated, with `mode`) from a string or bytes. `writeFileSync`
 * first copies a string into a new Buffer; for the sandbox account (~100 KB, written after every
 * change) that fresh memory cost more than the write itself (docs/PERFORMANCE.md).
 */
import { closeSync, openSync, writeSync } from "node:fs";

export function writeWholeFile(path: string, data: string | Uint8Array, mode: number): void {
  const fd = openSync(path, "w", mode);
  try {
    // A string goes as it is: a file takes it all at once (a full disk says so with an error).
    // Whatever a write leaves over follows as bytes.
    const sent = typeof data === "string" ? writeSync(fd, data) : 0;
    const bytes = typeof data !== "string" ? data : sent < Buffer.byteLength(data) ? Buffer.from(data, "utf8") : undefined;
    if (bytes) for (let at = sent; at < bytes.length; ) at += writeSync(fd, bytes, at);
  } finally {
    closeSync(fd);
  }
}
