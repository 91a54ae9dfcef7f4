/** Runs the shipped bundle (dist/bin.cjs) as a learner would, in a fresh state dir, against the sandbox. */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
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
