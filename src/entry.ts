#!/usr/bin/env node
/**
 * The installed executable, dist/bin.cjs. Two scripts of the same CLI sit beside it
 * (scripts/build.mjs); one process runs one of them, never both:
 * - `--help` / `--version`: dist/chunks/help.cjs, the program without its commands' code;
 * - everything else: dist/chunks/cli.cjs, the whole CLI.
 * Each is compiled with a V8 code cache kept in the learner's cache folder (src/code-cache.ts), so
 * a later start skips compiling it. With PRIVATELINK_LAB_DEBUG set, the whole CLI runs without a
 * cache and with source maps: stack traces point at src/.
 */
import module from "node:module";
import { runScript } from "./code-cache.js";
import { commandKind, isHelpRun } from "./script-choice.js";

// The SDK warns on Node 20 about releases after January 2027; our pinned range supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const debug = Boolean(process.env.PRIVATELINK_LAB_DEBUG);
if (debug) process.setSourceMapsEnabled(true);

const argv = process.argv.slice(2);
const help = isHelpRun(argv);

/** Each script's content hash, written in by the build (scripts/build.mjs). */
declare const PLL_SCRIPT_IDS: { cli: string; help: string };

if (debug) {
  module.createRequire(__filename)(`${__dirname}/chunks/cli.cjs`);
} else if (help) {
  runScript(`${__dirname}/chunks/help.cjs`, PLL_SCRIPT_IDS.help, "help");
} else {
  runScript(`${__dirname}/chunks/cli.cjs`, PLL_SCRIPT_IDS.cli, commandKind(argv));
}
