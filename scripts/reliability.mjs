#!/usr/bin/env node
// `npm run reliability`: the built CLI, as real processes in the sandbox, killed at every step,
// given bad input, run twice at once and fed injected faults. Prints what it measured.
//   --quick      a handful of each (what `npm test` runs, as assertions)
//   --jobs N     processes at once (default 2)
//   --only challenges   just the challenge kill points
//   --only room         just the workshop room's server kills (not in --quick: it takes minutes)
import { userInfo } from "node:os";
import { BAD_INPUTS, ENVIRONMENT_CASES, runBadInput } from "./reliability/bad-inputs.mjs";
import { deadOwner, samePair, sharedAccount } from "./reliability/concurrency.mjs";
import { FAULTS, outlasting, runFaults } from "./reliability/faults.mjs";
import { killPoints, runKillPoint } from "./reliability/kill-points.mjs";
import { challengePoints, runChallengePoint } from "./reliability/challenge-points.mjs";
import { pool } from "./reliability/run.mjs";
import { sharedKills } from "./reliability/shared-kills.mjs";
import { roomKills } from "./reliability/room-kills.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const jobs = Number(args[args.indexOf("--jobs") + 1]) || 2;
const pct = (n, d) => (d === 0 ? "-" : `${Math.round((100 * n) / d)} %`);
const t0 = Date.now();
const onlyChallenges = args[args.indexOf("--only") + 1] === "challenges" && args.includes("--only");
const onlyRoom = args[args.indexOf("--only") + 1] === "room" && args.includes("--only");

/** A workshop room's server SIGKILLed 20 times under 10 learners (and an intruder with a learner's key). */
async function roomRun() {
  console.log("\na workshop room (workshop serve), 10 learners' whole lessons, the server SIGKILLed 20 times at random moments (seeded) and started again");
  const r = await roomKills({ learners: 10, kills: 20 });
  for (const b of r.bad) console.log(`  ✖ ${b}`);
  for (const d of r.duplicates) console.log(`  ✖ ${d.prefix}: made twice ${d.dups.join(" ")}`);
  const ok = r.bad.length === 0 && r.duplicates.length === 0 && r.intrusions.allowed === 0 && r.integrity === "ok";
  console.log(`  ${ok ? "✔" : "✖"} killed ${r.killed}, finished ${r.finished}/${r.learners} (${r.runs} runs), with duplicates ${r.duplicates.length}, another's key allowed ${r.intrusions.allowed}/${r.intrusions.tried}, integrity_check ${r.integrity} (${r.seconds} s)`);
  return { r, ok };
}
if (onlyRoom) {
  const { ok } = await roomRun();
  process.exit(ok ? 0 : 1);
}

const allChallengePoints = challengePoints();
const chosenChallenge = quick ? allChallengePoints.filter((_, i) => i % 11 === 0) : allChallengePoints;
console.log(`challenge kill points: ${chosenChallenge.length} (every mutating call of every challenge's start, give-up and fix: SIGKILL before and after it, its answer lost; then the same command again)`);
const chal = await pool(chosenChallenge, jobs, runChallengePoint);
for (const c of chal) {
  const bad = !c.recovered || c.duplicates.length || c.deleted.length || c.hung;
  console.log(`  ${bad ? "✖" : "✔"} ${c.point.padEnd(70)} ${c.recovered ? "recovered" : "NOT recovered"}${c.duplicates.length ? " · dup " + c.duplicates.join(" ") : ""}${c.deleted.length ? " · deleted " + c.deleted.join(" ") : ""}${c.hung ? " · HUNG" : ""}${c.notes.length ? " · " + c.notes.join("; ") : ""}`);
}
const chalOk = chal.filter((c) => c.recovered && !c.duplicates.length && !c.deleted.length && !c.hung).length;
const chalLine = `challenge kill points: ${chal.length}, ${pct(chalOk, chal.length)} recovered`;
if (onlyChallenges) {
  console.log(`\nsummary (${Math.round((Date.now() - t0) / 1000)} s, ${jobs} at a time)\n  ${chalLine}`);
  process.exit(chalOk === chal.length ? 0 : 1);
}

const points = killPoints();
const chosen = quick ? points.filter((_, i) => i % 9 === 0) : points;
console.log(`kill points: ${chosen.length} (SIGKILL and SIGINT at every step, inside cleanup and destroy, and with the progress file deleted)`);
const kills = await pool(chosen, jobs, (p) => runKillPoint(p, points.indexOf(p)));
for (const k of kills) {
  const bad = !k.finished || k.duplicates.length || k.leftovers.length || k.hung;
  console.log(`  ${bad ? "✖" : "✔"} ${k.point.padEnd(62)} ${k.finished ? "finished" : "NOT finished"}${k.duplicates.length ? " · dup " + k.duplicates.join(" ") : ""}${k.leftovers.length ? " · left " + k.leftovers.length : ""}${k.hung ? " · HUNG" : ""}${k.notes.length ? " · " + k.notes.join("; ") : ""}`);
}

const isRoot = userInfo().uid === 0;
const inputs = quick ? BAD_INPUTS.filter((_, i) => i % 6 === 0) : BAD_INPUTS;
const envCases = ENVIRONMENT_CASES.filter((c) => !(c.needsNonRoot && isRoot));
console.log(`\nbad inputs: ${inputs.length} (+ ${envCases.length} file/network problems${isRoot ? "; permission cases skipped: running as root" : ""})`);
const bad = await pool([...inputs, ...envCases], jobs + 1, runBadInput);
for (const b of bad) console.log(`  ${b.ok ? "✔" : "✖"} ${b.name.replace(/\n/g, "\\n").slice(0, 58).padEnd(58)} exit ${b.code} · ${b.message.slice(0, 90)}`);

console.log("\nconcurrent runs");
const conc = [];
for (let i = 0; i < (quick ? 1 : 6); i++) conc.push(await samePair(i));
conc.push(await sharedAccount(quick ? 2 : 3), await deadOwner());
for (const c of conc) console.log(`  ${c.ok ? "✔" : "✖"} ${c.name.padEnd(40)} ${c.detail}`);

const killsAt = quick ? { lessons: 8, parallel: 4, maxKillMs: 4000 } : { lessons: 60, parallel: 8, maxKillMs: 8000 };
console.log(`\none sandbox account, ${killsAt.lessons} lessons ${killsAt.parallel} at a time, each SIGKILLed at a random moment (seeded), then run again`);
const shared = await sharedKills(killsAt);
for (const b of shared.bad) console.log(`  ✖ ${b.prefix} killed at ${b.killAt} ms: ${b.finished ? "finished" : "NOT finished"}${b.dups.length ? " · dup " + b.dups.join(" ") : ""}${b.hung ? " · HUNG" : ""}${b.why ? " · " + b.why : ""}`);
console.log(`  ${shared.bad.length === 0 && shared.integrity === "ok" ? "✔" : "✖"} killed ${shared.killed}/${shared.lessons}, finished on rerun ${shared.finished}/${shared.lessons}, with duplicates ${shared.duplicates}, integrity_check ${shared.integrity} (${shared.seconds} s)`);

const room = quick ? undefined : await roomRun();

console.log("\ninjected faults");
const faultSets = quick ? FAULTS.slice(0, 2) : FAULTS;
const faults = [...(await pool(faultSets, jobs, runFaults)), await outlasting()];
for (const f of faults) console.log(`  ${f.ok ? "✔" : "✖"} ${f.name.slice(0, 70).padEnd(70)} ${f.detail}`);

const usageCases = bad.filter((b) => inputs.some((c) => c.name === b.name));
const summary = [
  [chalLine, ""],
  ["  with duplicates", String(chal.filter((c) => c.duplicates.length).length)],
  ["  with something of the build deleted", String(chal.filter((c) => c.deleted.length).length)],
  ["kill points", String(kills.length)],
  ["  finished on rerun", pct(kills.filter((k) => k.finished).length, kills.length)],
  ["  with duplicates", String(kills.filter((k) => k.duplicates.length).length)],
  ["  with leftovers after destroy", String(kills.filter((k) => k.leftovers.length).length)],
  ["  hangs", String(kills.filter((k) => k.hung).length)],
  ["bad inputs (distinct)", String(new Set(usageCases.map((b) => b.name)).size)],
  ["  exit 2 as documented", pct(usageCases.filter((b) => b.exit).length, usageCases.length)],
  ["  clear message", pct(usageCases.filter((b) => b.clear).length, usageCases.length)],
  ["  nothing written", pct(usageCases.filter((b) => b.nothingWritten).length, usageCases.length)],
  ["  internal errors", String(usageCases.filter((b) => b.internal).length)],
  ["file/network problems as documented (4/5)", `${bad.filter((b) => !inputs.some((c) => c.name === b.name) && b.ok).length}/${envCases.length}`],
  ["concurrent runs as expected", `${conc.filter((c) => c.ok).length}/${conc.length}`],
  [`shared account: ${shared.lessons} lessons killed at random, ${shared.parallel} at once`, `${shared.killed} killed`],
  ["  finished on rerun", pct(shared.finished, shared.lessons)],
  ["  with duplicates", String(shared.duplicates)],
  ["  PRAGMA integrity_check", shared.integrity],
  ["injected faults survived", `${faults.filter((f) => f.ok).length}/${faults.length}`],
  ...(room ? [
    [`workshop room: server killed ${room.r.killed} times, ${room.r.learners} learners`, `${room.r.finished}/${room.r.learners} finished`],
    ["  with duplicates", String(room.r.duplicates.length)],
    ["  another participant's key allowed", `${room.r.intrusions.allowed}/${room.r.intrusions.tried}`],
  ] : []),
];
console.log(`\nsummary (${Math.round((Date.now() - t0) / 1000)} s, ${jobs} at a time)`);
for (const [k, v] of summary) console.log(`  ${k.padEnd(44)} ${v}`);
const allOk = chalOk === chal.length && kills.every((k) => k.finished && !k.duplicates.length && !k.leftovers.length && !k.hung) && bad.every((b) => b.ok) && conc.every((c) => c.ok) && faults.every((f) => f.ok) && shared.bad.length === 0 && shared.integrity === "ok" && (room?.ok ?? true);
process.exitCode = allOk ? 0 : 1;
