/**
 * A whole room in the sandbox, in seconds: N participants left at mixed points of the lesson, each built by the
 * lesson's own steps as if started minutes ago, so `workshop status` has real times and `workshop cleanup` real work.
 */
import { createSandboxClients } from "../aws/clients.js";
import { LabError } from "../errors.js";
import { ourEndpoint, ourService, readCloud } from "../lesson/cloud-view.js";
import type { LessonContext } from "../lesson/context.js";
import { STEPS } from "../lesson/steps/index.js";
import type { Clock } from "../sandbox/clock.js";
import { Sandbox } from "../sandbox/middleware.js";
import { MemoryStore } from "../sandbox/store.js";
import { emptyWorld, regionOf, type World } from "../sandbox/world.js";
import { fitQuotas } from "./room/quotas.js";
import { actAs, type Facilitator } from "./facilitator.js";
import { QuietHost } from "./quiet-host.js";
import { awsPort } from "../aws/port.js";

interface Profile {
  outcome: string;
  /** The last step performed. */
  through: string;
  minutesAgo: number;
}

/** The room's mix, in the order participants get it (a small room still sees most of it). */
const MIX = [
  { outcome: "finished", through: "curl", minutesAgo: 45 },
  { outcome: "waiting-acceptance", through: "allow-http", minutesAgo: 8 },
  { outcome: "deploy-failed", through: "deploy", minutesAgo: 15 },
  { outcome: "creating-endpoint", through: "endpoint-service", minutesAgo: 12 },
  { outcome: "endpoint-rejected", through: "allow-http", minutesAgo: 20 },
  { outcome: "stuck-on-http", through: "interface-endpoint", minutesAgo: 40 },
  { outcome: "deploying", through: "deploy", minutesAgo: 2 },
  { outcome: "creating-service", through: "tour", minutesAgo: 10 },
  { outcome: "finished-curl", through: "curl", minutesAgo: 35 },
  { outcome: "stuck-on-service", through: "tour", minutesAgo: 55 },
] as const satisfies readonly Profile[];

type Outcome = (typeof MIX)[number]["outcome"];

export interface Rehearsed {
  prefix: string;
  outcome: Outcome;
}

class StopWaiting extends Error {}

/** A participant's scratch account, seen `minutesAgo` earlier, at instant speed; `vcpus`: its vCPU quota. */
async function scratch(f: Facilitator, prefix: string, profile: Profile, vcpus: number): Promise<{ sandbox: Sandbox; ctx: LessonContext }> {
  const deploying = profile.outcome === "deploying";
  const clock: Clock = {
    now: () => f.clock.now() - profile.minutesAgo * 60_000,
    sleep: (ms) => (deploying ? Promise.reject(new StopWaiting()) : f.clock.sleep(ms)),
  };
  const world = emptyWorld();
  fitQuotas(world, 1);
  world.quotas.runningOnDemandStandardVcpus = vcpus;
  // A deploy in progress runs at AWS's own pace and is left to finish on its own.
  const sandbox = new Sandbox({ store: new MemoryStore(world), clock, speed: deploying ? 1 : 0 });
  const clients = await createSandboxClients(sandbox, f.region);
  return { sandbox, ctx: { ...actAs(f, prefix, new QuietHost(f.lang), { clients, clock }), pollMs: 0 } };
}

/** Performs the lesson's steps from `from` through `through`, each on a fresh read of the cloud. */
async function performSteps(ctx: LessonContext, from: string, through: string): Promise<void> {
  const ids = STEPS.map((s) => s.id);
  for (const step of STEPS.slice(ids.indexOf(from), ids.indexOf(through) + 1)) {
    await step.perform(ctx, await readCloud(ctx.clients, ctx.names));
  }
}

async function rejectEndpoint(ctx: LessonContext): Promise<void> {
  const view = await readCloud(ctx.clients, ctx.names);
  const svc = ourService(view);
  const ep = ourEndpoint(view);
  if (svc && ep) await awsPort(ctx.clients).ec2.rejectVpcEndpointConnections({ ServiceId: svc.id, VpcEndpointIds: [ep.id] });
}

/** Builds one participant in a scratch account; returns that account's world. */
async function build(f: Facilitator, prefix: string, profile: Profile, az: string | undefined): Promise<{ world: World; az?: string }> {
  const failing = profile.outcome === "deploy-failed";
  const { sandbox, ctx } = await scratch(f, prefix, profile, failing ? 0 : 64);
  // Preflight leaves nothing in the cloud; once it chose the zone, the others take the same one.
  if (az) ctx.state.az = az;
  else await performSteps(ctx, "preflight", "preflight");
  try {
    await performSteps(ctx, "deploy", failing ? "deploy" : profile.through);
  } catch (e) {
    // Expected: a deploy into an account with no vCPU left (a room that outgrew its quota) rolls both stacks back; one left running stops waiting.
    const expected = failing ? e instanceof LabError && e.key === "error.stackFailed" : profile.outcome === "deploying" && e instanceof StopWaiting;
    if (!expected) throw e;
  }
  if (profile.outcome === "endpoint-rejected") await rejectEndpoint(ctx);
  return { world: sandbox.store.snapshot(), ...(ctx.state.az ? { az: ctx.state.az } : {}) };
}

type Tables = Record<string, Record<string, unknown>>;

const isTable = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Moves what a scratch account built into the room's (building in a big room's account is slow: the sandbox copies its
 * world on every call). Every table is keyed by a unique id or name, so moving is adding entries.
 */
function mergeWorld(into: World, part: World): void {
  into.seq = Math.max(into.seq, part.seq);
  const target = into as unknown as Tables;
  for (const [key, value] of Object.entries(part)) {
    if (key === "regions" || key === "quotas" || !isTable(value)) continue;
    target[key] = { ...(target[key] ?? {}), ...value };
  }
  for (const [region, tables] of Object.entries(part.regions)) {
    const rw = regionOf(into, region) as unknown as Tables;
    for (const [name, entries] of Object.entries(tables as unknown as Tables)) {
      if (isTable(entries)) rw[name] = { ...(rw[name] ?? {}), ...entries };
    }
  }
}

/** Builds the room one participant at a time; `already`: participants the account holds before. */
export async function rehearse(f: Facilitator, prefixes: string[], already = 0, onDone?: (r: Rehearsed, done: number) => void): Promise<Rehearsed[]> {
  const room = f.clients.sandbox;
  if (!room) throw new LabError("workshop.usage.sandboxOnly");
  room.store.transact((w) => fitQuotas(w, already + prefixes.length + 1));
  const out: Rehearsed[] = [];
  let az: string | undefined;
  for (const [i, prefix] of prefixes.entries()) {
    const profile = MIX[i % MIX.length]!;
    const built = await build(f, prefix, profile, az);
    az ??= built.az;
    room.store.transact((w) => mergeWorld(w, built.world));
    out.push({ prefix, outcome: profile.outcome });
    onDone?.(out.at(-1)!, out.length);
  }
  return out;
}
