// Kills on one shared sandbox account: `lessons` learners, `parallel` at a time, all on ONE
// account (SQLite). Each lesson is SIGKILLed at a random moment (seeded), then run again; measured:
// did every rerun finish, was anything made twice, does the database pass SQLite's own check.
import { census, duplicates, integrityOf } from "./world.mjs";
import { BIN, freshHome, pool, runCli } from "./run.mjs";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { seededRandom } from "../seeded-random.mjs";

/** Slow enough that a lesson takes seconds (kills land inside waits and inside commands alike). */
const SPEED = "0.002";
const lesson = (prefix) => ["--sandbox", "--yes", "--json", "--prefix", prefix];


/** An empty account (src/sandbox/world.ts) with room for `n` learners, in the old JSON form it imports. */
function roomFor(legacyFile, n) {
  const quotas = { vpcsPerRegion: 2 * n + 1, gatewayEndpointsPerRegion: 2 * n, interfaceEndpointsPerVpc: 50, networkLoadBalancersPerRegion: n + 1, runningOnDemandStandardVcpus: 4 * n + 1 };
  mkdirSync(dirname(legacyFile), { recursive: true });
  writeFileSync(legacyFile, JSON.stringify({ schema: 1, accountId: "000000000000", seq: 0, quotas, iamRoles: {}, instanceProfiles: {}, regions: {} }));
}

/** Runs a lesson and SIGKILLs it `killAt` ms after it started (unless it ended first). */
function killedLesson(me, prefix, killAt) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...lesson(prefix)], { env: me.env, stdio: ["ignore", "pipe", "pipe"] });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill("SIGKILL");
    }, killAt);
    child.stdout.resume();
    child.stderr.resume();
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ killed, code });
    });
  });
}

/**
 * Runs the harness; `maxKillMs` bounds the random moment (a lesson that ends first was not killed).
 * Returns the numbers and the learners that went wrong.
 */
export async function sharedKills({ lessons = 60, parallel = 8, seed = 23, maxKillMs = 8000 } = {}) {
  const t0 = Date.now();
  const me = freshHome({ PRIVATELINK_LAB_SANDBOX_SPEED: SPEED });
  roomFor(me.legacyFile, lessons);
  const next = seededRandom(seed); // the same seed kills at the same moments
  const plan = Array.from({ length: lessons }, (_, i) => ({ prefix: `k${i}-x`, killAt: Math.round(100 + next() * (maxKillMs - 100)) }));
  const results = await pool(plan, parallel, async ({ prefix, killAt }) => {
    const first = await killedLesson(me, prefix, killAt);
    const rerun = await runCli(me, lesson(prefix));
    // A lesson that ended before its kill (or was killed after its cleanup) finished then: its
    // rerun only says so, as kill-points.mjs accepts too (and must exit 0).
    const endedFirst = !first.killed && first.code === 0;
    const saysDone = (e) => e.type === "lesson-finished" || (e.type === "notice" && /finished|already deleted/i.test(String(e.message)));
    const finished = rerun.code === 0 && (endedFirst || rerun.events.some(saysDone));
    const dups = duplicates(census(me.sandboxFile, prefix));
    const why = finished ? "" : `rerun exit ${rerun.code}: ${(rerun.stderr || JSON.stringify(rerun.events.find((e) => e.type === "error") ?? "")).trim().split("\n")[0]}`;
    return { prefix, killAt, killed: first.killed, finished, dups, hung: rerun.hung, why };
  });
  const integrity = integrityOf(me.sandboxFile);
  return {
    seconds: Math.round((Date.now() - t0) / 1000),
    lessons,
    parallel,
    seed,
    killed: results.filter((r) => r.killed).length,
    finished: results.filter((r) => r.finished).length,
    duplicates: results.filter((r) => r.dups.length).length,
    hangs: results.filter((r) => r.hung).length,
    integrity,
    bad: results.filter((r) => !r.finished || r.dups.length || r.hung),
  };
}
