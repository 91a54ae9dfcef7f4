/**
 * The whole real-AWS path, offline: the built CLI, pointed with --endpoint-url (and credentials in
 * the environment) at `sandbox serve` — the built CLI too, in another process — and NOT at
 * --sandbox. Real HTTP, the SDK's own serializers and signing, the AWS backend's code: the whole
 * lesson (--yes --json), then a second build step by step, status, diagnose, every challenge
 * (start, check fails, the learner's fix through the SDK with no tool tags, check passes) and
 * destroy, with nothing left.
 */
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { DescribeVpcEndpointServiceConfigurationsCommand, DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { ListStacksCommand } from "@aws-sdk/client-cloudformation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadChallenges } from "../../src/challenge/definitions.js";
import { freshLearner, runCli, spawnServe, type CliEnv } from "../helpers/cli-process.js";
import { CHALLENGE_FIXES } from "../helpers/challenge-fixes.js";
import { servedClients } from "../helpers/served-clients.js";
import { readLearnerPathOver } from "../helpers/learner-path-over.js";

const REGION = "ap-northeast-1";
let server: ChildProcess;
let served: { url: string; credentials: { accessKeyId: string; secretAccessKey: string } };
let me: CliEnv;

beforeAll(async () => {
  const host = freshLearner();
  const started = await spawnServe(host.env);
  server = started.server;
  const event = started.event;
  expect(event.type).toBe("sandbox-served");
  expect(event.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  served = { url: event.url, credentials: { accessKeyId: event.accessKeyId, secretAccessKey: event.secretAccessKey } };
  const learner = freshLearner();
  // The AWS backend, as on a real account: credentials from the environment, no AWS files.
  me = freshLearner({
    HOME: learner.home,
    XDG_STATE_HOME: join(learner.home, "state"),
    AWS_ACCESS_KEY_ID: served.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: served.credentials.secretAccessKey,
    AWS_REGION: REGION,
    AWS_CONFIG_FILE: join(learner.home, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(learner.home, "no-credentials"),
  });
  delete me.env.PRIVATELINK_LAB_SANDBOX_SPEED;
}, 60_000);

afterAll(() => {
  server?.kill("SIGTERM");
});

const cli = (args: string[]) => runCli(me, [...args, "--endpoint-url", served.url]);
const events = (stdout: string) => stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });

describe("the built CLI against a served sandbox (--endpoint-url)", () => {
  it("runs the whole lesson --yes --json through the AWS clients (--endpoint-url), named a sandbox (its PLLAB key is never billed)", { timeout: 180_000 }, () => {
    const run = cli(["--yes", "--json", "--prefix", "alice"]);
    expect(run.status, run.stderr + run.stdout.slice(-2000)).toBe(0);
    const ev = events(run.stdout);
    expect(ev.find((e) => e.type === "lesson-started")).toMatchObject({ backend: "sandbox", region: REGION });
    expect(ev.filter((e) => e.type === "curl-result").every((e) => e.ok === true)).toBe(true);
    expect(ev.find((e) => e.type === "lesson-finished")).toMatchObject({ cleanedUp: true });
  });

  it("builds again step by step, reports status and diagnose, solves every challenge, destroys everything", { timeout: 300_000 }, async () => {
    for (const step of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl"]) {
      const r = cli(["step", step, "--yes", "--prefix", "bob"]);
      expect(r.status, `${step}: ${r.stderr}`).toBe(0);
    }
    const status = cli(["status", "--json", "--prefix", "bob"]);
    expect(status.status, status.stderr).toBe(0);
    expect((events(status.stdout).find((e) => e.type === "status")!.resources as unknown[]).length).toBeGreaterThan(0);
    const diag = cli(["diagnose", "--json", "--prefix", "bob"]);
    expect(diag.status, diag.stdout).toBe(0);

    const clients = servedClients(served, REGION);
    for (const c of loadChallenges("privatelink")) {
      const started = cli(["challenge", "start", c.id, "--prefix", "bob"]);
      expect(started.status, `${c.id} start: ${started.stderr}`).toBe(0);
      expect(cli(["challenge", "check", "--prefix", "bob"]).status, `${c.id} check before the fix`).toBe(1);
      await CHALLENGE_FIXES[c.id]!(clients, await readLearnerPathOver(clients, REGION, "bob"));
      const check = cli(["challenge", "check", "--prefix", "bob"]);
      expect(check.status, `${c.id} check after the fix: ${check.stdout}${check.stderr}`).toBe(0);
    }

    const destroyed = cli(["destroy", "--yes", "--json", "--prefix", "bob"]);
    expect(destroyed.status, destroyed.stderr).toBe(0);
    const stacks = (await clients.cfn.send(new ListStacksCommand({}))).StackSummaries!.filter((s) => s.StackStatus !== "DELETE_COMPLETE");
    expect(stacks).toEqual([]);
    expect((await clients.ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints).toEqual([]);
    expect((await clients.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}))).ServiceConfigurations).toEqual([]);
  });
});
