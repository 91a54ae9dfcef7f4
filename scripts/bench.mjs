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

// Workshop: AWS calls and time per `workshop status` refresh, in-process against a sandbox on a
// MemoryStore, for rooms of 5, 50 and 200 rehearsed participants (the calls must stay flat).
{
  const dist = (p) => import(resolve(import.meta.dirname, "../dist/src", p));
  const [{ createSandboxClients }, { Sandbox }, { MemoryStore }, { ManualClock }, { workshopRehearse }, { openFacilitator }, { readStatus }, { QuietHost }] = await Promise.all(
    ["aws/clients.js", "sandbox/middleware.js", "sandbox/store.js", "sandbox/clock.js", "commands/workshop/rehearse.js", "commands/workshop/open.js", "commands/workshop/status.js", "workshop/quiet-host.js"].map(dist),
  );
  const clock = new ManualClock();
  const sandbox = new Sandbox({ store: new MemoryStore(), clock, speed: 0 });
  const env = {
    env: { LANG: "en_US.UTF-8" },
    stdin: process.stdin,
    stdout: process.stdout,
    clock,
    stateDir: mkdtempSync(join(tmpdir(), "pll-bench-ws-")),
    makeHost: (lang) => new QuietHost(lang),
    makeClients: (state) => createSandboxClients(sandbox, state.region),
  };
  const opts = { sandbox: true, region: "ap-northeast-1", yes: true };
  let room = 0;
  for (const size of [5, 50, 200]) {
    const t0 = process.hrtime.bigint();
    await workshopRehearse({ ...opts, participants: String(size - room), prefixBase: `r${size}` }, env);
    const built = Number(process.hrtime.bigint() - t0) / 1e6;
    room = size;
    const f = await openFacilitator(opts, env);
    const runs = Array.from({ length: 3 }, () => 0);
    const calls = [];
    for (const i of runs.keys()) {
      const before = sandbox.calls.length;
      const start = process.hrtime.bigint();
      const status = await readStatus(f);
      runs[i] = Number(process.hrtime.bigint() - start) / 1e6;
      calls.push(sandbox.calls.slice(before));
      if (status.participants.length !== size) throw new Error(`expected ${size} participants, saw ${status.participants.length}`);
    }
    // Only pagination grows: DescribeStacks returns 100 stacks a page (2 per participant).
    const pages = calls[0].filter((c) => c.command === "DescribeStacksCommand").length;
    console.log(`workshop status, ${String(size).padStart(3)} participants  ${calls[0].length} AWS calls/refresh (${pages} of them DescribeStacks pages), ${median(runs).toFixed(0)} ms/refresh  (room built in ${(built / 1000).toFixed(1)} s)`);
  }
  rmSync(env.stateDir, { recursive: true, force: true });
}
