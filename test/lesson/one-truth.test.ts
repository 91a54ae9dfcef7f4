/**
 * One participant, one truth: the prefix decides whose resources are touched; a rerun after an
 * interrupted cleanup goes on deleting; the same request never makes a second resource, whatever
 * happened to the progress file; a wrong form answer never dead-ends.
 */
import { DeleteStackCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { start } from "../../src/commands/start.js";
import { status } from "../../src/commands/status.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { LabError } from "../../src/errors.js";
import { readCloud, strayEndpoints } from "../../src/lesson/cloud-view.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const creates = (h: Harness, command: string) => h.sandbox.calls.filter((c) => c.command === `${command}Command` && !c.dryRun).length;

async function learnerEndpoints(h: Harness): Promise<string[]> {
  const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
  const view = await readCloud(ctx.clients, ctx.names);
  return view.endpoints.filter((e) => !/^(deleting|deleted)$/i.test(e.state)).map((e) => e.id);
}

async function throughReview(h: Harness): Promise<void> {
  for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl", "review"]) await stepCommand(id, h.opts, h.env);
}

describe("one participant, one truth", () => {
  it("refuses a progress file copied under another prefix, and deletes nothing", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy"]) await stepCommand(id, h.opts, h.env);
    const dir = join(h.stateDir, "participants");
    copyFileSync(join(dir, "alice.json"), join(dir, "bobby.json"));
    const err = await destroy({ ...h.opts, prefix: "bobby" }, h.env).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).key).toBe("usage.stateMismatch");
    expect((err as LabError).exitCode).toBe(2);
    expect(h.sandbox.calls.some((c) => c.command.startsWith("Delete"))).toBe(false);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    expect((await ctx.clients.cfn.send(new DescribeStacksCommand({ StackName: "alice-consumer" }))).Stacks?.[0]?.StackStatus).toBe("CREATE_COMPLETE");
  });
});

describe("cleanup is a state the cloud shows", () => {
  it("deletes in the order AWS requires: endpoint, its group, endpoint service, then the stacks", async () => {
    const h = harness();
    await throughReview(h);
    const from = h.sandbox.calls.length;
    await destroy(h.opts, h.env);
    const order = h.sandbox.calls
      .slice(from)
      .map((c) => c.command.replace(/Command$/, ""))
      .filter((c) => /^Delete/.test(c))
      .filter((c, i, all) => all.indexOf(c) === i);
    expect(order).toEqual(["DeleteVpcEndpoints", "DeleteSecurityGroup", "DeleteVpcEndpointServiceConfigurations", "DeleteStack"]);
  });

  it("a cleanup cut short by throttling goes on deleting when run again, and builds nothing", async () => {
    const h = harness();
    await throughReview(h);
    h.sandbox.faults.add({ command: "DeleteSecurityGroup", code: "Throttling", times: 40 });
    await expect(start(h.opts, h.env)).rejects.toThrow();
    const stacks = creates(h, "CreateStack");
    const endpoints = creates(h, "CreateVpcEndpoint");
    while (h.sandbox.faults.take("DeleteSecurityGroup")) {
      // the throttling is over: use up what is left of the fault
    }
    await start(h.opts, h.env);
    expect(creates(h, "CreateStack")).toBe(stacks);
    expect(creates(h, "CreateVpcEndpoint")).toBe(endpoints);
    expect(await learnerEndpoints(h)).toEqual([]);
    expect(h.host.ofType("lesson-finished").at(-1)).toMatchObject({ cleanedUp: true });
  });

  it("sees a cleanup done by hand in the console; status says the lesson is finished", async () => {
    const h = harness();
    await throughReview(h);
    await destroy(h.opts, h.env);
    rmSync(h.stateDir, { recursive: true, force: true }); // and the progress file is gone too
    const host = new RecordingHost();
    await status(h.opts, { ...h.env, makeHost: () => host });
    const report = host.ofType("status")[0]!;
    expect(report.steps.every((st) => st.done), JSON.stringify(report.steps)).toBe(true);
    expect(report.finished?.text).toContain("--restart");
    await start(h.opts, { ...h.env, makeHost: () => host });
    expect(creates(h, "CreateStack")).toBe(2); // not built again
  });

  it("deploy never builds over, or waits on, a stack that is being deleted", async () => {
    const h = harness({ speed: 1 });
    for (const id of ["preflight", "deploy"]) {
      const run = stepCommand(id, h.opts, h.env);
      for (let i = 0; i < 400 && !(await Promise.race([run.then(() => true), new Promise((r) => setTimeout(() => r(false), 1))])); i++) h.clock.advance(30_000);
      await run;
    }
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: "alice-provider" }));
    const err = await stepCommand("deploy", h.opts, h.env).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).key).toBe("error.stackDeleting");
  });
});

describe("nothing is made twice, nothing dead-ends", () => {
  it("an answer lost after CreateVpcEndpoint succeeded: the SDK's retry gets the same endpoint", async () => {
    const h = harness();
    h.sandbox.faults.add({ command: "CreateVpcEndpoint", code: "", after: "lose" });
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint"]) await stepCommand(id, h.opts, h.env);
    expect(creates(h, "CreateVpcEndpoint")).toBe(2);
    expect(await learnerEndpoints(h)).toHaveLength(1);
  });

  it("the same request after the progress file is lost sends the same ClientToken", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint"]) await stepCommand(id, h.opts, h.env);
    const tokens = () => Object.values(h.sandbox.store.snapshot().regions["ap-northeast-1"]!.vpcEndpoints).map((e) => e.ClientToken).filter(Boolean);
    const first = tokens();
    rmSync(h.stateDir, { recursive: true, force: true });
    // Re-sending the step's own create (as a rerun after a crash between the call and the save would):
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const { createInterfaceEndpoint } = await import("../../src/lesson/steps/interface-endpoint.js");
    const view = await readCloud(ctx.clients, ctx.names);
    const ep = view.endpoints[0]!;
    const again = await createInterfaceEndpoint(ctx, { serviceName: ep.serviceName, vpcId: ep.vpcId, subnetIds: ep.subnetIds, sgIds: ep.sgIds, name: "alice-endpoint" });
    expect(again).toBe(ep.id);
    expect(tokens()).toEqual(first);
  });

  it("hands-on: an S3 interface endpoint by mistake is named, offered for deletion, and the right one follows", async () => {
    const h = harness({ opts: { mode: "hands-on" } });
    for (const id of ["preflight", "deploy", "tour", "endpoint-service"]) await stepCommand(id, { ...h.opts, mode: "guided" }, h.env);
    const wrong = new RecordingHost("en", true, [
      { match: "How do you want", value: "form", times: 1 },
      { match: "Service name", value: "com.amazonaws.ap-northeast-1.s3" },
      { match: "How do you want", value: () => { throw new Error("stop after one try"); } },
    ]);
    await stepCommand("interface-endpoint", h.opts, { ...h.env, makeHost: () => wrong }).catch(() => undefined);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const strays = strayEndpoints(await readCloud(ctx.clients, ctx.names));
    expect(strays.map((e) => e.serviceName)).toEqual(["com.amazonaws.ap-northeast-1.s3"]);
    const fix = new RecordingHost("en", true, [
      { match: "How do you want", value: "guided" },
      { match: `Delete endpoint ${strays[0]!.id}`, value: true },
    ]);
    await stepCommand("interface-endpoint", h.opts, { ...h.env, makeHost: () => fix });
    expect(fix.ofType("notice").some((n) => n.message.includes(strays[0]!.id))).toBe(true);
    expect(fix.ofType("step-finished").at(-1)).toMatchObject({ step: "interface-endpoint", status: "done" });
    const left = (await ctx.clients.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-endpoint-id", Values: [strays[0]!.id] }] }))).VpcEndpoints ?? [];
    expect(left.filter((e) => !/deleting|deleted/i.test(String(e.State)))).toEqual([]);
  });
});
