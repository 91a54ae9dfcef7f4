/** A facilitator's room in the sandbox: rehearse, watch, export, clean up; the real SDK clients throughout. */
import { DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { workshopCleanup } from "../../src/commands/workshop/cleanup.js";
import { openFacilitator } from "../../src/commands/workshop/open.js";
import { workshopRehearse } from "../../src/commands/workshop/rehearse.js";
import { workshopStatus } from "../../src/commands/workshop/status.js";
import { readStatus } from "../../src/workshop/room-data.js";
import { readRoom } from "../../src/workshop/room-read.js";
import { roomStatus } from "../../src/workshop/room-status.js";
import { statusRows, statusSummary } from "../../src/workshop/status-format.js";
import { openRoomRecord, roomDir } from "../../src/workshop/room/room-file.js";
import { processStartTime } from "../../src/guard/process-lock.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

async function rehearsed(n: number, base = "team"): Promise<Harness> {
  const h = harness();
  await workshopRehearse({ ...h.opts, participants: String(n), prefixBase: base }, h.env);
  return h;
}

/** AWS calls one status refresh makes. */
async function callsPerRefresh(h: Harness): Promise<{ calls: number; participants: number }> {
  const f = await openFacilitator(h.opts, h.env);
  const before = h.sandbox.calls.length;
  const status = await readStatus(f);
  return { calls: h.sandbox.calls.length - before, participants: status.participants.length };
}

function capture(h: Harness): { text: () => string } {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d: Buffer) => (text += d.toString()));
  h.env.stdout = out as unknown as NodeJS.WriteStream;
  return { text: () => text };
}

describe("workshop status and cleanup with 30 participants", () => {
  it("rehearse names the room in the words status uses; status gives one price format and counts in the singular", async () => {
    const h = await rehearsed(3);
    const said = h.host.ofType("table").at(-1)!.rows.slice(1).map(([count, text]) => [Number(count), text]);
    await workshopStatus({ ...h.opts, once: true }, h.env);
    const [, ...rows] = h.host.ofType("table").at(-1)!.rows;
    const counted = new Map<string, number>();
    for (const r of rows) counted.set(r[1]!, (counted.get(r[1]!) ?? 0) + 1);
    expect(new Map(said as [number, string][]).size).toBeGreaterThan(0);
    expect(new Map(said.map(([n, text]) => [text as string, n as number]))).toEqual(counted);
    // The sandbox bills nothing: no cost in the table or the summary, and the summary says why.
    const summary = h.host.ofType("notice").map((n) => n.message).find((m) => m.includes("nothing is billed"))!;
    expect(summary).not.toContain("$");
    expect(h.host.ofType("table").at(-1)!.rows[0]).not.toContain("$/h");
    // On AWS, per hour in the summary as in the table's $/h column: three decimals.
    const f = await openFacilitator(h.opts, h.env);
    const onAws = roomStatus(await readRoom(f.clients, () => f.clock.now()), f.region, "aws");
    expect(statusSummary(onAws, f.t)).toMatch(/\$\d+\.\d{3}\/h now/);
    expect(statusRows(onAws, f.t, "en")[1]![3]).toMatch(/^\$\d+\.\d{3}$/);
    const one = await rehearsed(1, "solo");
    await workshopStatus({ ...one.opts, once: true }, one.env);
    expect(one.host.ofType("notice").map((n) => n.message).find((m) => m.includes("nothing is billed"))).toMatch(/^1 participant ·/);
  });
  it("shows each learner's step, stuck signals and cost, then cleanup --all leaves nothing tagged", async () => {
    const h = await rehearsed(30);
    await workshopStatus({ ...h.opts, once: true }, h.env);
    const [header, ...rows] = h.host.ofType("table").at(-1)!.rows;
    expect(header).toEqual(["Participant", "Step", "On step", "Signals"]);
    expect(rows).toHaveLength(30);
    const row = (prefix: string) => rows.find((r) => r[0]!.trim().endsWith(prefix))!;
    // team-01 and team-09 finished: built, and curl seen in Run Command history (the quiz leaves no trace).
    expect(row("team-01")[1]).toMatch(/^✔ /);
    expect(row("team-09")[1]).toMatch(/^✔ /);
    // Waiting for the provider to accept, 8 minutes after creating the endpoint: not flagged.
    expect(row("team-02")[1]).toMatch(/^6\/9 /);
    expect(row("team-02")[2]).toBe("≈8m");
    expect(row("team-02")[3]).toBe("");
    // Both stacks rolled back on the vCPU quota.
    expect(row("team-03")[1]).toMatch(/^1\/9 /);
    expect(row("team-03")[3]).toContain("ROLLBACK_COMPLETE");
    // Rejected endpoint: back on the interface-endpoint step, flagged.
    expect(row("team-05")[1]).toMatch(/^4\/9 /);
    expect(row("team-05")[3]).toMatch(/rejected/);
    // 40 minutes on allow-http (usual: 11 from the endpoint's creation) and 55 on endpoint-service.
    expect(row("team-06")[1]).toMatch(/^5\/9 /);
    expect(row("team-06")[3]).toMatch(/40 min/);
    expect(row("team-10")[1]).toMatch(/^3\/9 /);
    expect(row("team-10")[3]).toMatch(/55 min/);
    // Stacks still being created (2 minutes in).
    expect(row("team-07")[1]).toMatch(/^1\/9 /);
    expect(row("team-07")[3]).toBe("");
    // Flagged learners come first, marked with "!".
    const flagged = rows.filter((r) => r[0]!.startsWith("!"));
    expect(flagged).toHaveLength(12);
    expect(rows.slice(0, 12)).toEqual(flagged);
    expect(rows.filter((r) => r[1]!.startsWith("✔"))).toHaveLength(6);
    expect(h.host.ofType("notice").some((n) => /30 participants · 6 finished · 12 flagged/.test(n.message))).toBe(true);

    await workshopCleanup({ ...h.opts, all: true, yes: true }, h.env);
    const summary = h.host.ofType("table").at(-1)!.rows;
    expect(summary.slice(1).every((r) => r[2]!.startsWith("✔"))).toBe(true);
    expect(summary).toHaveLength(31);
    const f = await openFacilitator(h.opts, h.env);
    // Nothing left, yet every learner is still in the room: their labs deleted, as CloudFormation's deleted stacks show;
    // the facilitator's cleanup finished no one's lesson.
    const after = (await readStatus(f)).participants;
    expect(after).toHaveLength(30);
    expect(after.every((p) => p.phase === "cleaned-up" && !p.finished)).toBe(true);
    const tagged = [{ Name: "tag-key", Values: ["privatelink-lab:participant"] }];
    expect((await f.clients.ec2.send(new DescribeVpcsCommand({ Filters: tagged }))).Vpcs).toEqual([]);
    expect((await f.clients.cfn.send(new DescribeStacksCommand({}))).Stacks ?? []).toEqual([]);
  }, 120_000);
});

describe("workshop status shows every seat of the room", () => {
  it("a served room (the facilitator's join line): not started, on a step, lab deleted, in text, JSON and CSV; the sandbox bills nothing", async () => {
    const h = await rehearsed(2);
    await workshopCleanup({ ...h.opts, participant: ["team-01"], yes: true }, h.env);
    // The room file the facilitator's `workshop serve` wrote: three seats, and the key their join line put in the shell.
    const { room } = openRoomRecord(roomDir(h.env.env, "room", h.stateDir), "room", { prefixes: ["team-01", "team-02", "team-03"], defaultRegion: "ap-northeast-1" }, new Date());
    h.env.env = { ...h.env.env, AWS_ACCESS_KEY_ID: room.facilitator.accessKeyId, AWS_SECRET_ACCESS_KEY: room.facilitator.secretAccessKey, AWS_ENDPOINT_URL: "http://127.0.0.1:9" };
    const opts = { ...h.opts, sandbox: false };
    await workshopStatus({ ...opts, once: true }, h.env);
    const [header, ...rows] = h.host.ofType("table").at(-1)!.rows;
    expect(header).not.toContain("$/h");
    expect(rows.map((r) => [r[0]!.trim(), r[1]!.replace(/ .*/, "")])).toEqual([["team-03", "-"], ["team-02", "6/9"], ["team-01", "✕"]]);
    expect(rows.find((r) => r[0]!.includes("team-03"))![1]).toBe("- not started");
    expect(rows.find((r) => r[0]!.includes("team-01"))![1]).toBe("✕ lab deleted");
    const summary = () => h.host.ofType("notice").map((n) => n.message).filter((m) => m.startsWith("3 participants")).at(-1);
    expect(summary()).toBe("3 participants · 0 finished · 0 flagged · 1 not started · the sandbox: nothing is billed (ap-northeast-1)");
    const out = capture(h);
    await workshopStatus({ ...opts, json: true }, h.env);
    type Doc = { backend: string; totals: Record<string, number>; participants: { prefix: string; phase: string; step: string | null; stepIndex: number | null; finished: boolean; perHourUsd: number }[] };
    const doc = JSON.parse(out.text()) as Doc;
    expect(doc.backend).toBe("sandbox");
    expect(doc.totals).toMatchObject({ participants: 3, notStarted: 1, finished: 0, perHourUsd: 0, costSoFarUsd: 0 });
    expect(doc.participants.map((p) => [p.prefix, p.phase, p.finished])).toEqual([["team-01", "cleaned-up", false], ["team-02", "on-step", false], ["team-03", "not-started", false]]);
    // A seat never started is on no step.
    expect(doc.participants.find((p) => p.prefix === "team-03")).toMatchObject({ step: null, stepIndex: null });
    expect(doc.participants.every((p) => p.perHourUsd === 0)).toBe(true);
    const csv = capture(h);
    await workshopStatus({ ...opts, csv: true }, h.env);
    const lines = csv.text().trim().split("\n");
    expect(lines[0]).toMatch(/^participant,phase,step_index,step,finished,/);
    expect(lines.find((l) => l.startsWith("team-03,"))).toMatch(/^team-03,not-started,,,false,/);

    // The facilitator deletes every lab, team-02's half-way: deleted, not finished, in both languages.
    await workshopCleanup({ ...opts, all: true, yes: true }, h.env);
    await workshopStatus({ ...opts, once: true }, h.env);
    const deleted = h.host.ofType("table").at(-1)!.rows.slice(1);
    expect(deleted.find((r) => r[0]!.includes("team-02"))![1]).toBe("✕ lab deleted");
    expect(summary()).toBe("3 participants · 0 finished · 0 flagged · 1 not started · the sandbox: nothing is billed (ap-northeast-1)");
    await workshopStatus({ ...opts, once: true, lang: "ja" }, h.env);
    expect(h.host.ofType("table").at(-1)!.rows.find((r) => r[0]!.includes("team-02"))![1]).toBe("✕ ラボは削除済み");
  }, 60_000);

  it("a plain account (no room file): those with resources, and a finished one whose stacks CloudFormation lists as deleted", async () => {
    const h = await rehearsed(2);
    await workshopCleanup({ ...h.opts, participant: ["team-01"], yes: true }, h.env);
    const f = await openFacilitator(h.opts, h.env);
    expect((await readStatus(f)).participants.map((p) => [p.prefix, p.phase])).toEqual([["team-01", "cleaned-up"], ["team-02", "on-step"]]);
    // Nothing left to delete is said plainly, not as an error, in both languages.
    await workshopCleanup({ ...h.opts, all: true, yes: true }, h.env);
    await workshopCleanup({ ...h.opts, all: true, yes: true }, h.env);
    await workshopCleanup({ ...h.opts, all: true, yes: true, lang: "ja" }, h.env);
    const last = h.host.ofType("notice").slice(-2);
    expect(last.map((n) => n.level)).toEqual(["success", "success"]);
    expect(last[0]!.message).toMatch(/^Nothing to delete in ap-northeast-1/);
    expect(last[1]!.message).toMatch(/削除するものはありません/);
  }, 60_000);
});

describe("workshop status reads the room in a fixed number of calls", () => {
  it("makes the same AWS calls per refresh for 5 and for 50 participants", async () => {
    const h = await rehearsed(5, "five");
    const five = await callsPerRefresh(h);
    await workshopRehearse({ ...h.opts, participants: "45", prefixBase: "more" }, h.env);
    const fifty = await callsPerRefresh(h);
    expect(five.participants).toBe(5);
    expect(fifty.participants).toBe(50);
    expect(fifty.calls).toBe(five.calls);
    // stacks, deleted stacks, services, endpoints, groups, instances, Run Command commands and invocations.
    expect(five.calls).toBeLessThanOrEqual(9);
  }, 120_000);

  it("exports CSV and JSON, one row per participant", async () => {
    const h = await rehearsed(10);
    const out = capture(h);
    await workshopStatus({ ...h.opts, csv: true }, h.env);
    const lines = out.text().trim().split("\n");
    expect(lines[0]).toBe("participant,phase,step_index,step,finished,state,on_step_minutes,on_step_observed,signals,per_hour_usd,cost_so_far_usd,read_at,deletion,state_id");
    expect(lines).toHaveLength(11);
    expect(lines.find((l) => l.startsWith("team-03,"))).toMatch(/,stack-failed;stack-failed,/);
    const json = capture(h);
    await workshopStatus({ ...h.opts, json: true }, h.env);
    const doc = JSON.parse(json.text()) as { type: string; participants: { prefix: string; step: string; signals: { kind: string }[] }[] };
    expect(doc.type).toBe("workshop-status");
    expect(doc.participants.find((p) => p.prefix === "team-06")).toMatchObject({ step: "allow-http", signals: [{ kind: "slow" }] });
  }, 60_000);

  it("says the same minutes in a slow learner's reason as in its On step column, between two whole minutes too", async () => {
    const h = await rehearsed(10);
    // team-06: 40 minutes on allow-http, and 45 seconds more.
    h.clock.advance(45_000);
    await workshopStatus({ ...h.opts, once: true }, h.env);
    const row = h.host.ofType("table").at(-1)!.rows.find((r) => r[0]!.trim().endsWith("team-06"))!;
    expect([row[2], row[3]]).toEqual(["≈40m", "40 min on it (usual 11)"]);
  }, 60_000);

  it("refreshes in place on a terminal, and times exactly a step change it saw", async () => {
    const h = await rehearsed(7);
    const out = capture(h);
    Object.assign(h.env.stdout, { isTTY: true, columns: 120, rows: 40 });
    // Ten minutes between refreshes: team-07's stacks (2 minutes into their deploy) complete meanwhile.
    await workshopStatus({ ...h.opts, interval: "600", maxRefreshes: 2 }, h.env);
    const frames = out.text().split("\x1b[H\x1b[2J").filter(Boolean);
    expect(frames).toHaveLength(2);
    const line = (frame: string) => frame.split("\n").find((l) => l.includes("team-07"))!;
    expect(line(frames[0]!)).toMatch(/team-07\s+1\/9 .*≈2m/);
    expect(line(frames[1]!)).toMatch(/team-07\s+3\/9 .*\s<1m\s/);
    // Meanwhile team-02 has waited 18 minutes for acceptance (usual 16): now flagged too.
    expect(line(frames[1]!)).not.toContain("!");
    expect(frames[1]!.split("\n").find((l) => l.includes("team-02"))).toMatch(/! team-02.*18 min on it/);
    expect(frames[1]).toContain("7 participants · 1 finished · 4 flagged");
  }, 60_000);
});

describe("a facilitator never acts under a learner's running lesson on this machine", () => {
  /** A live process (standing in for a learner's `start`) holding the participant's lock. */
  async function learnerRunning(h: Harness, prefix: string): Promise<{ pid: number; stop: () => Promise<void> }> {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    await new Promise((r) => setTimeout(r, 200));
    const dir = join(h.stateDir, "participants");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${prefix}.lock`), JSON.stringify({ pid: child.pid, startedAt: processStartTime(child.pid!) ?? Date.now(), host: hostname() }));
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    return { pid: child.pid!, stop: () => (child.kill("SIGKILL"), exited) };
  }

  it("cleanup leaves that participant alone, says who holds them, and cleans the others", async () => {
    const h = await rehearsed(3, "lock");
    const learner = await learnerRunning(h, "lock-02");
    try {
      await expect(workshopCleanup({ ...h.opts, all: true, yes: true }, h.env)).rejects.toMatchObject({ key: "workshop.cleanup.someFailed", vars: { n: 1, prefixes: "lock-02" } });
      const rows = h.host.ofType("table").at(-1)!.rows.slice(1);
      expect(rows.find((r) => r[0] === "lock-02")?.[2]).toContain(`process ${learner.pid}`);
      expect(rows.filter((r) => r[2]!.startsWith("✔")).map((r) => r[0])).toEqual(["lock-01", "lock-03"]);
      const f = await openFacilitator(h.opts, h.env);
      expect((await readStatus(f)).participants.filter((p) => p.phase !== "cleaned-up").map((p) => p.prefix)).toEqual(["lock-02"]);
    } finally {
      await learner.stop();
    }
    // Once that lesson has stopped, cleanup removes the rest and leaves no lock behind.
    await workshopCleanup({ ...h.opts, all: true, yes: true }, h.env);
    expect(existsSync(join(h.stateDir, "participants", "lock-02.lock"))).toBe(false);
  }, 120_000);

  it("rehearse refuses a name whose lesson is running here, and builds nothing", async () => {
    const h = harness();
    const learner = await learnerRunning(h, "demo-02");
    try {
      await expect(workshopRehearse({ ...h.opts, participants: "2", prefixBase: "demo" }, h.env)).rejects.toMatchObject({ key: "guard.busy", vars: { prefix: "demo-02" } });
      const f = await openFacilitator(h.opts, h.env);
      expect((await readStatus(f)).participants).toEqual([]);
    } finally {
      await learner.stop();
    }
  }, 60_000);
});
