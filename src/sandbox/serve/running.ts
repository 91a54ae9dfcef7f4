/**
 * The `sandbox serve` already running for an account, when one answers: a hands-on lesson uses it rather than serving
 * the account again at another address, so a terminal the learner pointed at it keeps working.
 */
import { request } from "node:http";
import { SPEED_HEADER } from "../clock.js";
import { readLive, type ServedRecord } from "../served-file.js";
import type { SandboxCredentials } from "./sigv4.js";

/** How long a server on this computer may take to answer before it counts as not answering. */
const ANSWER_MS = 1500;

/** A served sandbox answers at `url`: any answer of one carries its speed header (AWS's never do). */
export function sandboxAnswers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: "GET", timeout: ANSWER_MS }, (res) => {
      res.resume();
      resolve(res.headers[SPEED_HEADER] !== undefined);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end();
  });
}

/** Served on 127.0.0.1, where the lesson serves: only this computer reaches it. */
function onLoopback(url: string): boolean {
  try {
    return new URL(url).hostname === "127.0.0.1";
  } catch {
    return false;
  }
}

/**
 * The newest `sandbox serve` of `served.json` still running, on 127.0.0.1, signing with the account's own keys, and
 * answering; else undefined.
 */
export async function runningServe(servedPath: string, credentials: SandboxCredentials): Promise<ServedRecord | undefined> {
  const own = (r: ServedRecord) =>
    r.by === "sandbox serve" && onLoopback(r.url) &&
    r.accessKeyId === credentials.accessKeyId && r.secretAccessKey === credentials.secretAccessKey;
  const found = readLive(servedPath).filter(own).at(-1);
  return found && (await sandboxAnswers(found.url)) ? found : undefined;
}
