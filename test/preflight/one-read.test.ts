/**
 * Preflight asks AWS each fact once per command (issue 23: on AWS every call is 50-150 ms a
 * learner waits for): the checks share one read of the zones, the VPCs and the load balancers;
 * the lesson's preflight step takes the stacks and the caller the lesson has just read. A read
 * that failed is asked again by the next check, never kept as an answer.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CreateStackCommand } from "@aws-sdk/client-cloudformation";
import { describe, expect, it } from "vitest";
import { doctor } from "../../src/commands/doctor.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { packageRoot } from "../../src/paths.js";
import type { CallRecord } from "../../src/sandbox/middleware.js";
import { dataRows } from "../../src/ui/render-data.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

/** The operations sent more than once, with how often. */
function repeated(calls: readonly CallRecord[]): Record<string, number> {
  const n: Record<string, number> = {};
  for (const c of calls) n[c.command] = (n[c.command] ?? 0) + 1;
  return Object.fromEntries(Object.entries(n).filter(([, k]) => k > 1));
}

const count = (h: Harness, command: string) => h.sandbox.calls.filter((c) => c.command === command).length;

const rows = (h: Harness) =>
  h.host.events.flatMap((e) => (e.type === "checks" ? dataRows(e, translator("en")) : [])).map((r) => r.join(" | "));

describe("preflight reads each fact once", () => {
  it("doctor: only the two stacks and the five quotas are asked more than once (each is another thing)", async () => {
    const h = harness();
    await doctor(h.opts, h.env);
    expect(repeated(h.sandbox.calls)).toEqual({ DescribeStacksCommand: 2, GetServiceQuotaCommand: 5 });
    for (const op of ["GetCallerIdentityCommand", "DescribeAvailabilityZonesCommand", "DescribeVpcsCommand", "DescribeLoadBalancersCommand"]) expect(count(h, op), op).toBe(1);
  });

  it("the lesson's step 0 asks nothing the lesson has just read: the stacks and the caller once in the whole command", async () => {
    const h = harness();
    await stepCommand("preflight", h.opts, h.env);
    // The stacks: the lesson's read of the cloud (one per stack). Endpoints: the learner's, and the region's gateway endpoints (the quota).
    expect(repeated(h.sandbox.calls)).toEqual({ DescribeStacksCommand: 2, GetServiceQuotaCommand: 5, DescribeVpcEndpointsCommand: 2 });
    for (const op of ["GetCallerIdentityCommand", "DescribeAvailabilityZonesCommand", "DescribeVpcsCommand", "DescribeLoadBalancersCommand"]) expect(count(h, op), op).toBe(1);
    expect(h.host.ofType("facts")[0]?.facts).toEqual({ accountId: "000000000000", sandboxAccount: true, identity: "arn:aws:iam::000000000000:user/sandbox-learner", region: "ap-northeast-1" });
  });

  it("step 0 still stops on a stack of the lesson's name that is someone else's, from the lesson's read", async () => {
    const h = harness({ opts: { prefix: "carol" } });
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const template = readFileSync(join(packageRoot(), "templates", "Provider.yml"), "utf8");
    await ctx.clients.cfn.send(new CreateStackCommand({ StackName: "carol-provider", TemplateBody: template, Parameters: [{ ParameterKey: "Prefix", ParameterValue: "carol-x" }] }));
    const from = h.sandbox.calls.length;
    await expect(stepCommand("preflight", h.opts, h.env)).rejects.toMatchObject({ key: "doctor.name.taken", vars: { name: "carol-provider" } });
    expect(h.sandbox.calls.slice(from).filter((c) => c.command === "DescribeStacksCommand").length).toBe(2);
  });

  it("a read that failed is asked again by the next check: a denied name lookup leaves the quota check its own answer", async () => {
    const h = harness();
    h.sandbox.faults.add({ command: "DescribeLoadBalancers", code: "AccessDenied", times: 1 });
    await doctor(h.opts, h.env);
    expect(rows(h)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^! \| name \| .*alice-nlb/),
        expect.stringMatching(/^✔ \| quota \| Network Load Balancers per Region \(L-69A177A2\): 0 used of 50/),
      ]),
    );
    expect(count(h, "DescribeLoadBalancersCommand")).toBe(2);
  });
});
