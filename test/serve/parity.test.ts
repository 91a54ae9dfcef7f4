/**
 * Same answers in and out of process. Two sandboxes start from the same (empty) account and the
 * same clock, and draw the same random ids (Math.random is seeded per command, identically on both
 * sides). Every command the product sends — the whole lesson, status, diagnose, each challenge
 * (start, check, the learner's fix, give-up), destroy — goes to the first in process, as
 * `--sandbox` does, and the same request goes to the second over HTTP through real SDK clients
 * (endpoint set, SigV4 signed). Outputs must be deep-equal, errors must carry the same code and
 * HTTP status, and at the end both accounts must be the same.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isDeepStrictEqual } from "node:util";
import { createSandboxClients, type AwsClients } from "../../src/aws/clients.js";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { loadChallenges } from "../../src/challenge/definitions.js";
import { checkChallenge, giveUp, startChallenge } from "../../src/challenge/run.js";
import { destroy } from "../../src/commands/destroy.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { start } from "../../src/commands/start.js";
import { status } from "../../src/commands/status.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { allHandlers } from "../../src/sandbox/handlers/index.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import { serveSandbox, type ServedSandbox } from "../../src/sandbox/serve/server.js";
import { CHALLENGE_FIXES } from "../helpers/challenge-fixes.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { servedClients } from "../helpers/served-clients.js";
import { extraCalls } from "./parity-extra-calls.js";
import { seededRandom } from "../../scripts/seeded-random.mjs";


// The same seed gives the same ids on both sides.
let draw = seededRandom(1);
/** Each command on a sandbox draws its ids from its own numbered seed. */
function lockstep(sandbox: Sandbox): void {
  let n = 0;
  const call = sandbox.call.bind(sandbox);
  sandbox.call = (service, command, input, region) => {
    draw = seededRandom(++n);
    return call(service, command, input, region);
  };
}

/** Values as a reader sees them: dates as instants, bytes as base64, no undefined members. */
function plain(v: unknown): unknown {
  if (v instanceof Date) return `date:${v.toISOString()}`;
  if (v instanceof Uint8Array) return `bytes:${Buffer.from(v).toString("base64")}`;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && k !== "$metadata") out[k] = plain(x);
    return out;
  }
  return v;
}

interface Mismatch {
  op: string;
  local: unknown;
  served: unknown;
}

const KEYS = ["ec2", "cfn", "elbv2", "ssm", "sts", "iam", "quotas"] as const;

interface Sendable {
  send: (command: object, ...rest: unknown[]) => Promise<unknown>;
}

/** In-process clients whose every command is also sent over HTTP, and the two answers compared. */
function tee(local: AwsClients, served: ReturnType<typeof servedClients>, seen: Map<string, number>, mismatches: Mismatch[]): AwsClients {
  for (const key of KEYS) {
    const client = local[key] as unknown as Sendable;
    const remote = served[key] as unknown as Sendable;
    const send = client.send.bind(client);
    client.send = async (command: object, ...rest: unknown[]) => {
      const Ctor = command.constructor as new (input: unknown) => object;
      const input = structuredClone((command as { input: unknown }).input);
      const op = `${key}:${Ctor.name.replace(/Command$/, "")}`;
      let a: unknown, aErr: unknown, b: unknown, bErr: unknown;
      try {
        a = await send(command, ...rest);
      } catch (err) {
        aErr = err;
      }
      try {
        b = await remote.send(new Ctor(input));
      } catch (err) {
        bErr = err;
      }
      const outcome = (v: unknown, err: unknown) =>
        err ? { error: (err as Error).name, status: (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode } : plain(v);
      const left = outcome(a, aErr);
      const right = outcome(b, bErr);
      const key2 = op + (aErr ? ` ✗${(aErr as Error).name}` : "");
      seen.set(key2, (seen.get(key2) ?? 0) + 1);
      if (!isDeepStrictEqual(left, right)) mismatches.push({ op, local: left, served: right });
      if (aErr) throw aErr;
      return a;
    };
  }
  return local;
}

let h: Harness;
let remoteSandbox: Sandbox;
let served: ServedSandbox;
const seen = new Map<string, number>();
const mismatches: Mismatch[] = [];

beforeAll(async () => {
  vi.spyOn(Math, "random").mockImplementation(() => draw());
  h = harness();
  remoteSandbox = new Sandbox({ store: new MemoryStore(), clock: h.clock, speed: 0 });
  lockstep(h.sandbox);
  lockstep(remoteSandbox);
  served = await serveSandbox({ sandbox: remoteSandbox });
  h.env.makeClients = async (state) => tee(await createSandboxClients(h.sandbox, state.region), servedClients(served, state.region), seen, mismatches);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await served?.close();
});

describe("the served sandbox answers as the in-process one", () => {
  it("for the whole lesson, status, diagnose, every challenge and destroy", { timeout: 240_000 }, async () => {
    await start(h.opts, h.env);
    // Built again up to a working curl, for the challenges.
    const s = await openSession(h.opts, h.env);
    const ctx = await lessonContext(h.opts, h.env, s, false);
    for (const step of STEPS) {
      await step.perform(ctx, await readCloud(ctx.clients, ctx.names));
      if (step.id === "curl") break;
    }
    await status(h.opts, h.env);
    await diagnose(ctx);
    for (const c of loadChallenges("privatelink")) {
      await startChallenge(ctx, c.id);
      expect(await checkChallenge(ctx)).toBe(false);
      await CHALLENGE_FIXES[c.id]!(ctx.clients, await readLearnerPath(ctx));
      expect(await checkChallenge(ctx), c.id).toBe(true);
      await startChallenge(ctx, c.id);
      await giveUp(ctx);
    }
    await extraCalls(ctx.clients, await readLearnerPath(ctx), ctx.names.consumerStack);
    await destroy(h.opts, h.env);

    // (one of each: the first differences say what is wrong)
    const firsts = [...new Map(mismatches.map((m) => [m.op, m])).values()];
    expect(firsts).toEqual([]);
    expect(isDeepStrictEqual(h.sandbox.store.snapshot(), remoteSandbox.store.snapshot()), "the two accounts differ").toBe(true);
  });

  it("covered every operation the sandbox answers, with errors among them", () => {
    const ops = new Set([...seen.keys()].map((k) => k.split(" ")[0]!.split(":")[1]));
    const missing = Object.values(allHandlers).flatMap((t) => Object.keys(t).map((c) => c.replace(/Command$/, ""))).filter((c) => !ops.has(c));
    expect(missing).toEqual([]);
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
    expect([...seen.keys()].filter((k) => k.includes("✗")).length).toBeGreaterThanOrEqual(8);
  });
});
