/** Where the package's data lives (templates, lessons) and where the learner's state goes. */
import { homedir } from "node:os";
import { xdgState } from "xdg-basedir";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";

let root: string | undefined;

/** The package root: the folder holding `templates/` and `lessons/` (works from src/ and from the bundle in dist/). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "lessons")) && existsSync(join(dir, "templates"))) return (root = dir);
    dir = resolve(dir, "..");
  }
  throw new Error("privatelink-lab: cannot find its lessons/ and templates/ folders");
}

/** XDG state directory for this tool (xdg-basedir: XDG_STATE_HOME, else ~/.local/state). */
export function stateDir(): string {
  return join(xdgState ?? join(homedir(), ".local", "state"), "privatelink-lab");
}

/**
 * The simulated account: one SQLite database shared by every participant on this machine. A
 * PRIVATELINK_LAB_SANDBOX_FILE naming the old JSON file (`x.json`) means the database beside it
 * (`x.db`), which imports that file once.
 */
export function sandboxFile(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.PRIVATELINK_LAB_SANDBOX_FILE;
  if (named === undefined) return join(stateDir(), "sandbox", "account.db");
  return named.endsWith(".json") ? `${named.slice(0, -".json".length)}.db` : named;
}
