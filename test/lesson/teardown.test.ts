/**
 * destroy from every point of the lesson, from stacks left DELETE_FAILED by a wrong-order delete,
 * and with no progress file: it ends with nothing tagged for the participant, and never touches
 * what is not the participant's.
 */
import { CreateStackCommand, DeleteStackCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { CreateSecurityGroupCommand, DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { LabError } from "../../src/errors.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { isEmpty } from "../../src/lesson/teardown.js";
import { packageRoot } from "../../src/paths.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

async function context(h: Harness) {
  const s = await openSession(h.opts, h.env);
  return lessonContext(h.opts, h.env, s, false);
}

async function taggedLeft(h: Harness): Promise<number> {
  const ctx = await context(h);
  const view = await readCloud(ctx.clients, ctx.names);
  const endpoints = await ctx.clients.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "tag:privatelink-lab:participant", Values: [h.opts.prefix!] }] }));
  return (isEmpty(view) ? 0 : 1) + (endpoints.VpcEndpoints ?? []).filter((e) => String(e.State).toLowerCase() !== "deleted").length;
}

async function runThrough(h: Harness, last: string): Promise<void> {
  for (const s of STEPS) {
    if (s.id === "cleanup") break;
    await stepCommand(s.id, h.opts, h.env);
    if (s.id === last) break;
  }
}

describe("destroy", () => {
  it.each(STEPS.filter((s) => s.id !== "cleanup").map((s) => s.id))("after step %s leaves nothing tagged", async (last) => {
    const h = harness();
    await runThrough(h, last);
    await destroy(h.opts, h.env);
    expect(await taggedLeft(h)).toBe(0);
  });

  it("finishes a half-built deployment (stacks still creating)", async () => {
    const h = harness({ speed: 1 });
    await stepCommand("preflight", h.opts, h.env);
    const ctx = await context(h);
    const body = readFileSync(join(packageRoot(), "templates", "Consumer.yml"), "utf8");
    await ctx.clients.cfn.send(
      new CreateStackCommand({
        StackName: "alice-consumer",
        TemplateBody: body,
        Capabilities: ["CAPABILITY_NAMED_IAM"],
        Parameters: [{ ParameterKey: "Prefix", ParameterValue: "alice" }],
        Tags: [{ Key: "privatelink-lab:participant", Value: "alice" }],
      }),
    );
    h.clock.advance(20_000); // a few resources in
    await destroy(h.opts, h.env);
    expect(await taggedLeft(h)).toBe(0);
  });

  it("recovers stacks a learner deleted in the wrong order (DELETE_FAILED), removing our blockers", async () => {
    const h = harness();
    await runThrough(h, "accept");
    const ctx = await context(h);
    // The learner deletes both stacks in the console first: the endpoint and the service block them.
    for (const name of ["alice-consumer", "alice-provider"]) await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: name }));
    h.clock.advance(3_600_000);
    const statuses = await Promise.all(
      ["alice-consumer", "alice-provider"].map(async (n) => (await ctx.clients.cfn.send(new DescribeStacksCommand({ StackName: n }))).Stacks?.[0]?.StackStatus),
    );
    expect(statuses).toEqual(["DELETE_FAILED", "DELETE_FAILED"]);
    await destroy(h.opts, h.env);
    expect(await taggedLeft(h)).toBe(0);
  });

  it("names a blocker it did not create instead of deleting it", async () => {
    const h = harness();
    await runThrough(h, "deploy");
    const ctx = await context(h);
    const view = await readCloud(ctx.clients, ctx.names);
    const vpc = view.consumer!.resources.Vpc!;
    const foreign = await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: "made-by-hand", Description: "hand", VpcId: vpc }));
    const err = await destroy(h.opts, h.env).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).key).toBe("error.stackBlocked");
    expect(String((err as LabError).vars.blockers)).toContain(foreign.GroupId!);
    const groups = await ctx.clients.ec2.send(new (await import("@aws-sdk/client-ec2")).DescribeSecurityGroupsCommand({ GroupIds: [foreign.GroupId!] }));
    expect(groups.SecurityGroups?.length).toBe(1); // still there
  });

  it("never deletes a same-named stack that is not the participant's", async () => {
    const h = harness();
    await stepCommand("preflight", h.opts, h.env);
    const ctx = await context(h);
    const body = readFileSync(join(packageRoot(), "templates", "Provider.yml"), "utf8");
    await ctx.clients.cfn.send(
      new CreateStackCommand({ StackName: "alice-provider", TemplateBody: body, Parameters: [{ ParameterKey: "Prefix", ParameterValue: "someone" }] }),
    );
    await destroy(h.opts, h.env);
    const still = await ctx.clients.cfn.send(new DescribeStacksCommand({ StackName: "alice-provider" }));
    expect(still.Stacks?.[0]?.StackStatus).toBe("CREATE_COMPLETE");
  });

  it("works with the progress file lost: everything is found by tag", async () => {
    const h = harness();
    await runThrough(h, "curl");
    rmSync(h.stateDir, { recursive: true, force: true });
    await destroy(h.opts, h.env);
    expect(await taggedLeft(h)).toBe(0);
  });

  it("--dry-run lists what would go and changes nothing", async () => {
    const h = harness();
    await runThrough(h, "interface-endpoint");
    const before = h.sandbox.calls.length;
    await destroy({ ...h.opts, dryRun: true }, h.env);
    const mutating = h.sandbox.calls.slice(before).filter((c) => /^(Delete|Create|Reject)/.test(c.command));
    expect(mutating).toEqual([]);
    const rows = h.host.ofType("resources").at(-1)!.resources.map((r) => r.kind);
    expect(rows).toEqual(["endpoint", "security-group", "endpoint-service", "stack", "stack"]);
  });
});
