/**
 * The `sandbox serve` already running for an account, when one answers: a hands-on lesson uses it rather than serving
 * the account again at another address, so a terminal the learner pointed at it keeps working.
 */
import { request } from "node:http";
import { connect, type Socket } from "node:net";
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

/** How long after a held connection closed on a server that still answers (it ends idle ones) it is held again. */
const REWATCH_MS = 200;

/**
 * Calls `gone` once the served sandbox at `url` stops answering, without being asked: a connection held open to it closes
 * when it stops (or its process ends); then it is asked, and one that still answers (it ended the idle connection) is
 * watched again. Returns what ends the watch. Nothing of it keeps the process running.
 */
export function watchServed(url: string, gone: () => void): () => void {
  const { hostname, port } = new URL(url);
  let ended = false;
  let socket: Socket | undefined;
  let timer: NodeJS.Timeout | undefined;
  const hold = (): void => {
    if (ended) return;
    socket = connect({ host: hostname, port: Number(port) });
    socket.unref();
    socket.on("error", () => undefined);
    // What it sends before it ends the connection (a time-out's answer) is read and dropped.
    socket.resume();
    socket.once("close", () => void check());
  };
  const check = async (): Promise<void> => {
    if (ended) return;
    if (await sandboxAnswers(url)) {
      timer = setTimeout(hold, REWATCH_MS).unref();
      return;
    }
    if (ended) return;
    ended = true;
    gone();
  };
  hold();
  return () => {
    ended = true;
    clearTimeout(timer);
    socket?.destroy();
  };
}

/** Served on 127.0.0.1, where the lesson serves: only this computer reaches it. */
function onLoopback(url: string): boolean {
  try {
    return new URL(url).hostname === "127.0.0.1";
  } catch {
    return false;
  }
}

/** Signs with the account's own key pair, as the record says. */
const sameKeys = (r: ServedRecord, credentials: SandboxCredentials): boolean =>
  r.accessKeyId === credentials.accessKeyId && r.secretAccessKey === credentials.secretAccessKey;

/**
 * Servers an older privatelink-lab published in `served.json` (their records do not say who serves them: its
 * `sandbox serve`, or a lesson) whose process runs and which answer as a served sandbox on this computer: the account
 * is served there. (An address elsewhere is never asked: the file could name any.)
 */
export async function olderServers(servedPath: string): Promise<ServedRecord[]> {
  const older = readLive(servedPath).filter((r) => r.by === undefined && onLoopback(r.url));
  const answering = await Promise.all(older.map((r) => sandboxAnswers(r.url)));
  return older.filter((_, i) => answering[i]);
}

/** The server accepts a request signed with these keys (STS GetCallerIdentity): it signs with the account's own key pair. */
async function signsWith(url: string, credentials: SandboxCredentials, timeoutMs = ANSWER_MS): Promise<boolean> {
  const { STSClient, GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
  const sts = new STSClient({ region: "us-east-1", endpoint: url, credentials, maxAttempts: 1, requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs } });
  try {
    await sts.send(new GetCallerIdentityCommand({}));
    return true;
  } catch {
    return false;
  } finally {
    sts.destroy();
  }
}

/** What runs for the account: a server to use, else the older privatelink-lab's ones that answer but cannot be used. */
export interface RunningServers {
  use?: ServedRecord;
  older: ServedRecord[];
}

/**
 * The newest `sandbox serve` of `served.json` still running, on 127.0.0.1, signing with the account's own keys, and
 * answering. Else an older privatelink-lab's server that is all that too, and accepts a request signed with those keys
 * (the keys are kept beside the account file, so it serves this account file); an older one that answers but is not
 * that (other keys, another address) is given in `older`, to be reported: it serves the account too.
 */
export async function runningServe(servedPath: string, credentials: SandboxCredentials): Promise<RunningServers> {
  const ours = (r: ServedRecord) => onLoopback(r.url) && sameKeys(r, credentials);
  const found = readLive(servedPath).filter((r) => r.by === "sandbox serve" && ours(r)).at(-1);
  if (found && (await sandboxAnswers(found.url))) return { use: found, older: [] };
  const older = await olderServers(servedPath);
  for (const r of [...older].reverse()) {
    if (ours(r) && (await signsWith(r.url, credentials))) return { use: r, older: [] };
  }
  return { older };
}

/**
 * The hands-on lesson serving the account itself (its own server, published `by: "lesson"`) when one runs, signs with the
 * account's own keys on 127.0.0.1, and answers: `sandbox serve` started meanwhile says where, rather than serving it twice.
 */
export async function lessonServing(servedPath: string, credentials: SandboxCredentials): Promise<ServedRecord | undefined> {
  const found = readLive(servedPath).filter((r) => r.by === "lesson" && onLoopback(r.url) && sameKeys(r, credentials)).at(-1);
  return found && (await sandboxAnswers(found.url)) ? found : undefined;
}

/** The origin of an address (`http://127.0.0.1:4566`), or undefined when it is none. */
function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * A sandbox of this account is served at `url` and signs with `accessKeyId` (a terminal set up by `sandbox env`): its
 * record in `served.json` (by `sandbox serve` or a lesson) names them, and it answers there.
 */
export async function servedAt(servedPath: string, url: string, accessKeyId: string | undefined): Promise<boolean> {
  const origin = originOf(url);
  const here = readLive(servedPath).some((r) => origin !== undefined && originOf(r.url) === origin && r.accessKeyId === accessKeyId);
  return here && (await sandboxAnswers(url));
}
