/** Where the package's data lives (templates, lessons) and where the learner's state goes. */
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sandboxFileFor, stateDirFor, type Place } from "./places.js";
// (node:fs not by an ES import, which would load its lazy streams and promises: see text-width.ts)
const { existsSync } = process.getBuiltinModule("node:fs");

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

/** This machine, as places.ts needs it. */
export function herePlace(env: NodeJS.ProcessEnv = process.env): Place {
  return { platform: process.platform, env, home: homedir() };
}

/** The state directory for this tool: %LOCALAPPDATA%\privatelink-lab on Windows, XDG elsewhere (see places.ts). */
export function stateDir(): string {
  return stateDirFor(herePlace());
}

/** The simulated account: one SQLite database per machine; a PRIVATELINK_LAB_SANDBOX_FILE `x.json` means `x.db` (imports it once). */
export function sandboxFile(env: NodeJS.ProcessEnv = process.env): string {
  return sandboxFileFor(herePlace(env));
}
