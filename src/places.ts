/** Where the learner's files live per OS (injected, for tests): `%LOCALAPPDATA%` on Windows, else `$XDG_STATE_HOME`. */
import { posix, win32 } from "node:path";

export interface Place {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The user's home folder (os.homedir() on that system). */
  home: string;
}

const APP = "privatelink-lab";

function pathApi(platform: NodeJS.Platform): typeof posix {
  return platform === "win32" ? win32 : posix;
}

/** A Windows environment variable: names are case-insensitive (`LocalAppData` too), Node's copy keeps their spelling. */
export function windowsEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
  return (key && env[key]) || undefined;
}

function envVar(p: Place, name: string): string | undefined {
  return p.platform === "win32" ? windowsEnv(p.env, name) : p.env[name] || undefined;
}

/** An XDG variable counts only when it holds an absolute path (the specification says so). */
function xdg(p: Place, name: string): string | undefined {
  const v = envVar(p, name);
  return v && posix.isAbsolute(v) ? v : undefined;
}

function localAppData(p: Place): string {
  const v = envVar(p, "LOCALAPPDATA");
  return v && win32.isAbsolute(v) ? v : win32.join(p.home, "AppData", "Local");
}

/** The folder of the progress files (and, inside it, the sandbox account). */
export function stateDirFor(p: Place): string {
  if (p.platform === "win32") return win32.join(localAppData(p), APP);
  return posix.join(xdg(p, "XDG_STATE_HOME") ?? posix.join(p.home, ".local", "state"), APP);
}

/** The simulated account's file (PRIVATELINK_LAB_SANDBOX_FILE moves it). */
export function sandboxFileFor(p: Place): string {
  const named = envVar(p, "PRIVATELINK_LAB_SANDBOX_FILE");
  if (named === undefined) return pathApi(p.platform).join(stateDirFor(p), "sandbox", "account.db");
  // A name of the old JSON file (`x.json`) means the database beside it (`x.db`), which imports that file once.
  return named.endsWith(".json") ? `${named.slice(0, -".json".length)}.db` : named;
}

/** A template inside the package, on that system (what `file://` is followed by in the CLI commands). */
export function templatePathFor(packageRoot: string, file: string, platform: NodeJS.Platform): string {
  return pathApi(platform).join(packageRoot, "templates", file);
}
