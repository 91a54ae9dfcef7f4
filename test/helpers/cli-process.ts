/** Runs the shipped bundle (dist/bin.cjs) as a learner would, in a fresh state dir, against the sandbox. */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const BIN = resolve(import.meta.dirname, "../../dist/bin.cjs");

export interface CliEnv {
  home: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The CLI's compile cache (src/start.cjs), shared by this test file's learners as by one
 * learner's later starts: each learner has a fresh HOME.
 */
let codeCache: string | undefined;

/** A fresh learner: own HOME (no AWS files), own XDG state, instant sandbox. */
export function freshLearner(extra: NodeJS.ProcessEnv = {}): CliEnv {
  const home = mkdtempSync(join(tmpdir(), "pll-home-"));
  codeCache ??= mkdtempSync(join(tmpdir(), "pll-code-cache-"));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_STATE_HOME: join(home, "state"),
    XDG_CACHE_HOME: codeCache,
    LANG: "en_US.UTF-8",
    PRIVATELINK_LAB_SANDBOX_SPEED: "instant",
    PRIVATELINK_LAB_NO_AWS: "1",
    ...extra,
  };
  return { home, env };
}

export function runCli(learner: CliEnv, args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { env: learner.env, encoding: "utf8", input: input ?? "", timeout: 60_000 });
}
