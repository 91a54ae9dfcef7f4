/*
 * Run by the executable (dist/bin.cjs) once it has accepted this Node (>= 22.13): turns on Node's
 * compile cache, so a later start reads the CLI's compiled code instead of compiling it again,
 * then runs the CLI (dist/lib/bin.js). The cache lives in the learner's cache folder
 * ($XDG_CACHE_HOME or ~/.cache, then privatelink-lab/compile-cache), else in Node's default
 * (node-compile-cache in the temporary folder), else nowhere: Node is only handed a folder that
 * is one, and that this process may write in. (Node makes a missing one with its recursive mkdir,
 * which spins for ever where mkdir says "no such file" under a folder that exists, as in /proc.)
 * A cache that cannot be used never stops a command.
 */
"use strict";
const module_ = require("node:module");
const { accessSync, constants, mkdirSync, statSync } = require("node:fs");
const { homedir, tmpdir } = require("node:os");
const { dirname, isAbsolute, join } = require("node:path");

/**
 * `dir` when it is a folder this process may write in, made one level at a time (never recursively) if it is missing
 * and its parent is such a folder; else undefined. A start whose cache folder exists pays one stat and one access.
 */
function writableDir(dir) {
  try {
    const found = statSync(dir, { throwIfNoEntry: false });
    if (found) {
      if (!found.isDirectory()) return undefined;
      accessSync(dir, constants.W_OK);
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir || !writableDir(parent)) return undefined;
    mkdirSync(dir);
    return dir;
  } catch {
    return undefined; // (not allowed, a read-only disk, a name too long, /proc refusing the new folder)
  }
}

/** Where the cache may go: the learner's cache folder, else Node's default; undefined when neither is usable. */
function cacheDir() {
  const cacheHome = process.env.XDG_CACHE_HOME;
  const home = cacheHome && isAbsolute(cacheHome) ? cacheHome : join(homedir(), ".cache");
  return writableDir(join(home, "privatelink-lab", "compile-cache")) ?? writableDir(join(tmpdir(), "node-compile-cache"));
}

function enableCompileCache() {
  const dir = cacheDir();
  if (dir === undefined) return; // no cache: the command runs all the same, compiling as it goes
  try {
    module_.enableCompileCache(dir);
  } catch {
    // (Node refused it): no cache
  }
}

if (process.env.PRIVATELINK_LAB_DEBUG) process.setSourceMapsEnabled(true);
enableCompileCache();
import("./lib/bin.js");
