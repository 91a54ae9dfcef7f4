#!/usr/bin/env node
// npm run e2e:aws — MAINTAINERS ONLY. Runs the built CLI's whole lesson on a REAL AWS account,
// then `destroy --yes`, and fails if anything was left behind.
//
// * Never run by CI or by `npm test` (vitest does not pick up scripts/, and no workflow calls it).
// * Costs real money: about $0.08–0.10 for the ~20 minutes it runs (see README "Running on your
//   AWS account"). It uses its own participant prefix (e2e-<random>) and progress directory.
// * Without AWS credentials (no env keys, AWS_PROFILE, container/web identity, or ~/.aws files)
//   it prints "skipped: no AWS credentials" and exits 0 without loading the SDK or calling AWS.
// * Region: --region R, else AWS_REGION / AWS_DEFAULT_REGION, else us-east-1. Profile: --profile P
//   or AWS_PROFILE. Run `npm run build` first.
//
// Order: doctor (nothing is created if it fails) → lesson with --yes → destroy --yes (always,
// also after a failure or Ctrl-C) → destroy --dry-run must find nothing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { importSrc } from "./import-src.mjs";

const root = resolve(import.meta.dirname, "..");
const BIN = join(root, "dist", "bin.cjs");

function arg(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (!existsSync(BIN)) {
  console.error("dist/ is missing: run `npm run build` first.");
  process.exit(1);
}

const { credentialSourceHint, regionFromEnv } = await importSrc("e2e-aws", ["aws/credentials.ts"]);
const profile = arg("--profile") ?? process.env.AWS_PROFILE;
const source = credentialSourceHint(process.env, profile);
if (!source) {
  console.log("skipped: no AWS credentials");
  process.exit(0);
}

const region = arg("--region") ?? regionFromEnv(process.env) ?? "us-east-1";
const prefix = `e2e-${Math.random().toString(36).slice(2, 8)}`;
const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), "pll-e2e-aws-")), NO_COLOR: "1", LANG: "en_US.UTF-8" };
const common = ["--region", region, "--prefix", prefix, ...(profile ? ["--profile", profile] : [])];

function run(label, args) {
  const started = Date.now();
  console.log(`\n=== ${label}: privatelink-lab ${args.join(" ")}`);
  const r = spawnSync(process.execPath, [BIN, ...args, ...common], { env, stdio: "inherit" });
  console.log(`=== ${label}: exit ${r.status ?? r.signal} after ${Math.round((Date.now() - started) / 1000)} s`);
  return r.status ?? 1;
}

// Ctrl-C stops the running child (it shares our terminal); we still clean up below.
let interrupted = false;
process.on("SIGINT", () => {
  interrupted = true;
});

console.log(`e2e on AWS: credentials from ${source}, region ${region}, prefix ${prefix}`);
const doctor = run("doctor", ["doctor"]);
if (doctor !== 0) {
  console.error("doctor failed: nothing was created. Fix the account (see above) and run again.");
  process.exit(1);
}
const lesson = interrupted ? 130 : run("lesson", ["--yes"]);
const destroy = run("destroy", ["destroy", "--yes"]);
const check = spawnSync(process.execPath, [BIN, "destroy", "--dry-run", "--json", ...common], { env, encoding: "utf8" });
const leftovers = check.stdout.includes('"type":"table"');
if (leftovers) console.error(`LEFT BEHIND (prefix ${prefix}):\n${check.stdout}`);
const ok = lesson === 0 && destroy === 0 && check.status === 0 && !leftovers;
console.log(`\n${ok ? "PASS" : "FAIL"}: lesson ${lesson}, destroy ${destroy}, leftovers ${leftovers ? "yes" : "none"}`);
process.exit(ok ? 0 : 1);
