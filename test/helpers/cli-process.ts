/** Runs the shipped bundle (dist/bin.cjs) as a learner would, in a fresh state dir, against the sandbox. */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from "node:child_process";
import { resolve } from "node:path";

export const BIN = resolve(import.meta.dirname, "../../dist/bin.cjs");

export interface CliEnv {
  home: string;
  env: NodeJS.ProcessEnv;
}

/** A fresh learner: own HOME (no AWS files), own XDG state, instant sandbox (shared with scripts/reliability/). */
export { freshLearner } from "../../scripts/fresh-learner.mjs";

export function runCli(learner: CliEnv, args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { env: learner.env, encoding: "utf8", input: input ?? "", timeout: 60_000 });
}

/** The built CLI as a separate process, not waited for synchronously: for a room served from the test's own process. */
export function runCliAsync(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const c = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    c.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    c.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    c.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** Servers started by `startServing` and not yet stopped (a failed assertion skipped their stop). */
const serving = new Set<() => Promise<void>>();

/**
 * The built CLI serving until stopped (`sandbox serve --json`, `workshop serve --json`): resolves with its first JSON
 * event and `stop()` (Ctrl-C, resolved once it has exited); rejects if it ends before saying where it listens.
 */
export function startServing<T>(env: NodeJS.ProcessEnv, args: string[]): Promise<{ event: T; stop: () => Promise<void> }> {
  const proc = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  const stop = () =>
    new Promise<void>((done) => {
      serving.delete(stop);
      if (proc.exitCode !== null || proc.signalCode !== null) return done();
      proc.removeAllListeners("exit");
      proc.on("exit", () => done());
      proc.kill("SIGINT");
    });
  serving.add(stop);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    proc.stderr.on("data", (d: Buffer) => (err += d.toString()));
    proc.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve({ event: JSON.parse(out.split("\n")[0]!) as T, stop });
    });
    proc.on("exit", (code) => reject(new Error(`${args.join(" ")} ended (${code}): ${err}`)));
  });
}

/** Stops every server a test left running (call in afterEach). */
export async function stopServing(): Promise<void> {
  await Promise.all([...serving].map((stop) => stop()));
}

/** `sandbox serve --json` of the built CLI for `env`'s account, in its own process: it, and its first event once it listens. */
export async function spawnServe(env: NodeJS.ProcessEnv): Promise<{ server: ChildProcess; event: { type: string; url: string; accessKeyId: string; secretAccessKey: string } }> {
  const server = spawn(process.execPath, [BIN, "sandbox", "serve", "--json"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    server.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0]!);
    });
    server.on("exit", (code) => reject(new Error(`sandbox serve ended (${code})`)));
  });
  return { server, event: JSON.parse(line) as { type: string; url: string; accessKeyId: string; secretAccessKey: string } };
}
