/**
 * A workshop room, end to end, with the built CLI as processes: the facilitator serves a room of
 * three; each learner joins by the line on their own handout sheet, in their own environment
 * (HOME, XDG dirs), and works through `npx privatelink-lab` in that shell, at their own pace, at
 * the same time; the facilitator's `workshop status --json` sees each at their step. A learner's
 * attempt to delete another's endpoint (the real AWS CLI, and the SDK) gets AWS's refusal and
 * changes nothing. The server killed with SIGKILL and started again keeps every answered change,
 * and the learners' next commands just work.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DeleteStackCommand, CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, freshLearner, runCli } from "../helpers/cli-process.js";
import { awsExecutable, runScript, shellBlocks } from "../helpers/aws-cli.js";

const REGION = "ap-northeast-1";
type Learner = ReturnType<typeof freshLearner>;
interface Served {
  url: string;
  dir: string;
  participants: string[];
  facilitator: { join: string; accessKeyId: string; secretAccessKey: string; token: string; page: string };
  quotas: { code: string; value: number }[];
}

let facilitator: Learner;
let server: ChildProcess;
let served: Served;
const aws = awsExecutable();
/** A folder with an `npx` that runs the built CLI for `npx privatelink-lab …` (as npm would). */
const tools = mkdtempSync(join(tmpdir(), "pll-npx-"));
writeFileSync(join(tools, "npx"), `#!/bin/sh\nif [ "$1" = privatelink-lab ]; then shift; exec "${process.execPath}" "${BIN}" "$@"; fi\necho "npx: only privatelink-lab here" >&2; exit 127\n`);
chmodSync(join(tools, "npx"), 0o755);

function startServer(args: string[]): Promise<{ proc: ChildProcess; event: Served }> {
  const proc = spawn(process.execPath, [BIN, "workshop", "serve", "--json", ...args], { env: facilitator.env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve({ proc, event: JSON.parse(out.split("\n")[0]!) as Served });
    });
    proc.on("exit", (code) => reject(new Error(`workshop serve ended (${code}): ${err}`)));
  });
}

/** A learner's own shell: only PATH (npx, node, aws), their HOME and XDG dirs, and what their lines export. */
function shellEnv(l: Learner): NodeJS.ProcessEnv {
  return {
    PATH: `${tools}:${dirname(process.execPath)}:${dirname(aws)}:/usr/bin:/bin`,
    HOME: l.home,
    XDG_STATE_HOME: l.env.XDG_STATE_HOME,
    XDG_CACHE_HOME: l.env.XDG_CACHE_HOME,
    LANG: "en_US.UTF-8",
    PRIVATELINK_LAB_NO_AWS: "1",
    AWS_CONFIG_FILE: join(l.home, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(l.home, "no-credentials"),
  };
}

/** Runs `body` in a learner's shell after `prelude` (their pasted join line, or their saved exports); saves the shell's AWS_ exports. */
async function inShell(l: Learner, prelude: string, body: string) {
  const saved = join(l.home, "exports.sh");
  const script = `set -e\n${prelude}\nexport -p | grep ' AWS_' > ${saved}\n${body}`;
  return runScript(script, shellEnv(l));
}
const again = (l: Learner): string => `. ${join(l.home, "exports.sh")}`;

interface StatusDoc {
  backend: string;
  totals: { participants: number; notStarted: number; perHourUsd: number; costSoFarUsd: number };
  participants: { prefix: string; phase: string; step: string; finished: boolean; perHourUsd: number; costSoFarUsd: number }[];
}
let lastStatus: StatusDoc | undefined;

async function status(): Promise<Map<string, { phase: string; step: string; finished: boolean }>> {
  const r = await runScript(`set -e\n${served.facilitator.join}\nnpx privatelink-lab workshop status --json`, shellEnv(facilitator));
  expect(r.code, r.stderr).toBe(0);
  const ev = JSON.parse(r.stdout.trim().split("\n").pop()!) as StatusDoc;
  lastStatus = ev;
  return new Map(ev.participants.map((p) => [p.prefix, p]));
}

function sdk(key: { accessKeyId: string; secretAccessKey: string }) {
  const common = { region: REGION, endpoint: served.url, credentials: key, maxAttempts: 1 };
  return { ec2: new EC2Client(common), cfn: new CloudFormationClient(common) };
}

const learners: Learner[] = [];
let sheets: string[] = [];

beforeAll(async () => {
  facilitator = freshLearner();
  ({ proc: server, event: served } = await startServer(["--count", "3", "--region", REGION]));
  const handout = runCli(facilitator, ["workshop", "handout", "--room", "room"]);
  expect(handout.status, handout.stderr).toBe(0);
  // Served without --host: the sheets work on this computer only, and the facilitator is told so.
  expect(handout.stderr).toContain("only this computer can reach it");
  sheets = handout.stdout.split("\n---\n").slice(1, 4);
  for (let i = 0; i < 3; i++) learners.push(freshLearner());
}, 60_000);

afterAll(() => {
  server?.kill("SIGKILL");
});

/** The join line on participant i's sheet (the bash one, as pasted). */
const line = (i: number): string => shellBlocks(sheets[i]!)[0]!.trim();

describe("a served workshop room", () => {
  it("is made for its participants, with quotas that fit them, on loopback, its keys 0600 in its own folder", () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.participants).toEqual(["team-01", "team-02", "team-03"]);
    // 3 learners × 2 VPCs + 5 spare; × 4 vCPUs + 5.
    expect(served.quotas.find((q) => q.code === "L-F678F1CE")!.value).toBe(11);
    expect(served.quotas.find((q) => q.code === "L-1216C47A")!.value).toBe(17);
    expect(served.dir.startsWith(facilitator.stateDir)).toBe(true);
    const keys = readFileSync(join(served.dir, "room.json"), "utf8");
    expect(keys).toContain(served.facilitator.accessKeyId);
    expect(statSync(join(served.dir, "room.json")).mode & 0o777).toBe(0o600);
  });

  it("gives each sheet one join line, its own: no other participant's code or prefix", () => {
    const codes = sheets.map((_, i) => /\/join\/([\w-]+)/.exec(line(i))![1]!);
    expect(new Set(codes).size).toBe(3);
    sheets.forEach((sheet, i) => {
      expect(line(i)).toMatch(/^eval "\$\(npx privatelink-lab join http:\/\/127\.0\.0\.1:\d+\/join\/[\w-]+\)"$/);
      for (let j = 0; j < 3; j++) if (j !== i) {
        expect(sheet).not.toContain(codes[j]);
        expect(sheet).not.toContain(`team-0${j + 1}`);
      }
    });
  });

  it("says clearly, in the learner's language, when the join line is wrong, the room does not answer or the code is unknown; changes nothing", async () => {
    const l = freshLearner();
    const code = /\/join\/([\w-]+)/.exec(line(0))![1]!;
    const bad = runCli(l, ["join", "team-01"]);
    expect([bad.status, bad.stdout]).toEqual([2, "false\n"]); // all a shell evaluating it gets: a command that fails
    expect(bad.stderr).toContain("is not a join address");
    const gone = runCli({ ...l, env: { ...l.env, LANG: "ja_JP.UTF-8" } }, ["join", `http://127.0.0.1:1/join/${code}`]);
    expect([gone.status, gone.stdout]).toEqual([5, "false\n"]);
    expect(gone.stderr).toContain("の部屋から応答がありません");
    const wrong = runCli(l, ["join", `${served.url}/join/${code.slice(0, -2)}zz`]);
    expect([wrong.status, wrong.stdout]).toEqual([1, "false\n"]);
    // `eval "$(…)" && …` stops at a failed join, in bash as in fish's `| source`.
    const evaluated = spawnSync("bash", ["-c", `eval "$("${process.execPath}" "${BIN}" join team-01)" && echo joined`], { env: l.env, encoding: "utf8" });
    expect([evaluated.status, evaluated.stdout]).toEqual([1, ""]);
    expect(wrong.stderr).toContain("does not know this join code");
    expect(existsSync(l.stateDir)).toBe(false);
  });

  let victimEndpoint = "";

  it("runs three learners' lessons at once, at their own pace, and the facilitator sees each at their step", { timeout: 240_000 }, async () => {
    const [a, b, c] = learners as [Learner, Learner, Learner];
    // Before anyone starts, the room's every seat: not started. The room is the sandbox, and bills nothing.
    const empty = await status();
    expect([...empty.values()].map((p) => p.phase)).toEqual(["not-started", "not-started", "not-started"]);
    expect(lastStatus).toMatchObject({ backend: "sandbox", totals: { participants: 3, notStarted: 3, perHourUsd: 0, costSoFarUsd: 0 } });
    const paced = (steps: string[]) => steps.map((s) => `npx privatelink-lab step ${s} --yes > /dev/null\nsleep 0.3`).join("\n");
    const runs = await Promise.all([
      inShell(a, line(0), "npx privatelink-lab --yes --json"),
      inShell(b, line(1), paced(["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http"])),
      inShell(c, line(2), "npx privatelink-lab step preflight --yes --json > /dev/null\nnpx privatelink-lab step deploy --yes --json > /dev/null"),
    ]);
    for (const r of runs) expect(r.code, r.stderr + r.stdout.slice(-1500)).toBe(0);
    const lessonA = runs[0]!.stdout.trim().split("\n").map((l) => JSON.parse(l) as { type: string; backend?: string; region?: string; ok?: boolean; cleanedUp?: boolean; step?: string; section?: string; markdown?: string; sandbox?: boolean });
    // The room is a sandbox: named so, and its costs are what AWS would charge, not a bill.
    expect(lessonA.find((e) => e.type === "lesson-started")).toMatchObject({ backend: "sandbox", region: REGION });
    expect(lessonA.find((e) => e.type === "explain" && e.step === "preflight" && e.section === "concept")!.markdown).toContain("here, in the sandbox, it is free");
    expect(lessonA.filter((e) => e.type === "cost").every((e) => e.sandbox === true)).toBe(true);
    // The preflight names who the learner is in the room: their own user, not the sandbox's one learner.
    expect(runs[0]!.stdout).toMatch(/arn:aws:iam::\d{12}:user\/team-01"/);
    expect(lessonA.filter((e) => e.type === "curl-result").every((e) => e.ok === true)).toBe(true);
    expect(lessonA.at(-1)).toMatchObject({ type: "lesson-finished", cleanedUp: true });

    const room = await status();
    expect(room.get("team-02")).toMatchObject({ step: "accept" });
    // (The tour changes nothing in the cloud: after the deploy, the next step that does is the endpoint service.)
    expect(room.get("team-03")).toMatchObject({ step: "endpoint-service", finished: false });
    // team-01 finished the whole lesson, cleanup included: still in the room, its lab deleted. Not counted as finished:
    // at this speed AWS's hour of listing a terminated instance is no time, and no watch saw the lab, so nothing left
    // in the cloud tells it from a lab deleted half-way (test/workshop/lab-deleted.test.ts: when something does).
    expect(room.get("team-01")).toMatchObject({ phase: "cleaned-up", finished: false, deletion: "unknown" });
    expect(lastStatus).toMatchObject({ backend: "sandbox", totals: { participants: 3, notStarted: 0, perHourUsd: 0, costSoFarUsd: 0 } });
    // The live page on the room's address (behind the facilitator's token) holds the same.
    const page = await fetch(`${served.url}/room/data.json`, { headers: { cookie: `privatelink-lab-room=${encodeURIComponent(served.facilitator.token)}` } });
    expect(page.status).toBe(200);
    const data = (await page.json()) as { participants: { prefix: string; step: string }[] };
    expect(data.participants.map((p) => [p.prefix, p.step])).toEqual([...room.values()].map((p) => [(p as unknown as { prefix: string }).prefix, p.step]));
    expect((await fetch(`${served.url}/room/data.json`)).status).toBe(401);
    // The page's token (on the projector, perhaps) is not the facilitator's join code: it joins nobody.
    expect(served.facilitator.join).not.toContain(served.facilitator.token);
    expect((await fetch(`${served.url}/join/${served.facilitator.token}`)).status).toBe(404);

    const boss = sdk(served.facilitator);
    // The only endpoint to an endpoint service left in the room: team-02's (team-01 cleaned up, team-03 has none yet).
    const eps = (await boss.ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints?.filter((e) => e.ServiceName?.startsWith("com.amazonaws.vpce.") && String(e.State).toLowerCase() !== "deleted") ?? [];
    expect(eps).toHaveLength(1);
    victimEndpoint = eps[0]!.VpcEndpointId!;
  });

  it("refuses a learner's delete of another's endpoint with AWS's error, and changes nothing", { timeout: 60_000 }, async () => {
    const [, b, c] = learners as [Learner, Learner, Learner];
    const ownerOf = async () => (await sdk(served.facilitator).ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [victimEndpoint] }))).VpcEndpoints?.[0];
    const before = await ownerOf();
    // team-02's endpoint, from team-03's shell, with the real AWS CLI.
    const byCli = await runScript(`${again(c)}\naws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${victimEndpoint}`, shellEnv(c));
    expect(byCli.code).not.toBe(0);
    expect(byCli.stderr).toContain("(UnauthorizedOperation)");
    // Who the room takes team-03 for: the same user, in AWS's own answer to "who am I".
    const whoAmI = await runScript(`${again(c)}\naws sts get-caller-identity --query Arn --output text`, shellEnv(c));
    expect(whoAmI.stdout.trim()).toMatch(/^arn:aws:iam::\d{12}:user\/team-03$/);
    expect(byCli.stderr).toMatch(new RegExp(`User: arn:aws:iam::\\d{12}:user/team-03 is not authorized to perform: ec2:DeleteVpcEndpoints on resource: arn:aws:ec2:${REGION}:\\d{12}:vpc-endpoint/${victimEndpoint}`));
    // And through the SDK with team-03's keys: the stack too.
    const keys = Object.fromEntries([...readFileSync(join(c.home, "exports.sh"), "utf8").matchAll(/(AWS_\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const mallory = sdk({ accessKeyId: keys.AWS_ACCESS_KEY_ID!, secretAccessKey: keys.AWS_SECRET_ACCESS_KEY! });
    const e1 = await mallory.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [victimEndpoint] })).catch((e: Error & { $metadata: { httpStatusCode: number } }) => e);
    expect(e1).toMatchObject({ name: "UnauthorizedOperation", $metadata: { httpStatusCode: 403 } });
    const e2 = await mallory.cfn.send(new DeleteStackCommand({ StackName: "team-02-consumer" })).catch((e: Error & { $metadata: { httpStatusCode: number } }) => e);
    expect(e2).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect((e2 as Error).message).toMatch(/is not authorized to perform: cloudformation:DeleteStack on resource: arn:aws:cloudformation:/);
    expect(await ownerOf()).toEqual(before);
    expect((await status()).get("team-02")).toMatchObject({ step: "accept" });
    void b;
  });

  it("keeps every answered change when the server is killed (SIGKILL) and started again; the learners' next commands just work", { timeout: 180_000 }, async () => {
    const [, b, c] = learners as [Learner, Learner, Learner];
    // team-02 goes on; the server dies while it does.
    const going = runScript(`${again(b)}\nnpx privatelink-lab step accept --yes > /dev/null; npx privatelink-lab step curl --yes > /dev/null`, shellEnv(b));
    await new Promise((r) => setTimeout(r, 400));
    server.kill("SIGKILL");
    await going; // (it may have failed: the server was gone)
    const restarted = await startServer([]);
    server = restarted.proc;
    expect(restarted.event.url).toBe(served.url);
    expect(restarted.event.participants).toEqual(served.participants);
    // The same shells, not joined again: their next commands work.
    const [rb, rc] = await Promise.all([
      runScript(`${again(b)}\nnpx privatelink-lab step accept --yes > /dev/null\nnpx privatelink-lab step curl --yes --json > /dev/null`, shellEnv(b)),
      runScript(`${again(c)}\nnpx privatelink-lab step endpoint-service --yes > /dev/null`, shellEnv(c)),
    ]);
    expect(rb.code, rb.stderr).toBe(0);
    expect(rc.code, rc.stderr).toBe(0);
    const room = await status();
    expect(room.get("team-02")).toMatchObject({ step: "curl", finished: true });
    expect(room.get("team-03")).toMatchObject({ step: "interface-endpoint", finished: false });
    // Nothing lost, nothing made twice: team-02's one endpoint is the one made before the kill.
    const eps = (await sdk(served.facilitator).ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints?.filter((e) => e.ServiceName?.startsWith("com.amazonaws.vpce.") && String(e.State).toLowerCase() !== "deleted") ?? [];
    expect(eps.map((e) => [e.VpcEndpointId, e.State])).toEqual([[victimEndpoint, "available"]]);
  });
});
