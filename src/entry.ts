#!/usr/bin/env node
/**
 * The installed executable, dist/bin.cjs (CommonJS: the main path starts without Node's ES module
 * loader). Two builds of the same CLI sit beside it (scripts/build.mjs); one process runs one:
 * - `--help` / `--version`: the ES module build, code-split (dist/chunks/bin.js), which loads
 *   commander and the strings only.
 * - everything else: the whole CLI as one script (dist/chunks/cli.cjs), run with a V8 code cache
 *   (src/code-cache.ts) in the learner's cache folder, so later starts skip compiling it.
 * Source maps are off by default (reading them costs every start); with PRIVATELINK_LAB_DEBUG
 * set, stack traces point at src/ (and the script runs without a cache).
 */
import module from "node:module";
import { join } from "node:path";
import { xdgCache } from "xdg-basedir";
import { cacheFileFor, commandKind, runWithCodeCache } from "./code-cache.js";

// The SDK warns on Node 20 about releases after January 2027; our pinned range supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const debug = Boolean(process.env.PRIVATELINK_LAB_DEBUG);
if (debug) process.setSourceMapsEnabled(true);

const argv = process.argv.slice(2);
const HELP = new Set(["-h", "--help", "help", "-V", "--version"]);

/** Where code caches live: the learner's own cache folder (XDG_CACHE_HOME, else ~/.cache). */
function cacheDir(): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || xdgCache === undefined) return undefined;
  return join(xdgCache, "privatelink-lab", "code-cache");
}

if (argv.some((a) => HELP.has(a))) {
  // Node ≥ 22.1 keeps compiled ES modules between runs; Node 20 has no such cache.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const esm = "./chunks/bin.js"; // (a name, not a literal: the build leaves it to Node)
  void import(esm);
} else {
  const bundle = join(__dirname, "chunks", "cli.cjs");
  if (debug) {
    module.createRequire(__filename)(bundle);
  } else {
    const dir = cacheDir();
    let cacheFile: string | undefined;
    try {
      cacheFile = dir === undefined ? undefined : cacheFileFor(dir, bundle, commandKind(argv));
    } catch {
      cacheFile = undefined;
    }
    runWithCodeCache(bundle, cacheFile);
  }
}
