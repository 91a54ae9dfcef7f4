// A fresh learner for the built CLI, shared by the tests (test/helpers/cli-process.ts) and the
// scripts (scripts/reliability/): an own HOME (no AWS files, no progress), an own XDG state (a new
// sandbox account), the instant sandbox, and no way to reach AWS.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The CLI's compile cache (src/start.cjs), shared by every learner of one process as by one
 * learner's later starts: each learner has a fresh HOME.
 */
let codeCache;

/** `extra`: more environment (it wins over the defaults). */
export function freshLearner(extra = {}) {
  const home = mkdtempSync(join(tmpdir(), "pll-home-"));
  codeCache ??= mkdtempSync(join(tmpdir(), "pll-code-cache-"));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_STATE_HOME: join(home, "state"),
    XDG_CACHE_HOME: codeCache,
    LANG: "en_US.UTF-8",
    PRIVATELINK_LAB_SANDBOX_SPEED: "instant",
    PRIVATELINK_LAB_NO_AWS: "1",
    ...extra,
  };
  const stateDir = join(home, "state", "privatelink-lab");
  return { home, env, stateDir, sandboxFile: join(stateDir, "sandbox", "account.db"), legacyFile: join(stateDir, "sandbox", "account.json") };
}
