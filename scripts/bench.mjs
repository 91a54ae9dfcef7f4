#!/usr/bin/env node
// npm run bench: cold start of `privatelink-lab --help` against `node -e 0`, and the whole
// `--sandbox --yes` lesson at instant speed. Medians of several runs, on this machine.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const BIN = resolve(import.meta.dirname, "../dist/src/bin.js");

function time(args, env = process.env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function repeat(n, f) {
  return median(Array.from({ length: n }, f));
}

const bare = repeat(15, () => time(["-e", "0"]));
const help = repeat(15, () => time([BIN, "--help"]));
const lesson = repeat(3, () => {
  const home = mkdtempSync(join(tmpdir(), "pll-bench-"));
  const env = { PATH: process.env.PATH, HOME: home, XDG_STATE_HOME: join(home, "state"), LANG: "en_US.UTF-8" };
  try {
    return time([BIN, "--sandbox", "--yes", "--sandbox-speed", "instant", "--prefix", "bench"], env);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version}`);
console.log(`node -e 0                          ${bare.toFixed(0)} ms`);
console.log(`privatelink-lab --help             ${help.toFixed(0)} ms  (${(help / bare).toFixed(1)}× node -e 0)`);
console.log(`whole lesson, --sandbox --yes, instant  ${lesson.toFixed(0)} ms`);
