/**
 * Runs one of the CLI's scripts (CommonJS, see scripts/build.mjs) with a V8 code cache, as Node
 * ≥ 22.1 does for its own modules with `module.enableCompileCache()` and as Node 20 cannot: a start
 * with a cache skips parsing and compiling the script, and the functions an earlier run of the
 * same command compiled come ready.
 *
 * One cache per command kind (`status`, `start`, `help`, …: each compiles different functions),
 * per node version and per script (its content hash, size and time). V8 checks the rest (its
 * version, its flags, the source's length) and refuses a cache that does not fit. A run that found none, or a refused
 * one, writes one as it exits. A run that did not exit 0 (an error, Ctrl-C at the first question)
 * compiled less than a whole run does: its cache is kept as "early", used until a run of that
 * command exits 0 and writes the whole one (or another early run compiled clearly more). Another
 * command's first start borrows the lesson's whole cache (see LENDER).
 * Every cache problem (no folder, read-only disk, a broken file) costs only speed, never the run.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { homedir } from "node:os";
import { cacheDirFor } from "./places.js";
import { writeWholeFile } from "./whole-file.js";

export interface CodeCacheRun {
  /**
   * What happened to the cache: none found; used (this kind's whole or early one, or another
   * kind's whole one on this kind's first start); or found and refused by V8.
   */
  cache: "none" | "accepted" | "accepted-early" | "accepted-borrowed" | "rejected";
}

/** Where one command kind's caches of this script go on this node: `<base>.v8`, `<base>.early.v8`. */
export interface CacheFiles {
  whole: string;
  early: string;
  /** The lesson's whole cache of this script, which another command's first start may use. */
  lent?: string;
}

/**
 * The lesson (`start`): the command every learner runs first, and the one that compiles the most of
 * the CLI. Another command's first start borrows its whole cache: V8 runs what it holds and
 * compiles the rest as usual, and the command then writes its own (measured: a first `status`
 * after the lesson in 219 ms instead of 259). The lesson borrows none: a cache made from another
 * command's would carry that command's functions into every later lesson start.
 */
const LENDER = "start";

/**
 * Named by the script's content hash (from the build) and, for a script changed after the build, its
 * size and time: V8 itself checks only a cached script's length, and npm installs every version's
 * files with one fixed time, so two versions' scripts of one length would otherwise share a cache.
 */
export function cacheFilesFor(cacheDir: string, script: string, id: string, kind: string): CacheFiles {
  const s = statSync(script);
  const dir = join(cacheDir, `${process.version}-${process.arch}`);
  const ofScript = `-${id}-${s.size}-${Math.trunc(s.mtimeMs)}`;
  const base = join(dir, kind + ofScript);
  return { whole: `${base}.v8`, early: `${base}.early.v8`, ...(kind === LENDER ? {} : { lent: join(dir, `${LENDER}${ofScript}.v8`) }) };
}

/** An open file and its size. */
interface Opened {
  fd: number;
  size: number;
}

/**
 * A cache file, if it is one this user wrote: V8 runs what a cache holds, so a file anyone else
 * could have written (another owner, or writable by group or others) is not used (and is then
 * written again). It is checked and read through one descriptor, so it cannot be swapped between.
 */
function openCache(file: string): Opened | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const st = fstatSync(fd);
    // (POSIX only: Windows has no uid, and reports every writable file as 0666.)
    if (!process.getuid || (st.uid === process.getuid() && (st.mode & 0o022) === 0)) return { fd, size: st.size };
  } catch {
    // none, or unreadable: none
  }
  if (fd !== undefined) closeSync(fd);
  return undefined;
}

/** Reads a whole open file into the start of `into` (its size at opening, or less if it shrank); closes it. */
function readOpened(file: Opened, into: Buffer): Buffer {
  try {
    let at = 0;
    for (let n = 1; at < file.size && n > 0; at += n) n = readSync(file.fd, into, at, file.size - at, at);
    return into.subarray(0, at);
  } finally {
    closeSync(file.fd);
  }
}

const CACHE_NAME = /^([a-z-]+)-[0-9a-f]+-\d+-\d+(\.early)?\.v8$/;

/** Writes a cache (temp file, then rename; 0600) and drops the other caches of its kind. */
function writeCache(file: string, data: Buffer): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeWholeFile(tmp, data, 0o600);
  renameSync(tmp, file);
  const kind = CACHE_NAME.exec(file.slice(dir.length + 1))?.[1];
  for (const name of readdirSync(dir)) {
    if (CACHE_NAME.exec(name)?.[1] === kind && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
  }
}

/** The script's text, and the first cache found for it: this command's whole one, its early one, or the lesson's. */
interface Loaded {
  source: string;
  cachedData?: Buffer;
  which?: "whole" | "early" | "lent";
}

/**
 * Reads the script's text and its cache through one buffer: the text is copied out into a string
 * before the cache is read in over it (fresh memory costs page faults: ~300 for the 1.2 MB script).
 */
function load(script: string, files: CacheFiles | undefined): Loaded {
  const fd = openSync(script, "r");
  let text: Opened;
  try {
    text = { fd, size: fstatSync(fd).size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  const cache = files && firstCache(files);
  const buffer = Buffer.allocUnsafeSlow(Math.max(text.size, cache?.size ?? 0));
  let source: string;
  try {
    source = readOpened(text, buffer).toString("latin1");
  } catch (e) {
    if (cache) closeSync(cache.fd);
    throw e;
  }
  if (!cache) return { source };
  try {
    return { source, cachedData: readOpened(cache, buffer), which: cache.which };
  } catch {
    return { source }; // an unreadable cache costs speed only
  }
}

/** The first of this command's whole cache, its early one and the lesson's that can be used, open. */
function firstCache(files: CacheFiles): (Opened & { which: NonNullable<Loaded["which"]> }) | undefined {
  for (const [which, file] of [["whole", files.whole], ["early", files.early], ["lent", files.lent]] as const) {
    const opened = file === undefined ? undefined : openCache(file);
    if (opened) return { ...opened, which };
  }
  return undefined;
}

type ScriptFunction = (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;

/**
 * Compiles and runs `script` with the cache in `files` (undefined: no cache). The script is ASCII
 * (read as one-byte text) and one function expression of CommonJS's five arguments (see
 * scripts/build.mjs): V8 compiles the text as read, with no wrapper joined to a copy of it.
 */
export function runWithCodeCache(script: string, files: CacheFiles | undefined): CodeCacheRun {
  const { source, cachedData, which } = load(script, files);
  const compiled = new Script(source, { filename: script, ...(cachedData ? { cachedData } : {}) });
  const cache = !cachedData ? "none" : compiled.cachedDataRejected ? "rejected" : which === "whole" ? "accepted" : which === "early" ? "accepted-early" : "accepted-borrowed";
  if (files && cache !== "accepted") {
    process.once("exit", (code) => {
      try {
        const data = compiled.createCachedData();
        // Another early run replaces the early cache it used only if it compiled clearly more.
        if (code !== 0 && cache === "accepted-early" && data.length < (cachedData?.length ?? 0) * 1.1) return;
        writeCache(code === 0 ? files.whole : files.early, data);
      } catch {
        // no cache this time: the next start compiles again
      }
    });
  }
  const run: unknown = compiled.runInThisContext();
  if (typeof run !== "function") throw new Error(`privatelink-lab: ${script} is not a script of this package's build`);
  const module = { exports: {} };
  (run as ScriptFunction)(module.exports, createRequire(script), module, script, dirname(script));
  return { cache };
}

/** Where code caches live: the learner's own cache folder (XDG_CACHE_HOME, else ~/.cache). */
function cacheDir(): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  // %LOCALAPPDATA%\privatelink-lab\cache on Windows, $XDG_CACHE_HOME/privatelink-lab elsewhere.
  return join(cacheDirFor({ platform: process.platform, env: process.env, home: homedir() }), "code-cache");
}

/** Runs one of the CLI's scripts (content hash `id`) with the code cache kept for `kind`, when there can be one. */
export function runScript(script: string, id: string, kind: string): CodeCacheRun {
  const dir = cacheDir();
  let files: CacheFiles | undefined;
  try {
    files = dir === undefined || !/^[0-9a-f]{8,64}$/.test(id) ? undefined : cacheFilesFor(dir, script, id, kind);
  } catch {
    files = undefined; // the script cannot be read: runWithCodeCache says so
  }
  return runWithCodeCache(script, files);
}
