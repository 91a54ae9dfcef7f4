/**
 * The served sandbox's one key pair. The access key id starts with `PLLAB`, a prefix AWS never
 * issues (AWS's own start `AKIA`/`ASIA`), so the pair is never valid on AWS: a shell pointed at
 * AWS by mistake fails safely. The secret is made once per account and kept beside the account
 * file (`serve-credentials.json`, 0600), so `sandbox serve` and `sandbox env` agree across runs.
 */
import { closeSync, constants, mkdirSync, openSync, writeSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { onLocalFile } from "../../guard/local-file.js";
import { readWholeFile } from "../../whole-file.js";
import type { SandboxCredentials } from "./sigv4.js";

export const ACCESS_KEY_PREFIX = "PLLAB";

export function newCredentials(): SandboxCredentials {
  const id = randomBytes(8).toString("hex").toUpperCase();
  return { accessKeyId: `${ACCESS_KEY_PREFIX}${id.slice(0, 15)}`, secretAccessKey: randomBytes(30).toString("base64").replace(/[+/]/g, "x") };
}

function parse(text: string): SandboxCredentials | undefined {
  try {
    const v = JSON.parse(text) as Partial<SandboxCredentials>;
    if (typeof v.accessKeyId === "string" && v.accessKeyId.startsWith(ACCESS_KEY_PREFIX) && typeof v.secretAccessKey === "string" && v.secretAccessKey.length >= 20) {
      return { accessKeyId: v.accessKeyId, secretAccessKey: v.secretAccessKey };
    }
  } catch {
    // rewritten below
  }
  return undefined;
}

/** Reads the file without following a symlink; undefined when there is none (or it is unusable). */
function readOwn(path: string): SandboxCredentials | undefined {
  try {
    return parse(readWholeFile(path));
  } catch (err) {
    if (["ENOENT", "EISDIR"].includes((err as NodeJS.ErrnoException).code ?? "")) return undefined;
    throw err;
  }
}

/** The account's key pair, made (and kept) the first time it is asked for. */
export function sandboxCredentials(accountFile: string): SandboxCredentials {
  const path = join(dirname(accountFile), "serve-credentials.json");
  return onLocalFile(path, () => {
    const found = readOwn(path);
    if (found) return found;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const made = newCredentials();
    let fd: number;
    try {
      // Made only if absent (never through a symlink); another process that made it first wins.
      fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") {
        const theirs = readOwn(path);
        if (theirs) return theirs;
      }
      throw err;
    }
    try {
      writeSync(fd, JSON.stringify(made) + "\n");
    } finally {
      closeSync(fd);
    }
    return made;
  });
}

/**
 * The port this account is served on when free: the same each time (from its key pair), so a second terminal pointed at it
 * keeps working when the lesson runs again. 24000-28999: below the ephemeral ports of Linux, macOS and Windows.
 */
export function preferredPort(credentials: SandboxCredentials): number {
  return 24000 + (createHash("sha256").update(credentials.accessKeyId).digest().readUInt32BE(0) % 5000);
}
