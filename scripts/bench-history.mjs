// The sandbox account's history: the instant lesson (built CLI, `--json`) on an account holding
// 100 other finished labs, against the same lesson on an empty account; interleaved rounds, the
// median ratio and the peak memory, for later starts (a compile cache shared by the rounds, as
// `npm run bench` times them) and, for the peak, a learner's very first start too. The labs are
// built once, in-process (the engine on the SQLite store, at instant speed), then the account is
// copied for each round.
// `--age-minutes N` (default 60): the labs finished N minutes ago, kept as at the default speed
// (0.1): their EC2 records (6 minutes) are dropped, their stacks (9 days) kept. 0: they finished
// just now and every deleted record is still there (the worst case).
//   node scripts/bench-history.mjs [--rounds N] [--labs N] [--bin PATH]   (npm run bench calls benchHistory)
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { importSrc } from "./import-src.mjs";

const root = resolve(import.meta.dirname, "..");
const MAXRSS = `--import=data:text/javascript,process.on("exit",()=>process.stderr.write("\\nPLL_MAXRSS="+process.resourceUsage().maxRSS+"\\n"))`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `labs` finished lessons (built, proved and cleaned up) in one account at `path`. */
export async function accountWithLabs(path, labs, ageMinutes = 0) {
  const { start, SqliteStore, Sandbox, createSandboxClients, systemClock, QuietHost } = await importSrc("bench-history", [
    "commands/start.ts",
    "sandbox/account/sqlite-store.ts",
    "sandbox/middleware.ts",
    "aws/clients.ts",
    "sandbox/clock.ts",
    "workshop/quiet-host.ts",
  ]);
  const shift = ageMinutes * 60_000;
  const clock = { now: () => Date.now() - shift, sleep: (ms) => systemClock.sleep(ms) };
  // Lessons at instant speed; what is kept of them as at the default speed (retention.ts).
  const store = new SqliteStore(path, { clock, speed: 0.1 });
  const sandbox = new Sandbox({ store, clock, speed: 0 });
  const stateDir = mkdtempSync(join(tmpdir(), "pll-bench-history-state-"));
  const env = {
    env: { LANG: "en_US.UTF-8" },
    stdin: new PassThrough(),
    stdout: new PassThrough().resume(),
    clock,
    stateDir,
    makeHost: (lang) => new QuietHost(lang),
    makeClients: (state) => createSandboxClients(sandbox, state.region),
  };
  for (let i = 0; i < labs; i++) await start({ sandbox: true, prefix: `lab${i}`, region: "us-east-1", yes: true }, env);
  store.close();
  // Any later command drops what AWS no longer shows: one write now, as the learners' would have.
  const now = new SqliteStore(path, { clock: systemClock, speed: 0.1 });
  now.transact(() => undefined);
  now.close(); // folds the -wal into the file, which is then copied whole
  rmSync(stateDir, { recursive: true, force: true });
}

/**
 * One instant lesson in a fresh learner home; `cache`: the compile-cache folder its start finds
 * (shared: a learner's later start, as `npm run bench` times them), else a fresh one (a first start).
 */
function lesson(bin, account, memory, cache) {
  const home = mkdtempSync(join(tmpdir(), "pll-bench-history-"));
  const env = { PATH: process.env.PATH, HOME: home, XDG_STATE_HOME: join(home, "state"), XDG_CACHE_HOME: cache ?? join(home, ".cache"), LANG: "en_US.UTF-8", PRIVATELINK_LAB_SANDBOX_FILE: join(home, "account.db") };
  if (account) copyFileSync(account, env.PRIVATELINK_LAB_SANDBOX_FILE);
  const args = [bin, "--sandbox", "--yes", "--json", "--sandbox-speed", "instant", "--prefix", "bench"];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, memory ? [MAXRSS, ...args] : args, { env, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  rmSync(home, { recursive: true, force: true });
  if (r.status !== 0 || !r.stdout.includes('"lesson-finished"')) throw new Error(`the instant lesson failed (exit ${r.status}): ${r.stderr}`);
  return { ms, rss: Number(/PLL_MAXRSS=(\d+)/.exec(r.stderr)?.[1] ?? 0) };
}

export async function benchHistory({ bin = join(root, "dist", "bin.cjs"), rounds = 7, labs = 100, ageMinutes = 60 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "pll-bench-labs-"));
  try {
    const account = join(dir, "account.db");
    const t0 = Date.now();
    await accountWithLabs(account, labs, ageMinutes);
    const built = (Date.now() - t0) / 1000;
    const later = join(dir, "compile-cache");
    lesson(bin, undefined, false, later); // writes the compile cache the later starts find (and warms the file cache)
    const empty = [];
    const full = [];
    for (let i = 0; i < rounds; i++) {
      empty.push(lesson(bin, undefined, false, later).ms);
      full.push(lesson(bin, account, false, later).ms);
    }
    const peak = (acc, cache) => Math.max(...[0, 1, 2].map(() => lesson(bin, acc, true, cache).rss));
    const rssEmpty = peak(undefined, later);
    const rssFull = peak(account, later);
    // A learner's very first start compiles everything and writes the cache as it exits: reported too.
    const rssFirstEmpty = peak(undefined, undefined);
    const rssFirstFull = peak(account, undefined);
    const ratio = median(full) / median(empty);
    const mib = (kib) => (kib / 1024).toFixed(0);
    console.log(
      `instant lesson --json, account with ${labs} other labs finished ${ageMinutes} min ago (${(statSync(account).size / 1024 / 1024).toFixed(1)} MiB, built in ${built.toFixed(0)} s), later starts: ` +
        `${median(full).toFixed(0)} ms vs ${median(empty).toFixed(0)} ms on an empty account = ${ratio.toFixed(2)}× (target ≤ 1.5×); ` +
        `peak memory ${mib(rssFull)} MiB vs ${mib(rssEmpty)} MiB (target ≤ 100 MiB); median of ${rounds} interleaved rounds, peaks the largest of 3; ` +
        `a first start (no compile cache yet): peak ${mib(rssFirstFull)} MiB vs ${mib(rssFirstEmpty)} MiB`,
    );
    return { ratio, full: median(full), empty: median(empty), rssFull, rssEmpty };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : undefined);
  const bin = process.argv.includes("--bin") ? resolve(process.argv[process.argv.indexOf("--bin") + 1]) : undefined;
  await benchHistory({ rounds: arg("--rounds") ?? 7, labs: arg("--labs") ?? 100, ageMinutes: arg("--age-minutes") ?? 60, ...(bin ? { bin } : {}) });
}
