/**
 * A path AWS is still starting is not a broken one. In the sandbox: the lesson built at instant
 * speed stays built for a command at the default speed on the same account (readiness does not
 * flip back with the speed of whoever looks); and a part really starting (a target registered
 * again at real speed, in its first health checks) makes `diagnose` and `challenge start` say to
 * wait about so many seconds, exit 7, with no fix, until it is up.
 */
import { CreateStackCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { DeregisterTargetsCommand, RegisterTargetsCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { diagnose } from "../../src/commands/diagnose.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import { packageRoot } from "../../src/paths.js";
import { DEFAULT_SPEED } from "../../src/sandbox/clock.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const STEPS = ["preflight", "deploy", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl"];

/** The lesson built at instant speed, then the same account (store, progress file, time) opened at `speed`. */
async function builtThenAt(speed: number, host = new RecordingHost()): Promise<{ built: Harness; later: Harness }> {
  const built = harness();
  for (const id of STEPS) await stepCommand(id, built.opts, built.env);
  const later = harness({ store: built.sandbox.store, stateDir: built.stateDir, speed, host });
  later.clock.advance(built.clock.now() - later.clock.now() + 1);
  return { built, later };
}

async function failure(run: Promise<unknown>, lang: "en" | "ja" = "en") {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, "the command must stop").toBeDefined();
  return reportError(err, translator(lang));
}

const isRead = (c: string) => /^(Describe|Get|List)/.test(c);

describe("a lesson built at instant speed, looked at right away at the default speed", () => {
  it("diagnose finds every link passing (no agent or target back to starting), and a challenge starts", async () => {
    const { later } = await builtThenAt(DEFAULT_SPEED);
    await diagnose(later.opts, later.env);
    const d = later.host.ofType("diagnosis").at(-1)!;
    expect(d.links.filter((l) => l.status !== "pass")).toEqual([]);
    expect(d).toMatchObject({ ok: true });
    await challenge("start", "silent-door", later.opts, later.env);
    expect(later.host.ofType("challenge").at(-1)).toMatchObject({ id: "silent-door", status: "started" });
  });
});

describe("a target registered again at real speed, in its first health checks", () => {
  async function reRegistered(lang: "en" | "ja" = "en") {
    const { later } = await builtThenAt(1, new RecordingHost(lang));
    const ctx = await lessonContext(later.opts, later.env, await openSession(later.opts, later.env), false);
    const p = (await readCloud(ctx.clients, ctx.names)).provider!.resources;
    const targets = [{ Id: p.EC2Instance!, Port: 80 }];
    await ctx.clients.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: p.TargetGroup!, Targets: targets }));
    await ctx.clients.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: p.TargetGroup!, Targets: targets }));
    return later;
  }

  it("diagnose says it is still starting and to wait, never a fix, and exits 7 (not 1); two minutes later every link passes", async () => {
    const h = await reRegistered();
    const r = await failure(diagnose({ ...h.opts, lang: "en" }, h.env));
    expect(r.key).toBe("starting.diagnose");
    expect(r.exitCode).toBe(7);
    expect(r.hint).toBe("Wait about 120 seconds, then run `npx privatelink-lab diagnose --sandbox` again.");
    expect(r.message).not.toMatch(/broken at/);
    const d = h.host.ofType("diagnosis").at(-1)!;
    expect(d.ok).toBe(false);
    expect(d.first).toBeUndefined();
    expect(d.wait).toMatchObject({ seconds: 120, link: { id: "target-health", status: "wait", problem: "targets-initial" } });
    expect(d.wait!.link.what).toMatch(/^The targets are still in their first health checks \(i-[0-9a-f]+: initial \(Elb\.\w+\)\)\.$/);
    // No fix is offered for a link that only needs time.
    expect(d.links.flatMap((l) => [l.cli, l.console]).filter(Boolean)).toEqual([]);
    expect(d.links.filter((l) => l.status === "fail")).toEqual([]);

    h.clock.advance(150_000);
    await diagnose(h.opts, h.env);
    expect(h.host.ofType("diagnosis").at(-1)).toMatchObject({ ok: true });
  });

  it("in Japanese too", async () => {
    const h = await reRegistered("ja");
    const r = await failure(diagnose({ ...h.opts, lang: "ja" }, h.env), "ja");
    expect(r.exitCode).toBe(7);
    expect(r.message).toContain("壊れている所はまだありません");
    expect(r.hint).toBe("120 秒ほど待ってから、もう一度 `npx privatelink-lab diagnose --sandbox` を実行してください。");
    expect(h.host.ofType("diagnosis").at(-1)!.wait!.link.what).toMatch(/^ターゲットはまだ最初のヘルスチェック中です（i-[0-9a-f]+：initial/);
  });

  it("challenge start says to wait and start it again, breaking nothing (exit 7); once the target is healthy it starts", async () => {
    const h = await reRegistered();
    const from = h.sandbox.calls.length;
    const r = await failure(challenge("start", "silent-door", h.opts, h.env));
    expect(r.key).toBe("starting.challenge");
    expect(r.exitCode).toBe(7);
    expect(r.hint).toBe("Wait about 120 seconds, then run `npx privatelink-lab challenge start silent-door` again.");
    expect(h.sandbox.calls.slice(from).filter((c) => !isRead(c.command) && !c.dryRun)).toEqual([]);
    expect(h.host.ofType("challenge")).toEqual([]);
    h.clock.advance(150_000);
    await challenge("start", "silent-door", h.opts, h.env);
    expect(h.host.ofType("challenge").at(-1)).toMatchObject({ id: "silent-door", status: "started" });
  });
});

describe("a challenge fixed right, its target still in its first health checks", () => {
  it("challenge check says to wait and check again (exit 7), spending no hint; once healthy, it is fixed", async () => {
    const { later: h } = await builtThenAt(1);
    await challenge("start", "empty-house", h.opts, h.env);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const p = (await readCloud(ctx.clients, ctx.names)).provider!.resources;
    // The learner's fix: the Provider instance back in the target group.
    await ctx.clients.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: p.TargetGroup!, Targets: [{ Id: p.EC2Instance!, Port: 80 }] }));
    const r = await failure(challenge("check", undefined, h.opts, h.env));
    expect(r.key).toBe("starting.check");
    expect(r.exitCode).toBe(7);
    expect(r.hint).toBe("Wait about 120 seconds, then run `npx privatelink-lab challenge check` again (no hint is used up).");
    const after = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    expect(after.state.challenges.active).toMatchObject({ id: "empty-house", hints: 0 });
    h.clock.advance(150_000);
    await challenge("check", undefined, h.opts, h.env);
    expect(h.host.ofType("challenge").at(-1)).toMatchObject({ id: "empty-house", status: "fixed" });
  });
});

describe("the lesson's stacks just created at real speed", () => {
  it("diagnose says CloudFormation is still building them and to wait (exit 7), not that a step is missing", async () => {
    const h = harness({ speed: 1 });
    await stepCommand("preflight", h.opts, h.env);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    for (const [side, name] of [["Consumer", ctx.names.consumerStack], ["Provider", ctx.names.providerStack]] as const) {
      const body = readFileSync(join(packageRoot(), "templates", `${side}.yml`), "utf8");
      const Parameters = [{ ParameterKey: "Prefix", ParameterValue: ctx.state.prefix }, { ParameterKey: "AvailabilityZone", ParameterValue: ctx.state.az ?? "" }];
      await ctx.clients.cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: body, Capabilities: ["CAPABILITY_NAMED_IAM"], Parameters, Tags: [{ Key: "privatelink-lab:participant", Value: ctx.state.prefix }] }));
    }
    h.clock.advance(5_000);
    const r = await failure(diagnose(h.opts, h.env));
    expect(r.key).toBe("starting.stack");
    expect(r.exitCode).toBe(7);
    expect(r.message).toMatch(/^Stack alice-(consumer|provider) is still `CREATE_IN_PROGRESS`: CloudFormation is building it\.$/);
    expect(r.hint).toBe("Wait about 300 seconds, then run the command again.");
    const status = async () => (await ctx.clients.cfn.send(new DescribeStacksCommand({ StackName: ctx.names.providerStack }))).Stacks?.[0]?.StackStatus;
    expect(await status()).toBe("CREATE_IN_PROGRESS");
  });
});
