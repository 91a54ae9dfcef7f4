/**
 * destroy from every point of the lesson, from stacks left DELETE_FAILED by a wrong-order delete,
 * and with no progress file: it ends with nothing tagged for the participant, and never touches
 * what is not the participant's.
 */
import { CreateStackCommand, DeleteStackCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { isEmpty } from "../../src/lesson/teardown.js";
import { packageRoot } from "../../src/paths.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";
import { translator } from "../../src/i18n/messages.js";
import type { Lang } from "../../src/i18n/lang.js";
import type { Choice } from "../../src/ui/io-host.js";

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

  it("deletes a group the learner made by hand in their Consumer VPC (no VPC goes while a group lives in it)", async () => {
    const h = harness();
    await runThrough(h, "deploy");
    const ctx = await context(h);
    const view = await readCloud(ctx.clients, ctx.names);
    const vpc = view.consumer!.resources.Vpc!;
    const own = await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: "made-by-hand", Description: "hand", VpcId: vpc }));
    await destroy(h.opts, h.env);
    const groups = await ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-id", Values: [own.GroupId!] }] }));
    expect(groups.SecurityGroups).toEqual([]);
    expect(await taggedLeft(h)).toBe(0);
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

/** The fixed start of a message (up to its first value). */
const frag = (lang: Lang, key: string) => translator(lang)(key, new Proxy({}, { get: () => "\u0000" }) as Record<string, string>).split("\u0000")[0]!;

/** A hands-on learner at step 9 who deletes the Consumer stack first (the wrong order), then verifies; then lets the tool finish. */
class DeletesStackFirst extends RecordingHost {
  h?: Harness;
  tries = 0;
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    if (message !== translator(this.lang)("engine.howToDo")) return super.select(message, choices, defaultValue);
    if (this.tries++ > 0) return "guided" as T;
    const ctx = await context(this.h!);
    await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: "alice-consumer" }));
    this.h!.clock.advance(3_600_000); // CloudFormation gives up on the subnet the endpoint still uses
    return "verify" as T;
  }
}

describe.each(["en", "ja"] as const)("cleanup in %s: a stack deleted before its endpoint", (lang) => {
  const t = translator(lang);
  it("verify names the DELETE_FAILED stack, AWS's reason and the order to delete in; the tool then finishes", async () => {
    const host = new DeletesStackFirst(lang, true);
    const h = harness({ host, opts: { lang } });
    host.h = h;
    h.env.learnerReachesSandbox = true;
    h.env.env.LANG = lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8";
    await runThrough(h, "review");
    await stepCommand("cleanup", { ...h.opts, mode: "hands-on" }, h.env);
    const notYet = host.ofType("notice").map((n) => n.message).filter((m) => m.startsWith(frag(lang, "engine.notYet")));
    expect(notYet).toHaveLength(1);
    expect(notYet[0]).toContain(frag(lang, "detect.cleanup.stackFailed"));
    expect(notYet[0]).toContain("alice-consumer");
    expect(notYet[0]).toMatch(/subnet-[0-9a-f]+.*has dependencies and cannot be deleted/);
    // What to do, in AWS's order: the endpoint first, then the stack again.
    const after = t("detect.cleanup.stackFailed", { stack: "\u0000", reason: "\u0000" }).split("\u0000").at(-1)!;
    expect(after.length).toBeGreaterThan(20);
    expect(notYet[0]).toContain(after);
    expect(await taggedLeft(h)).toBe(0);
  });

  it("a group made by hand in a lab VPC is said to be deleted, in the learner's language", async () => {
    const host = new RecordingHost(lang, false);
    const h = harness({ host, opts: { lang } });
    await runThrough(h, "deploy");
    const ctx = await context(h);
    const vpc = (await readCloud(ctx.clients, ctx.names)).consumer!.resources.Vpc!;
    const own = await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: "made-by-hand", Description: "hand", VpcId: vpc }));
    await destroy(h.opts, h.env);
    expect(host.ofType("notice").map((n) => n.message)).toContain(t("teardown.handMadeGroupsDeleted", { what: `${own.GroupId!} (made-by-hand)` }));
  });

  it("destroy names a stack left DELETE_FAILED, with AWS's reason, before it deletes the endpoint and the stack again", async () => {
    const host = new RecordingHost(lang, false);
    const h = harness({ host, opts: { lang } });
    h.env.env.LANG = lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8";
    await runThrough(h, "accept");
    const ctx = await context(h);
    await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: "alice-consumer" }));
    h.clock.advance(3_600_000);
    await destroy(h.opts, h.env);
    const said = host.ofType("notice").map((n) => n.message).filter((m) => m.startsWith(frag(lang, "teardown.failedBefore")));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("alice-consumer");
    expect(said[0]).toMatch(/subnet-[0-9a-f]+.*has dependencies and cannot be deleted/);
    expect(await taggedLeft(h)).toBe(0);
  });
});
