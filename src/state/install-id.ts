/**
 * This install's id (`<state dir>/install-id`, 0600): a random name kept once made, which `join` sends to the room so it
 * can tell a learner's second terminal (the same id) from another computer using the same join line (another id). Read
 * and written never through a symbolic link; kept only once a room answered (a failed join writes nothing), and linked
 * into place, so of two first joins at once the one kept is the one both read next time.
 */
import { chmodSync, linkSync, mkdirSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { errnoCode, onLocalFile } from "../guard/local-file.js";
import { readWholeFile, writeWholeFile } from "../whole-file.js";

export const INSTALL_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

const idPath = (dir: string): string => join(dir, "install-id");

function readId(path: string): string | undefined {
  try {
    const id = readWholeFile(path).trim();
    return INSTALL_ID_PATTERN.test(id) ? id : undefined;
  } catch (err) {
    // None yet, or a planted link (never read through): a new one is made.
    if (errnoCode(err) === "ENOENT" || errnoCode(err) === "ELOOP") return undefined;
    throw err;
  }
}

/** The id kept in `dir`, else a new one (not yet kept: `keepInstallId`). */
export function installId(dir: string): { id: string; kept: boolean } {
  const kept = onLocalFile(idPath(dir), () => readId(idPath(dir)));
  return kept ? { id: kept, kept: true } : { id: randomBytes(16).toString("base64url"), kept: false };
}

/** Keeps a new id (a damaged file or a planted link is replaced; a good id another join kept meanwhile stays). */
export function keepInstallId(dir: string, id: string): void {
  const path = idPath(dir);
  onLocalFile(path, () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    writeWholeFile(tmp, id + "\n", 0o600);
    chmodSync(tmp, 0o600);
    try {
      if (readId(path) === undefined) rmSync(path, { force: true });
      linkSync(tmp, path);
    } catch (err) {
      if (errnoCode(err) !== "EEXIST") throw err;
    } finally {
      rmSync(tmp, { force: true });
    }
  });
}
