// Two processes on one participant (the second must refuse, naming the first), and several
// participants sharing one sandbox account at once (all must finish).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { census, duplicates } from "./world.mjs";
import { freshHome, runCli } from "./run.mjs";

const lesson = (prefix) => ["--sandbox", "--yes", "--json", "--prefix", prefix];

/** One pair started together on the same participant. */
export async function samePair(i) {
  const me = freshHome({ PRIVATELINK_LAB_SANDBOX_SPEED: "0.002" });
  const prefix = `pair${i}-x`;
  const [a, b] = await Promise.all([runCli(me, lesson(prefix)), runCli(me, lesson(prefix))]);
  const refused = [a, b].filter((r) => r.code === 6);
  const finished = [a, b].filter((r) => r.code === 0);
  const refusal = refused[0];
  const other = refusal === a ? b : a;
  const namesFirst = refusal ? refusal.events.some((e) => e.type === "error" && String(e.message).includes(String(other.pid))) : false;
  const dups = duplicates(census(me.sandboxFile, prefix));
  const hung = a.hung || b.hung;
  return { name: `same participant, pair ${i + 1}`, ok: refused.length === 1 && finished.length === 1 && namesFirst && dups.length === 0 && !hung, detail: `exits ${a.code}/${b.code}${namesFirst ? ", refusal names the first" : ""}${dups.length ? ", duplicates " + dups.join(" ") : ""}` };
}

/** A sandbox account with room for `n` learners (a fresh one has 5 vCPUs: one learner). */
async function roomFor(legacyFile, n) {
  // An empty sandbox account (src/sandbox/world.ts: emptyWorld) with the quotas raised, in the
  // old JSON form, which the first process imports.
  const quotas = { vpcsPerRegion: 2 * n + 1, gatewayEndpointsPerRegion: 20, interfaceEndpointsPerVpc: 50, networkLoadBalancersPerRegion: 50, runningOnDemandStandardVcpus: 4 * n + 1 };
  const world = { schema: 1, accountId: "000000000000", seq: 0, quotas, iamRoles: {}, instanceProfiles: {}, regions: {} };
  mkdirSync(dirname(legacyFile), { recursive: true });
  writeFileSync(legacyFile, JSON.stringify(world));
}

/** `n` participants at once on one sandbox account; each must finish with nothing made twice. */
export async function sharedAccount(n) {
  const me = freshHome({ PRIVATELINK_LAB_SANDBOX_SPEED: "0.002" });
  await roomFor(me.legacyFile, n);
  const prefixes = Array.from({ length: n }, (_, i) => `room${i}-x`);
  const runs = await Promise.all(prefixes.map((p) => runCli(me, lesson(p))));
  const dups = prefixes.flatMap((p) => duplicates(census(me.sandboxFile, p)));
  const failed = runs.filter((r) => r.code !== 0);
  return { name: `${n} participants on one sandbox account`, ok: failed.length === 0 && dups.length === 0 && !runs.some((r) => r.hung), detail: `exits ${runs.map((r) => r.code).join("/")}${dups.length ? ", duplicates " + dups.join(" ") : ""}` };
}

/** A lock left by a SIGKILLed process is taken over at once, saying so. */
export async function deadOwner() {
  const me = freshHome({ PRIVATELINK_LAB_SANDBOX_SPEED: "0.002" });
  const first = await runCli(me, lesson("dead-x"), { killWhen: (ev) => (ev.type === "step-started" && ev.step === "deploy" ? "SIGKILL" : undefined) });
  const t0 = Date.now();
  const again = await runCli(me, ["status", "--sandbox", "--prefix", "dead-x"]);
  const rerun = await runCli(me, lesson("dead-x"));
  const said = again.events.some((e) => /ended without finishing/.test(String(e.message)));
  return { name: "lock of a killed process", ok: Boolean(first.killedWith) && again.code === 0 && rerun.code === 0 && said, detail: `status ${again.code} in ${Date.now() - t0} ms, rerun ${rerun.code}${said ? ", says it took over" : ""}` };
}
