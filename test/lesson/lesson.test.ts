/** The whole lesson through the real SDK clients against the sandbox, in-process, instant speed. */
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { start } from "../../src/commands/start.js";
import { status } from "../../src/commands/status.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { LabError } from "../../src/errors.js";
import { translator } from "../../src/i18n/messages.js";
import { reportError } from "../../src/ui/error-report.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { isEmpty } from "../../src/lesson/teardown.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

describe("the lesson in the sandbox", () => {
  it("every step's detect() is false before it and true after it", async () => {
    const h = harness();
    const s = await openSession(h.opts, h.env);
    const ctx = await lessonContext(h.opts, h.env, s, false);
    for (const step of STEPS) {
      const before = await readCloud(ctx.clients, ctx.names);
      expect(step.detect(before, ctx.state).done, `${step.id} before`).toBe(false);
      await step.perform(ctx, before);
      const after = await readCloud(ctx.clients, ctx.names);
      expect(step.detect(after, ctx.state).done, `${step.id} after`).toBe(true);
    }
  });

  it("runs from start to the Apache page, the quiz and a clean account", async () => {
    const h = harness();
    await start(h.opts, h.env);
    const curl = h.host.ofType("curl-result");
    expect(curl.length).toBe(2); // regional and zonal names
    expect(curl.every((c) => c.exitCode === 0 && /Provider/.test(c.stdout))).toBe(true);
    expect(curl[0]!.dnsName).toMatch(/^vpce-[0-9a-f]+-[0-9a-z]+\.vpce-svc-[0-9a-f]+\.ap-northeast-1\.vpce\.amazonaws\.com$/);
    expect(h.host.ofType("quiz-result")[0]!.total).toBeGreaterThanOrEqual(5);
    expect(h.host.ofType("lesson-finished")[0]).toMatchObject({ cleanedUp: true });
    expect(h.host.ofType("step-finished").map((e) => e.step)).toEqual(STEPS.map((s) => s.id));
    const s = await openSession(h.opts, h.env);
    const ctx = await lessonContext(h.opts, h.env, s, false);
    expect(isEmpty(await readCloud(ctx.clients, ctx.names))).toBe(true);
  });

  it("resumes from the cloud when the progress file is lost", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint"]) await stepCommand(id, h.opts, h.env);
    rmSync(h.stateDir, { recursive: true, force: true });
    const host = new RecordingHost();
    const h2 = harness({ host, stateDir: h.stateDir, opts: h.opts });
    Object.assign(h2.env, { makeClients: h.env.makeClients, clock: h.clock });
    await start(h.opts, h2.env);
    const already = host.ofType("step-finished").filter((e) => e.status === "already-done").map((e) => e.step);
    expect(already).toEqual(["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint"]);
    expect(host.ofType("resource-created").filter((e) => e.step === "interface-endpoint")).toEqual([]);
  });

  it("keeps a corrupt progress file as a backup and carries on", async () => {
    const h = harness();
    await stepCommand("preflight", h.opts, h.env);
    const file = join(h.stateDir, "participants", "alice.json");
    writeFileSync(file, "{ broken");
    // No --region: the Region was in the damaged file, so the one looked in is named, and how to name another.
    const { region: _, ...noRegion } = h.opts;
    await status(noRegion, h.env);
    expect(h.host.ofType("notice").some((n) => n.message.includes("corrupt"))).toBe(true);
    expect(h.host.ofType("notice").some((n) => /read in us-east-1\. If you built the lesson in another Region, .*--region/.test(n.message))).toBe(true);
    expect(readdirSync(join(h.stateDir, "participants")).some((f) => f.startsWith("alice.json.corrupt-"))).toBe(true);
    expect(existsSync(file)).toBe(true);
  });

  it("absorbs 503 Unavailable on CreateVpcEndpoint without making a second endpoint", async () => {
    const h = harness();
    h.sandbox.faults.add({ command: "CreateVpcEndpoint", code: "Unavailable", times: 2 });
    h.sandbox.faults.add({ command: "DescribeStacks", code: "Throttling", times: 3 });
    await start({ ...h.opts }, h.env);
    const created = h.host.ofType("resource-created").filter((e) => e.step === "interface-endpoint" && e.kind === "AWS::EC2::VPCEndpoint");
    expect(created.length).toBe(1);
    expect(h.sandbox.calls.filter((c) => c.command === "CreateVpcEndpointCommand" && !c.dryRun).length).toBe(3);
  });

  it("refuses `step accept` before the endpoint exists, naming what is missing", async () => {
    const h = harness();
    const err = await stepCommand("accept", h.opts, h.env).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).key).toBe("error.stepRequires");
    expect((err as LabError).lists.missing?.map((e) => e.vars.id)).toContain("interface-endpoint");
  });

  it("after the cleanup, `step deploy` builds nothing again and `step accept` explains nothing of the deleted build: both point at --restart", async () => {
    const h = harness();
    await start(h.opts, h.env);
    const before = h.sandbox.calls.length;
    const started = h.host.ofType("step-started").length;
    for (const id of ["deploy", "accept", "tour"]) {
      const err = await stepCommand(id, h.opts, h.env).catch((e: unknown) => e);
      expect((err as LabError).key, id).toBe("error.stepAfterCleanup");
      // Both of its commands name this learner's lesson, in each language.
      for (const lang of ["en", "ja"] as const) {
        const hint = reportError(err, translator(lang)).hint ?? "";
        expect(hint).toContain("`npx privatelink-lab --restart --prefix alice --sandbox`");
        expect(hint).toContain("`npx privatelink-lab --prefix alice --sandbox`");
      }
    }
    expect(h.sandbox.calls.slice(before).filter((c) => /^(Create|Accept)/.test(c.command))).toEqual([]);
    expect(h.host.ofType("step-started").length).toBe(started);
  });

  it("an endpoint deleted by hand after curl can still be made again with `step interface-endpoint`", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl"]) await stepCommand(id, h.opts, h.env);
    const s = await openSession(h.opts, h.env);
    const ctx = await lessonContext(h.opts, h.env, s, false);
    const gone = (await readCloud(ctx.clients, ctx.names)).endpoints.map((e) => e.id);
    await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: gone }));
    await stepCommand("interface-endpoint", h.opts, h.env);
    const now = (await readCloud(ctx.clients, ctx.names)).endpoints.filter((e) => !/delet/i.test(e.state));
    expect(now.length).toBe(1);
    expect(gone).not.toContain(now[0]!.id);
  });

  it("hands-on: unchecking 'Acceptance required' makes the endpoint available with nothing to accept", async () => {
    const host = new RecordingHost("en", true, [
      { match: "Acceptance required", value: false },
      // The learner copies the service name from the endpoint service, as in the console.
      { match: "Service name", value: () => Object.values(h.sandbox.store.snapshot().regions["ap-northeast-1"]?.endpointServices ?? {})[0]?.ServiceName ?? "" },
    ]);
    const h = harness({ host, opts: { mode: "hands-on" } });
    await start(h.opts, h.env);
    const notes = host.ofType("explain").filter((e) => e.section === "note").map((e) => e.markdown);
    expect(notes.some((n) => /accepted automatically|自動/.test(n))).toBe(true);
    expect(host.ofType("step-finished").find((e) => e.step === "accept")?.status).toBe("already-done");
    const done = host.ofType("explain").filter((e) => e.step === "endpoint-service" && e.section === "done").map((e) => e.markdown);
    expect(done.join("\n")).toMatch(/accepted automatically/);
    expect(host.ofType("curl-result")[0]?.exitCode).toBe(0);
  });

  it("destroy from a half-built lesson leaves nothing tagged, and is safe to run twice", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint"]) await stepCommand(id, h.opts, h.env);
    await destroy(h.opts, h.env);
    await destroy(h.opts, h.env);
    expect(h.host.ofType("notice").some((n) => n.message.includes("Nothing to delete"))).toBe(true);
    const s = await openSession(h.opts, h.env);
    const ctx = await lessonContext(h.opts, h.env, s, false);
    expect(isEmpty(await readCloud(ctx.clients, ctx.names))).toBe(true);
  });

  it("status says where the learner is and what it would cost", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy"]) await stepCommand(id, h.opts, h.env);
    await status(h.opts, h.env);
    const report = h.host.ofType("status")[0]!;
    expect(report.cost).toMatchObject({ sandbox: true, region: "ap-northeast-1" });
    expect(report.next?.text).toContain("tour");
  });
});

describe("after the end", () => {
  it("does not build everything again unless asked to --restart", async () => {
    const h = harness();
    await start(h.opts, h.env);
    const before = h.sandbox.calls.filter((c) => c.command === "CreateStackCommand").length;
    await start(h.opts, h.env);
    expect(h.sandbox.calls.filter((c) => c.command === "CreateStackCommand").length).toBe(before);
    expect(h.host.ofType("notice").at(-1)?.message).toContain("--restart");
    await start({ ...h.opts, restart: true }, h.env);
    expect(h.sandbox.calls.filter((c) => c.command === "CreateStackCommand").length).toBe(before + 2);
  });
});
