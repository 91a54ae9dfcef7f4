/**
 * Runs the bundled CLI (one CommonJS script) with a V8 code cache, as Node ≥ 22.1 does for its
 * own modules with `module.enableCompileCache()` and as Node 20 cannot: a start with a cache skips
 * parsing and compiling ~2 MB of JavaScript, and the functions the last run of the same command
 * compiled come ready.
 *
 * One cache file per command kind (`status`, `start`, …: each compiles different functions), per
 * node version and per bundle (its size and time). V8 checks the rest (its version, flags, the
 * source) and rejects a cache that does not fit; then, or when there is none, the run writes a
 * new one as it exits, only if it exited 0 (a run that stopped at an error compiled little).
 * Every cache problem (no folder, read-only disk, a broken file) costs only speed, never the run.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { xdgCache } from "xdg-basedir";

export interface CodeCacheRun {
  /** What happened to the cache: none found, used, or found and refused by V8. */
  cache: "none" | "accepted" | "rejected";
}

/** The cache file for one command kind of this bundle on this node. */
export function cacheFileFor(cacheDir: string, bundle: string, kind: string): string {
  const s = statSync(bundle);
  return join(cacheDir, `${process.version}-${process.arch}`, `${kind}-${s.size}-${Math.trunc(s.mtimeMs)}.v8`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the cache beside its siblings (temp file, then rename) and drops this kind's older caches. */
function writeCache(file: string, data: Buffer): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const kind = file.slice(dir.length + 1).replace(/-\d+-\d+\.v8$/, "");
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`${kind}-`) && /^[a-z-]+-\d+-\d+\.v8$/.test(name) && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
  }
}

/**
 * Compiles and runs `bundle` (a CommonJS script, ASCII only: read as one-byte text) with the code
 * cache in `cacheFile` (undefined: no cache).
 */
export function runWithCodeCache(bundle: string, cacheFile: string | undefined): CodeCacheRun {
  let source = readFileSync(bundle, "latin1");
  if (source.startsWith("#!")) source = "//" + source.slice(2);
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const cache = cachedData === undefined ? "none" : script.cachedDataRejected ? "rejected" : "accepted";
  if (cacheFile !== undefined && cache !== "accepted") {
    process.once("exit", (code) => {
      if (code !== 0) return;
      try {
        writeCache(cacheFile, script.createCachedData());
      } catch {
        // no cache this time: the next start compiles again
      }
    });
  }
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} };
  run(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { cache };
}

/** Where code caches live: the learner's own cache folder (XDG_CACHE_HOME, else ~/.cache). */
function cacheDir(): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || xdgCache === undefined) return undefined;
  return join(xdgCache, "privatelink-lab", "code-cache");
}

/** Runs one of the CLI's scripts with the code cache kept for `kind`, when there can be one. */
export function runScript(bundle: string, kind: string): CodeCacheRun {
  const dir = cacheDir();
  let cacheFile: string | undefined;
  try {
    cacheFile = dir === undefined ? undefined : cacheFileFor(dir, bundle, kind);
  } catch {
    cacheFile = undefined; // the script cannot be read: runWithCodeCache says so
  }
  return runWithCodeCache(bundle, cacheFile);
}
