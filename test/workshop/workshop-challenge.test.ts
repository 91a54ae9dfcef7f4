/**
 * A facilitator starts one challenge for the whole room; `workshop status` shows who has fixed it.
 * The learner's own `challenge check` finds the challenge from the cloud (their progress file knows
 * nothing of it) and proves the fix with curl.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { AuthorizeSecurityGroupIngressCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { processStartTime } from "../../src/guard/process-lock.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { checkChallenge, giveUp, listChallenges, startChallenge } from "../../src/challenge/run.js";
import { LabError } from "../../src/errors.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { workshopChallenge } from "../../src/commands/workshop/challenge.js";
import { workshopRehearse } from "../../src/commands/workshop/rehearse.js";
import { workshopStatus } from "../../src/commands/workshop/status.js";
import { harness } from "../helpers/lesson-harness.js";

describe("workshop challenge --all", () => {
  it("breaks every working build, and status shows who fixed it", async () => {
    const h = harness();
    await workshopRehearse({ ...h.opts, participants: "2", prefixBase: "team" }, h.env);
    await workshopChallenge("silent-door", { ...h.opts, all: true }, h.env);
    const started = h.host.ofType("table").at(-1)!;
    const lines = started.rows.map((r) => r.at(-1));
    expect(lines).toContain("team-01: challenge silent-door started");
    expect(lines.some((m) => m?.startsWith("team-02: not started"))).toBe(true);
    // Named by the step the learner is on, in status's words, never by an internal link id.
    expect(lines.find((m) => m?.startsWith("team-02:"))).toMatch(/^team-02: not started \(on step 6\/9 Provider side: .*; a challenge needs a build that curls\)$/);
    expect(lines.join("\n")).not.toMatch(/"[a-z]+-[a-z-]+"|broken at/);
    // --json: each participant as named fields.
    expect(started.data?.items).toContainEqual({ prefix: "team-01", challenge: "silent-door", started: true });
    expect(started.data?.items.find((i) => i.prefix === "team-02")).toMatchObject({ started: false, reason: expect.any(String) });

    await workshopStatus({ ...h.opts, once: true }, h.env);
    let [header, ...rows] = h.host.ofType("table").at(-1)!.rows;
    const col = header!.indexOf("Challenge");
    expect(col).toBeGreaterThan(0);
    const row = (prefix: string) => rows.find((r) => r[0]!.trim().endsWith(prefix))!;
    expect(row("team-01")[col]).toBe("silent-door ✖ broken");
    expect(row("team-02")[col]).toBe("-");

    // team-01's own list shows it in progress, though their progress file knew nothing of it.
    const opts = { ...h.opts, prefix: "team-01" };
    const ctx = await lessonContext(opts, h.env, await openSession(opts, h.env), false);
    expect(ctx.state.challenges.active).toBeUndefined();
    await listChallenges(ctx);
    expect(h.host.ofType("table").at(-1)!.rows.find((r) => r[1] === "silent-door")?.[0]).toBe("▶");
    expect(h.host.ofType("notice").at(-1)!.message).toContain("silent-door");

    // team-02 trying it themselves hears which part is missing in diagnose's words, not an id.
    const opts2 = { ...h.opts, prefix: "team-02" };
    const ctx2 = await lessonContext(opts2, h.env, await openSession(opts2, h.env), false);
    const refused = await startChallenge(ctx2, "silent-door").then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(LabError);
    const said = ctx2.t((refused as LabError).key, (refused as LabError).vars);
    expect(said).toMatch(/First missing or not working: Endpoint service vpce-svc-[0-9a-f]+: connection from vpce-[0-9a-f]+ pendingAcceptance, expected accepted\.$/);
    expect(said).not.toMatch(/service-acceptance|broken/);

    // team-01 fixes it with the AWS CLI, then checks from their own machine.
    expect(await checkChallenge(ctx)).toBe(false);
    const p = await readLearnerPath(ctx);
    await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: p.endpointSgId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: `${p.consumerIp}/32` }));
    expect(await checkChallenge(ctx)).toBe(true);

    await workshopStatus({ ...h.opts, once: true }, h.env);
    [header, ...rows] = h.host.ofType("table").at(-1)!.rows;
    expect(row("team-01")[col]).toBe("silent-door ✔ fixed");
  });
});

describe("workshop challenge --all on builds that never curled", () => {
  it("starts none whose lesson is still on its way, even where what it lacks is what the challenge breaks", async () => {
    const h = harness();
    // team-01 finished; team-02 awaits acceptance (turned-away's link); team-06 stopped after the
    // interface endpoint: no rule on the endpoint's group (silent-door's link), endpoint pending.
    await workshopRehearse({ ...h.opts, participants: "6", prefixBase: "team" }, h.env);
    for (const id of ["silent-door", "turned-away"]) {
      await workshopChallenge(id, { ...h.opts, all: true }, h.env);
      const items = h.host.ofType("table").at(-1)!.data!.items as { prefix: string; started: boolean; text?: string }[];
      expect(items.filter((i) => i.started).map((i) => i.prefix), id).toEqual(["team-01"]);
      expect(h.host.ofType("notice").at(-1)!.message).toMatch(new RegExp(`^Challenge ${id}: started for 1 of 6\\.`));
      expect(items.find((i) => i.prefix === (id === "silent-door" ? "team-06" : "team-02"))?.text).toMatch(/^on step [56]\/9 .*; a challenge needs a build that curls$/);
      if (id === "silent-door") {
        // team-01 gives up (the facilitator's next challenge goes to a whole build again).
        const opts = { ...h.opts, prefix: "team-01" };
        await giveUp(await lessonContext(opts, h.env, await openSession(opts, h.env), false));
      }
    }
    await workshopStatus({ ...h.opts, once: true }, h.env);
    const [header, ...rows] = h.host.ofType("table").at(-1)!.rows;
    const col = header!.indexOf("Challenge");
    const row = (prefix: string) => rows.find((r) => r[0]!.trim().endsWith(prefix))!;
    for (const p of ["team-02", "team-03", "team-04", "team-05", "team-06"]) expect(row(p)[col], p).toBe("-");
    // team-06's own list shows nothing in progress.
    const opts6 = { ...h.opts, prefix: "team-06" };
    await listChallenges(await lessonContext(opts6, h.env, await openSession(opts6, h.env), false));
    expect(h.host.ofType("table").at(-1)!.rows.map((r) => r[0])).not.toContain("▶");
  });
});

describe("workshop challenge --all and a learner's running lesson", () => {
  it("skips the participant whose own privatelink-lab holds their lock, says so, and breaks nothing of theirs", async () => {
    const h = harness();
    await workshopRehearse({ ...h.opts, participants: "3", prefixBase: "lk" }, h.env);
    // A live process (standing in for lk-01's lesson, sitting at a prompt) holds lk-01's lock.
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    await new Promise((r) => setTimeout(r, 200));
    try {
      const dir = join(h.stateDir, "participants");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "lk-01.lock"), JSON.stringify({ pid: child.pid, startedAt: processStartTime(child.pid!) ?? Date.now(), host: hostname() }));
      await workshopChallenge("silent-door", { ...h.opts, all: true }, h.env);
      // One row a participant: its mark, then the line a person reads.
      const notices = h.host.ofType("table").flatMap((tb) => tb.rows.map((r) => r[1] ?? ""));
      expect(notices.find((m) => m.startsWith("lk-01:"))).toContain(`process ${child.pid}`);
      // lk-02 is still building (its endpoint awaits acceptance): no challenge, and not taken for one.
      expect(notices.find((m) => m.startsWith("lk-02:"))).toContain("not started");
      expect(notices.find((m) => m.startsWith("lk-02:"))).not.toContain("half-started");
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    // lk-01's build still works.
    const opts = { ...h.opts, prefix: "lk-01" };
    const ctx = await lessonContext(opts, h.env, await openSession(opts, h.env), false);
    expect((await diagnose(ctx)).ok).toBe(true);
  });
});
