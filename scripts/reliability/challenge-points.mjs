// Challenge kill points: every mutating call of every challenge's `start`, `give-up` and `fix`, with
// the process killed just before the call (`before: kill`), just after it (`after: kill`, before the
// tool can write anything), and with its answer lost (`after: lose`, retried by the SDK); then the
// same command again. Measured: the build ends in the intended state (broken as the challenge
// breaks it and recorded, or working and recorded as given up), `diagnose` agrees, nothing is
// made twice, nothing of the build is deleted.
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { census } from "./world.mjs";
import { freshHome, readJson, runCli } from "./run.mjs";

/** Each challenge's link (lessons/privatelink/challenges/index.yml) and the links its half-done repair shows. */
export const CHALLENGES = {
  "silent-door": { links: ["endpoint-sg"] },
  "turned-away": { links: ["service-acceptance", "endpoint", "dns-name"] },
  "wrong-number": { links: ["nlb-listener"] },
  "empty-house": { links: ["target-group"] },
  "back-door": { links: ["provider-sg"] },
  "no-way-out": { links: ["consumer-sg-egress"] },
};

/**
 * The mutating calls each command makes, in order (as test/challenge/resume.test.ts enumerates
 * them in process). `fix` with no one to ask changes nothing and proves with curl: SendCommand.
 */
export const CALLS = {
  start: {
    "silent-door": ["RevokeSecurityGroupIngress", "CreateTags"],
    "turned-away": ["RejectVpcEndpointConnections", "CreateTags"],
    "wrong-number": ["ModifyListener", "CreateTags"],
    "empty-house": ["DeregisterTargets", "CreateTags"],
    "back-door": ["RevokeSecurityGroupIngress", "CreateTags"],
    "no-way-out": ["AuthorizeSecurityGroupEgress", "RevokeSecurityGroupEgress", "CreateTags"],
  },
  "give-up": {
    "silent-door": ["AuthorizeSecurityGroupIngress", "CreateTags"],
    "turned-away": ["DeleteVpcEndpoints", "CreateVpcEndpoint", "AcceptVpcEndpointConnections", "CreateTags"],
    "wrong-number": ["ModifyListener", "CreateTags"],
    "empty-house": ["RegisterTargets", "CreateTags"],
    "back-door": ["AuthorizeSecurityGroupIngress", "CreateTags"],
    "no-way-out": ["AuthorizeSecurityGroupEgress", "CreateTags"],
  },
  fix: Object.fromEntries(Object.keys(CHALLENGES).map((id) => [id, ["SendCommand"]])),
};

const FAULT_KINDS = [
  { name: "SIGKILL before", fault: (command) => ({ command, before: "kill" }) },
  { name: "SIGKILL after", fault: (command) => ({ command, after: "kill" }) },
  { name: "answer lost", fault: (command) => ({ command, after: "lose" }) },
];

export function challengePoints() {
  const points = [];
  for (const [action, byId] of Object.entries(CALLS)) {
    for (const [id, calls] of Object.entries(byId)) {
      for (const command of calls) for (const kind of FAULT_KINDS) points.push({ id, action, command, kind: kind.name, fault: kind.fault(command) });
    }
  }
  return points;
}

export const describeChallengePoint = (p) => `${p.id} ${p.action}: ${p.command} · ${p.kind}`;

const PREFIX = "chal-x";
const common = ["--sandbox", "--json", "--prefix", PREFIX];

/** One finished build (every step up to the quiz), copied for each point. */
let built;
export async function challengeBase() {
  built ??= (async () => {
    const me = freshHome();
    const r = await runCli(me, ["--sandbox", "--yes", "--json", "--prefix", PREFIX], { killWhen: (ev) => (ev.type === "step-started" && ev.step === "review" ? "SIGKILL" : undefined) });
    if (r.hung || !r.killedWith) throw new Error(`the build for the challenge points did not reach the quiz (exit ${r.code})`);
    return me;
  })();
  return built;
}

function copyOf(base) {
  const home = mkdtempSync(join(tmpdir(), "pll-chal-"));
  cpSync(base.home, home, { recursive: true });
  const me = freshHome();
  const env = { ...me.env, HOME: home, XDG_STATE_HOME: join(home, "state") };
  return { home, env, stateDir: join(home, "state", "privatelink-lab"), sandboxFile: join(home, "state", "privatelink-lab", "sandbox", "account.json") };
}

const kinds = (c) => Object.fromEntries(Object.entries({ stacks: c.liveWhat.filter((w) => w.startsWith("stack:")).length, other: c.liveWhat.filter((w) => !w.startsWith("vpcEndpoints:")).length }));

/** Runs one point; returns what was measured. */
export async function runChallengePoint(p) {
  const me = copyOf(await challengeBase());
  const result = { point: describeChallengePoint(p), recovered: false, diagnoseAgrees: false, duplicates: [], deleted: [], hung: false, notes: [] };
  const before = census(me.sandboxFile, PREFIX);
  if (p.action !== "start") {
    const s = await runCli(me, ["challenge", "start", p.id, ...common]);
    if (s.code !== 0) result.notes.push(`setup start exit ${s.code}`);
  }
  const args = p.action === "start" ? ["challenge", "start", p.id, ...common] : ["challenge", p.action, ...common];
  const faulty = await runCli(me, args, { env: { PRIVATELINK_LAB_SANDBOX_FAULTS: JSON.stringify([p.fault]) } });
  result.hung ||= faulty.hung;
  if (p.kind.startsWith("SIGKILL") && faulty.signal !== "SIGKILL") result.notes.push(`not killed (exit ${faulty.code})`);
  const wantBroken = p.action !== "give-up";
  const expectedExit = p.action === "fix" ? 1 : 0;
  const expectedStatus = p.action === "start" ? "started" : p.action === "fix" ? "broken" : "given-up";
  const ended = (r) => [...r.events].reverse().find((e) => e.type === "challenge");
  // A run whose lost answer the SDK retried may have finished: the command is not run again then
  // (a second give-up after a finished one rightly says no challenge is in progress).
  const finished = faulty.code === expectedExit && ended(faulty)?.status === expectedStatus;
  const rerun = finished ? faulty : await runCli(me, args);
  result.hung ||= rerun.hung;
  const last = ended(rerun);
  if (rerun.code !== expectedExit || last?.status !== expectedStatus) {
    result.notes.push(`rerun exit ${rerun.code}, ${last?.status ?? "no challenge event"}: ${(rerun.events.find((e) => e.type === "error")?.message ?? rerun.stderr).toString().split("\n")[0]}`);
  }
  const progress = readJson(join(me.stateDir, "participants", `${PREFIX}.json`));
  const recorded = wantBroken ? progress?.challenges?.active?.id === p.id : progress?.challenges?.gaveUp?.[p.id] !== undefined && !progress?.challenges?.active;
  if (!recorded) result.notes.push(`progress file: ${JSON.stringify(progress?.challenges ?? null)}`);
  const diag = await runCli(me, ["diagnose", ...common]);
  const d = diag.events.find((e) => e.type === "diagnosis");
  result.diagnoseAgrees = wantBroken ? d?.ok === false && CHALLENGES[p.id].links.includes(d?.first?.id) : d?.ok === true;
  if (!result.diagnoseAgrees) result.notes.push(`diagnose: ${d?.ok ? "ok" : d?.first?.id}`);
  result.recovered = rerun.code === expectedExit && last?.status === expectedStatus && recorded && result.diagnoseAgrees && !result.hung;
  const after = census(me.sandboxFile, PREFIX);
  // One endpoint more at most: give-up of turned-away replaces the rejected one.
  const extra = after.ever.endpoints - before.ever.endpoints;
  if (extra > (p.action === "give-up" && p.id === "turned-away" ? 1 : 0)) result.duplicates.push(`endpoints +${extra}`);
  if (after.ever.stacks !== before.ever.stacks || after.ever.services !== before.ever.services || after.ever.endpointSgs !== before.ever.endpointSgs) result.duplicates.push("stack/service/group made again");
  const liveEndpoints = after.liveWhat.filter((w) => w.startsWith("vpcEndpoints:")).length - before.liveWhat.filter((w) => w.startsWith("vpcEndpoints:")).length;
  const [k0, k1] = [kinds(before), kinds(after)];
  if (k1.stacks < k0.stacks || k1.other < k0.other || liveEndpoints < 0) result.deleted.push(`live ${before.live} → ${after.live}`);
  return result;
}
