#!/usr/bin/env node
// npm run bench (builds first): the shipped bundle (dist/bin.cjs) as a learner starts it, each
// measure as a ratio to `node -e 0` timed in the same round (rounds interleave, so a busy machine
// slows both sides alike; medians of the per-round ratios): later starts (with the compile cache
// an earlier start wrote) and a learner's very first start (no compile cache yet). Then the packed
// tarball installed in an empty folder with an empty npm cache, and the workshop's AWS calls per refresh.
//   --rounds N   rounds of the process timings (default 9)
//   --quick      skip the install and workshop parts
//   --bin PATH   time another build's executable instead (e.g. an older checkout), with --quick
//   --node PATH  also run the installed package's lesson with this node binary (repeatable)
//   --shell-env  start both sides with this shell's environment (e.g. its NODE_EXTRA_CA_CERTS)
//                instead of a learner's minimal one
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { importSrc } from "./import-src.mjs";

const root = resolve(import.meta.dirname, "..");
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const BIN = resolve(arg("--bin") ?? join(root, "dist", "bin.cjs"));
const ROUNDS = Number(arg("--rounds") ?? 9);
const QUICK = process.argv.includes("--quick");
const nodes = process.argv.flatMap((a, i) => (a === "--node" ? [resolve(process.argv[i + 1])] : []));
// Peak memory: the child reports its own maximum resident set size as it exits.
const MAXRSS = `--import=data:text/javascript,process.on("exit",()=>process.stderr.write("\\nPLL_MAXRSS="+process.resourceUsage().maxRSS+"\\n"))`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * A learner's environment, for the CLI and for `node -e 0` alike: the yard stick must start under
 * the same conditions (e.g. NODE_EXTRA_CA_CERTS, which this machine sets, costs every node start
 * ~40 ms reading certificates; timing only one side with it would flatter the ratio).
 */
const SHELL_ENV = process.argv.includes("--shell-env");
/**
 * A fresh learner (own HOME: no progress, a new sandbox account). The CLI keeps Node's compile cache
 * in the learner's cache folder (src/start.cjs): with `codeCache`, every round shares one, as one
 * learner's later starts do; without, each start is a learner's very first.
 */
function learnerEnv(codeCache) {
  const home = mkdtempSync(join(tmpdir(), "pll-bench-"));
  const base = SHELL_ENV ? process.env : { PATH: process.env.PATH };
  return { home, env: { ...base, HOME: home, XDG_STATE_HOME: join(home, "state"), XDG_CACHE_HOME: codeCache ?? join(home, ".cache"), LANG: "en_US.UTF-8" } };
}
/** The compile cache of this bench's "later starts" (each measure runs once first, to write its part). */
const LATER = mkdtempSync(join(tmpdir(), "pll-bench-compile-cache-"));
process.on("exit", () => rmSync(LATER, { recursive: true, force: true }));

/** Runs node with args; returns wall ms and peak RSS (KiB, when measured). */
function run(args, { env = process.env, memory = false, node = process.execPath } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(node, memory ? [MAXRSS, ...args] : args, { env, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // (`status` in a fresh home reads the sandbox, finds no lesson and says so: exit 2, as designed)
  const noLesson = r.status === 2 && args.includes("status") && /no lesson for the prefix/.test(r.stderr ?? "");
  if (r.status !== 0 && !noLesson) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const rss = /PLL_MAXRSS=(\d+)/.exec(r.stderr ?? "")?.[1];
  return { ms, rss: rss ? Number(rss) : undefined, stdout: r.stdout };
}

const LESSON = ["--sandbox", "--yes", "--sandbox-speed", "instant", "--prefix", "bench"]; // instant speed
/**
 * What is timed: one line a measure (its arguments after `node`), with its goal for later starts as
 * a ratio to `node -e 0` where it has one (issue 23).
 */
const cases = {
  "--help": () => [BIN, "--help"],
  "status --sandbox": () => [BIN, "status", "--sandbox", "--prefix", "bench"],
  // The measure: the whole lesson as JSON events (no terminal rendering).
  "whole lesson --sandbox --yes --json": () => [BIN, ...LESSON, "--json"],
  // The same lesson rendered as text to a pipe (Markdown rendering included).
  "whole lesson --sandbox --yes (text)": () => [BIN, ...LESSON],
};
const TARGETS = { "--help": 1.5, "status --sandbox": 4, "whole lesson --sandbox --yes --json": 7 };

/**
 * Interleaved rounds: each measure right after a `node -e 0` on the same node, in a fresh learner
 * home; returns every wall time and the per-round ratio to that `node -e 0`.
 */
function timeRounds(rounds, measures, node = process.execPath, codeCache = LATER) {
  const wall = { bare: [] };
  const ratio = {};
  for (const name of Object.keys(measures)) [wall[name], ratio[name]] = [[], []];
  if (codeCache) {
    for (const args of Object.values(measures)) {
      const { home, env } = learnerEnv(codeCache);
      run(args, { env, node });
      rmSync(home, { recursive: true, force: true });
    }
  }
  for (let i = 0; i < rounds; i++) {
    for (const [name, args] of Object.entries(measures)) {
      const { home, env } = learnerEnv(codeCache);
      try {
        const bare = run(["-e", "0"], { env, node }).ms;
        const t = run(args, { env, node }).ms;
        wall.bare.push(bare);
        wall[name].push(t);
        ratio[name].push(t / bare);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    }
  }
  return { wall, ratio };
}

function measureProcesses() {
  const rss = { bare: [] };
  for (const name of Object.keys(cases)) rss[name] = [];
  // (timeRounds runs each measure once first: that also warms the file cache, as a second start would find it)
  const measures = Object.fromEntries(Object.entries(cases).map(([name, args]) => [name, args()]));
  const { wall, ratio } = timeRounds(ROUNDS, measures);
  // A learner's very first start: no compile cache yet (Node writes it as the CLI exits).
  const first = timeRounds(Math.min(ROUNDS, 5), measures, process.execPath, null);
  for (let i = 0; i < 3; i++) {
    const bare = learnerEnv(LATER);
    rss.bare.push(run(["-e", "0"], { env: bare.env, memory: true }).rss);
    rmSync(bare.home, { recursive: true, force: true });
    for (const name of Object.keys(cases)) {
      const { home, env } = learnerEnv(LATER);
      try {
        rss[name].push(run(cases[name](), { env, memory: true }).rss);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    }
  }
  return { wall, ratio, rss, first };
}

function dirSize(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

/** The installed CLI on one node binary (later starts): medians of per-round ratios to that node's own `node -e 0`. */
function timeInstalled(node, bin) {
  const measures = { "--help": [bin, "--help"], "status --sandbox": [bin, "status", "--sandbox", "--prefix", "bench"], "lesson --json": [bin, ...LESSON, "--json"] };
  const { wall, ratio } = timeRounds(ROUNDS, measures, node);
  return { bare: median(wall.bare), ratios: Object.fromEntries(Object.entries(ratio).map(([k, v]) => [k, median(v)])) };
}

/** npm pack, then npm install of the tarball in an empty folder with an empty cache. */
function measureInstall() {
  const work = mkdtempSync(join(tmpdir(), "pll-bench-install-"));
  try {
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: root, encoding: "utf8" }))[0];
    const app = join(work, "app");
    mkdirSync(app);
    execFileSync("npm", ["init", "-y"], { cwd: app, stdio: "ignore" });
    const start = process.hrtime.bigint();
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--cache", join(work, "cache"), join(work, packed.filename)], { cwd: app, stdio: "ignore" });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const listed = execFileSync("npm", ["ls", "--all", "--parseable"], { cwd: app, encoding: "utf8" }).trim().split("\n");
    const nm = join(app, "node_modules");
    // The installed CLI runs the lesson with nothing but itself, on each node given.
    const ran = [];
    for (const node of [process.execPath, ...nodes]) {
      const { home, env } = learnerEnv();
      const out = run([join(nm, ".bin", "privatelink-lab"), ...LESSON, "--json"], { env: { ...env, PATH: `${dirname(node)}:${env.PATH}` }, node }).stdout;
      rmSync(home, { recursive: true, force: true });
      if (!out.includes('"type":"lesson-finished"')) throw new Error(`the installed CLI did not finish the lesson on ${node}`);
      ran.push({ version: execFileSync(node, ["--version"], { encoding: "utf8" }).trim(), ...timeInstalled(node, join(nm, ".bin", "privatelink-lab")) });
    }
    return { tarball: packed.size, files: packed.entryCount, installed: dirSize(nm), packages: listed.length - 1, ms, ran };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const MiB = (kib) => (kib / 1024).toFixed(0);
const p = measureProcesses();
const bare = median(p.wall.bare);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version}; ${ROUNDS} rounds, medians; ${SHELL_ENV ? "this shell's environment" : "a learner's minimal environment"}`);
console.log(`node -e 0${" ".repeat(44)}${bare.toFixed(0).padStart(5)} ms  ${MiB(median(p.rss.bare)).padStart(4)} MiB peak`);
console.log("later starts (the compile cache written by an earlier start):");
const goal = (name, ratio) => (TARGETS[name] ? `goal ≤ ${TARGETS[name]}× ${ratio <= TARGETS[name] ? "met" : "MISSED"}` : "");
for (const name of Object.keys(cases)) {
  const mem = median(p.rss[name]);
  const ratio = median(p.ratio[name]);
  console.log(
    `${("privatelink-lab " + name).padEnd(53)}${median(p.wall[name]).toFixed(0).padStart(5)} ms  ${ratio.toFixed(2).padStart(5)}× node -e 0   ${MiB(mem).padStart(4)} MiB peak (${(mem / median(p.rss.bare)).toFixed(1)}×)  ${goal(name, ratio)}`,
  );
}
console.log(`a learner's first start (no compile cache yet; ${p.first.ratio["--help"].length} rounds):`);
for (const name of Object.keys(cases)) console.log(`${("privatelink-lab " + name).padEnd(53)}${median(p.first.wall[name]).toFixed(0).padStart(5)} ms  ${median(p.first.ratio[name]).toFixed(2).padStart(5)}× node -e 0`);

if (!QUICK) {
  const i = measureInstall();
  console.log(`packed tarball: ${(i.tarball / 1e6).toFixed(1)} MB, ${i.files} files; installed in an empty folder, empty npm cache:`);
  console.log(`  ${(i.installed / 1e6).toFixed(1)} MB in node_modules, ${i.packages} package${i.packages === 1 ? "" : "s"}, npm install ${(i.ms / 1000).toFixed(1)} s; it ran the lesson in the sandbox on node ${i.ran.map((r) => r.version).join(", ")}`);
  for (const r of i.ran) {
    const ratios = Object.entries(r.ratios).map(([k, v]) => `${k} ${v.toFixed(2)}×`).join(", ");
    console.log(`  installed, on node ${r.version} (node -e 0: ${r.bare.toFixed(0)} ms): ${ratios}`);
  }
}

// Workshop: AWS calls and time per `workshop status` refresh, in-process against a sandbox on a
// MemoryStore, for rooms of 5, 50 and 200 rehearsed participants (the calls must stay flat).
if (!QUICK) {
  const { createSandboxClients, Sandbox, MemoryStore, ManualClock, workshopRehearse, openFacilitator, readStatus, QuietHost } = await importSrc("bench-workshop", [
    "aws/clients.ts",
    "sandbox/middleware.ts",
    "sandbox/store.ts",
    "sandbox/clock.ts",
    "commands/workshop/rehearse.ts",
    "commands/workshop/open.ts",
    "workshop/room-data.ts",
    "workshop/quiet-host.ts",
  ]);
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

// The served sandbox (`sandbox serve`) beside the in-process one: scripts/bench-serve.mjs.
await (await import("./bench-serve.mjs")).benchServe({ rounds: QUICK ? 3 : 5 });
// The sandbox account's history (scripts/bench-history.mjs): the instant lesson on an account
// with 100 other finished labs vs an empty one (target ≤ 1.5×, peak memory ≤ 100 MiB).
if (!QUICK) await (await import("./bench-history.mjs")).benchHistory({ bin: BIN, rounds: Math.min(ROUNDS, 7) });
