// Kill points: a lesson or a destroy is killed (SIGKILL or SIGINT) when a given event shows, the
// progress file is sometimes deleted, then the learner runs the command again. Measured: did the
// rerun finish, was anything made twice, is anything left after `destroy`, did anything hang.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { census, duplicates } from "./world.mjs";
import { freshHome, runCli } from "./run.mjs";

const STEPS = ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl", "review", "cleanup"];
/** Slow enough that waits are really waited (deploy ≈ 2 s), fast enough for a harness. */
const KILL_SPEED = "0.005";

const isStart = (step) => (ev) => ev.type === "step-started" && ev.step === step;
/** The first thing the step does after explaining itself (a table, a resource, a wait, a result). */
const isInside = (step) => (ev, evs) => {
  const started = evs.findIndex((e) => e.type === "step-started" && e.step === step);
  if (started < 0 || evs.slice(started).some((e) => e.type === "step-finished")) return false;
  return evs.indexOf(ev) > started && !["diagram", "explain", "step-started"].includes(ev.type);
};
const progressIs = (step, text) => (ev) => ev.type === "progress" && ev.step === step && String(ev.message).startsWith(text);

/** Where the lesson is killed. */
export const LESSON_TRIGGERS = [
  ...STEPS.flatMap((s) => [
    { name: `${s}: as it starts`, when: isStart(s) },
    { name: `${s}: inside`, when: isInside(s) },
  ]),
  { name: "cleanup: deleting the endpoint", when: progressIs("cleanup", "Deleting the interface endpoint") },
  { name: "cleanup: deleting the service", when: progressIs("cleanup", "Deleting the endpoint service") },
  { name: "cleanup: deleting the stacks", when: progressIs("cleanup", "Deleting the stacks") },
];

/** Where `destroy` is killed (everything built first). */
export const DESTROY_TRIGGERS = [
  { name: "destroy: plan shown", when: (ev) => ev.type === "table" },
  { name: "destroy: deleting the endpoint", when: progressIs("cleanup", "Deleting the interface endpoint") },
  { name: "destroy: deleting the service", when: progressIs("cleanup", "Deleting the endpoint service") },
  { name: "destroy: deleting the stacks", when: progressIs("cleanup", "Deleting the stacks") },
];

/** Every kill point: SIGKILL and SIGINT at each trigger, and SIGKILL with the progress file deleted. */
export function killPoints() {
  const points = [];
  for (const [phase, triggers] of [["lesson", LESSON_TRIGGERS], ["destroy", DESTROY_TRIGGERS]]) {
    for (const t of triggers) {
      points.push({ phase, trigger: t, signal: "SIGKILL", dropProgress: false });
      points.push({ phase, trigger: t, signal: "SIGINT", dropProgress: false });
      points.push({ phase, trigger: t, signal: "SIGKILL", dropProgress: true });
    }
  }
  return points;
}

export function describePoint(p) {
  return `${p.trigger.name} · ${p.signal}${p.dropProgress ? " · progress file deleted" : ""}`;
}

const lessonArgs = (prefix) => ["--sandbox", "--yes", "--json", "--prefix", prefix];

/** Runs one kill point; returns what was measured. */
export async function runKillPoint(p, i) {
  const prefix = `kp${i}-x`;
  const me = freshHome();
  const once = (when) => {
    let fired = false;
    return (ev, evs) => (!fired && when(ev, evs) ? ((fired = true), p.signal) : undefined);
  };
  const result = { point: describePoint(p), killed: false, finished: false, duplicates: [], leftovers: [], hung: false, notes: [] };
  if (p.phase === "destroy") {
    // Build everything, then stop at the quiz (the lesson's own cleanup not reached).
    const built = await runCli(me, lessonArgs(prefix), { killWhen: (ev) => (isStart("review")(ev) ? "SIGKILL" : undefined) });
    if (built.hung) result.hung = true;
    const killed = await runCli(me, ["destroy", ...lessonArgs(prefix)], { env: { PRIVATELINK_LAB_SANDBOX_SPEED: KILL_SPEED }, killWhen: once(p.trigger.when) });
    result.killed = Boolean(killed.killedWith);
    result.hung ||= killed.hung;
    if (p.signal === "SIGINT" && killed.killedWith && !killed.events.some((e) => e.type === "interrupted")) result.notes.push("no interrupted event");
  } else {
    const killed = await runCli(me, lessonArgs(prefix), { env: { PRIVATELINK_LAB_SANDBOX_SPEED: KILL_SPEED }, killWhen: once(p.trigger.when) });
    result.killed = Boolean(killed.killedWith);
    result.hung ||= killed.hung;
    if (p.signal === "SIGINT" && killed.killedWith && (killed.code !== 130 || !killed.events.some((e) => e.type === "interrupted"))) result.notes.push(`SIGINT: exit ${killed.code}, interrupted event ${killed.events.some((e) => e.type === "interrupted")}`);
  }
  if (p.dropProgress) {
    rmSync(join(me.stateDir, "participants", `${prefix}.json`), { force: true });
    rmSync(join(me.stateDir, "last-participant"), { force: true });
  }
  const rerun = p.phase === "destroy" ? await runCli(me, ["destroy", ...lessonArgs(prefix)]) : await runCli(me, lessonArgs(prefix));
  result.hung ||= rerun.hung;
  const ok = rerun.code === 0;
  result.finished = p.phase === "destroy" ? ok : ok && rerun.events.some((e) => e.type === "lesson-finished" || (e.type === "notice" && /finished|already deleted/i.test(String(e.message))));
  if (!result.finished) result.notes.push(`rerun exit ${rerun.code}: ${(rerun.stderr || JSON.stringify(rerun.events.find((e) => e.type === "error") ?? "")).trim().split("\n")[0]}`);
  result.duplicates = duplicates(census(me.sandboxFile, prefix));
  const cleanup = await runCli(me, ["destroy", ...lessonArgs(prefix)]);
  result.hung ||= cleanup.hung;
  if (cleanup.code !== 0) result.notes.push(`destroy exit ${cleanup.code}`);
  result.leftovers = census(me.sandboxFile, prefix).liveWhat;
  return result;
}
