/*
 * Run by the executable (dist/bin.cjs) once it has accepted this Node (>= 22.13): turns on Node's
 * compile cache, so a later start reads the CLI's compiled code instead of compiling it again,
 * then runs the CLI (dist/lib/bin.js). The cache lives in the learner's cache folder
 * ($XDG_CACHE_HOME or ~/.cache, then privatelink-lab/compile-cache), else where Node puts it by
 * default; a cache that cannot be used never stops a command.
 */
"use strict";
const module_ = require("node:module");
const { homedir } = require("node:os");
const { join } = require("node:path");

function enableCompileCache() {
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  try {
    const r = module_.enableCompileCache(join(cacheHome, "privatelink-lab", "compile-cache"));
    if (r.status !== module_.constants.compileCacheStatus.FAILED) return;
  } catch {
    // (an unusable folder name): Node's default below
  }
  try {
    module_.enableCompileCache();
  } catch {
    // no cache: the command runs all the same, compiling as it goes
  }
}

if (process.env.PRIVATELINK_LAB_DEBUG) process.setSourceMapsEnabled(true);
enableCompileCache();
import("./lib/bin.js");
