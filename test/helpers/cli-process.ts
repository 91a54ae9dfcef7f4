/** Runs the shipped bundle (dist/bin.cjs) as a learner would, in a fresh state dir, against the sandbox. */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
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
