/**
 * A fuzz run: 1,200 random requests (seeded, so a failure replays) against a served sandbox that
 * holds a finished lab — garbage and unsigned requests, wrongly signed changes, and validly signed
 * reads whose inputs are random values of the operation's own model (the SDK writes them on the
 * wire) or random form keys. Every one gets an HTTP answer that is not a 5xx (or a closed
 * connection), the account is unchanged at the end, and the server still answers.
 */
import { NormalizedSchema } from "@smithy/core/schema";
import { afterAll, beforeAll, expect, it } from "vitest";
import { isDeepStrictEqual } from "node:util";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import { operationsOf, SERVICE_MODELS, type OperationSchema } from "../../src/sandbox/serve/models.js";
import { serveSandbox, type ServedSandbox } from "../../src/sandbox/serve/server.js";
import { buildLab } from "../helpers/built-lab.js";
import { send, sign, type RawAnswer } from "../helpers/raw-aws-request.js";
import { servedClients } from "../helpers/served-clients.js";

const REGION = "ap-northeast-1";
const RUNS = 1_200;

let seed = 20261206;
const rnd = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const STRINGS = ["", "vpc-0123456789abcdef0", "sg-1", "i-00000000", "*", "alice-consumer", "日本語", "<a>&\"'", "a".repeat(3000), "%ZZ", "..", "__proto__", "constructor", "true", "-1", "1e999", "Name", " spaced out "];
const randomString = (): string => (rnd() < 0.8 ? pick(STRINGS) : Array.from({ length: Math.floor(rnd() * 40) }, () => String.fromCharCode(32 + Math.floor(rnd() * 0x2fd0))).join(""));

/** A random value of the schema's shape (most members left out, lists short). */
function randomValue(schema: unknown, depth = 0): unknown {
  const ns = NormalizedSchema.of(schema as never);
  if (depth > 6) return undefined;
  if (ns.isStructSchema()) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) if (rnd() < 0.4) out[name] = randomValue(member, depth + 1);
    return out;
  }
  if (ns.isListSchema()) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(ns.getValueSchema(), depth + 1));
  if (ns.isMapSchema()) return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 3) }, () => [randomString(), randomValue(ns.getValueSchema(), depth + 1)]));
  if (ns.isBooleanSchema()) return rnd() < 0.5;
  if (ns.isNumericSchema()) return pick([0, -1, 1, 80, 65536, 2 ** 31, Number.MAX_SAFE_INTEGER]);
  if (ns.isTimestampSchema()) return new Date(pick([0, 1e12, 1.8e12, -1e12]));
  if (ns.isBlobSchema()) return new Uint8Array([1, 2, 3]);
  return randomString();
}

const randomForm = (): string =>
  Array.from({ length: Math.floor(rnd() * 8) }, () => {
    const key = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => pick(["Filter", "1", "Name", "Value", "member", "entry", "key", "999999", "0", "Tags", "VpcId", "__proto__", "", "%41"])).join(".");
    return `${key}=${encodeURIComponent(randomString())}`;
  }).join("&");

let served: ServedSandbox;
const crashes: string[] = [];
let sandbox: Sandbox;

beforeAll(async () => {
  const lab = await buildLab();
  sandbox = new Sandbox({ store: new MemoryStore(lab.world), speed: 0 });
  served = await serveSandbox({ sandbox, requestTimeoutMs: 2_000, onInternalError: (err, op) => crashes.push(`${op}: ${String((err as Error).stack).split("\n").slice(0, 3).join(" | ")}`) });
}, 120_000);

afterAll(async () => {
  await served?.close();
});

it(`${RUNS} random requests leave the account as it was and the server up`, { timeout: 300_000 }, async () => {
  const before = sandbox.store.snapshot();
  const models = Object.values(SERVICE_MODELS);
  const ops = new Map<string, [string, OperationSchema][]>();
  for (const m of models) ops.set(m.service, [...(await operationsOf(m)).entries()].map(([name, op]) => [name, op.schema]));
  const statuses = new Map<number, number>();
  const count = (status: number): void => void statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const answered = (a: RawAnswer | Error): void => count(a instanceof Error ? 0 : a.status);

  for (let i = 0; i < RUNS; i++) {
    const model = pick(models);
    const [name, schema] = pick(ops.get(model.service)!);
    const kind = rnd();
    const json = model.protocol === "awsJson1_1";
    if (kind < 0.3) {
      // Garbage: any method and path, an Authorization header that is not one, random bodies.
      const headers: Record<string, string> = { "content-type": pick(["application/x-www-form-urlencoded", "application/x-amz-json-1.1", "text/plain"]) };
      if (rnd() < 0.5) headers["x-amz-target"] = pick(["AmazonSSM." + name, "Nope.Nope", "", "AmazonSSM"]);
      if (rnd() < 0.5) headers.authorization = pick(["AWS4-HMAC-SHA256", "Bearer x", `AWS4-HMAC-SHA256 Credential=${served.credentials.accessKeyId}/20260101/${REGION}/ec2/aws4_request, SignedHeaders=host, Signature=${"0".repeat(64)}`]);
      const body = rnd() < 0.5 ? `Action=${name}&${randomForm()}` : JSON.stringify(randomValue(schema[4]));
      answered(await send(served.url, { method: pick(["POST", "GET", "PUT", "DELETE"]), path: pick(["/", "/?Action=" + name, "/x/../y", "/?%ZZ"]), headers, body }, 5_000).catch((e: Error) => e));
    } else if (kind < 0.55) {
      // A change, signed with the wrong secret.
      const creds = { accessKeyId: served.credentials.accessKeyId, secretAccessKey: "wrong", region: REGION, service: model.signingName };
      const body = json ? JSON.stringify(randomValue(schema[4])) : `Action=${name}&Version=2016-11-15&${randomForm()}`;
      const headers: Record<string, string> = json ? { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${model.targetPrefix}.${name}` } : { "content-type": "application/x-www-form-urlencoded" };
      answered(await send(served.url, await sign(served.url, { headers, body }, creds), 5_000).catch((e: Error) => e));
    } else {
      // A validly signed read (Describe/Get/List) with random input or random form keys.
      const reads = ops.get(model.service)!.filter(([n]) => /^(Describe|Get|List)/.test(n));
      const [readName, readSchema] = pick(reads);
      if (rnd() < 0.5 && !json) {
        const creds = { ...served.credentials, region: REGION, service: model.signingName };
        answered(await send(served.url, await sign(served.url, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: `Action=${readName}&${randomForm()}` }, creds), 5_000).catch((e: Error) => e));
      } else {
        const clients = servedClients(served, REGION, 1) as unknown as Record<string, { send: (c: object) => Promise<unknown> }>;
        const key = { ec2: "ec2", cloudformation: "cfn", elbv2: "elbv2", ssm: "ssm", sts: "sts", iam: "iam", servicequotas: "quotas" }[model.service];
        const classes = await model.commands();
        // By the operation its schema names (sdk-commands.ts renames EC2's DescribeTagsCommand beside ELBv2's).
        const Cmd = Object.values(classes).find((C) => (new (C as new (i: object) => { schema: OperationSchema })({}).schema[2] === readName)) as new (input: unknown) => object;
        try {
          await clients[key]!.send(new Cmd(randomValue(readSchema[4])));
          count(200);
        } catch (err) {
          count((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? -1);
        }
      }
    }
  }
  expect(crashes).toEqual([]);
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  expect(total).toBe(RUNS);
  expect([...statuses.keys()].filter((s) => s >= 500 || s === -1), JSON.stringify(Object.fromEntries(statuses))).toEqual([]);
  expect(isDeepStrictEqual(sandbox.store.snapshot(), before), "the account changed").toBe(true);
  const who = await servedClients(served, REGION, 1).sts.send(new (await import("@aws-sdk/client-sts")).GetCallerIdentityCommand({}));
  expect(who.Account).toBe("000000000000");
});
