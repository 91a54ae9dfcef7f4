#!/usr/bin/env node
/*
 * The installed executable (copied to dist/bin.cjs by scripts/build.mjs). It is written in the
 * oldest JavaScript (var, function, no arrows, no template strings) so that any Node parses it:
 * on a Node older than the maintained lines it says, in one line, which Node to install and
 * exits, before anything else is loaded. Otherwise it hands over to ./start.cjs.
 */
"use strict";

var MINIMUM = [22, 13];

/** The learner's language from the locale, as src/i18n/lang.ts reads it (ja* -> Japanese). */
function localeLang(env) {
  var names = ["LC_ALL", "LC_MESSAGES", "LANG"];
  for (var i = 0; i < names.length; i++) {
    var v = env[names[i]];
    if (v) return v.toLowerCase().indexOf("ja") === 0 ? "ja" : "en";
  }
  return "en";
}

/** The one line (under 80 columns) to print when `version` ("20.20.2") is too old, or null when it will do. */
function nodeTooOld(version, env) {
  var parts = String(version).split(".");
  var major = parseInt(parts[0], 10);
  var minor = parseInt(parts[1], 10) || 0;
  if (major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1])) return null;
  if (localeLang(env) === "ja") {
    return "privatelink-lab: Node 24、22 か 26 を入れてください（今は " + version + "）。";
  }
  return "privatelink-lab needs Node 22.13+ (this is " + version + "): install Node 24, 22 or 26.";
}

if (require.main === module) {
  var problem = nodeTooOld(process.versions.node, process.env);
  if (problem) {
    process.stderr.write(problem + "\n");
    process.exitCode = 1;
  } else {
    require("./start.cjs");
  }
} else {
  exports.nodeTooOld = nodeTooOld;
}
