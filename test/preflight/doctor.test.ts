/**
 * `privatelink-lab doctor` and the lesson's preflight step, through the real SDK clients against
 * the sandbox: quotas, names taken by someone else and EC2 permissions are reported before
 * anything is created.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CreateStackCommand } from "@aws-sdk/client-cloudformation";
import { CreateVpcCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { doctor } from "../../src/commands/doctor.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { start } from "../../src/commands/start.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { LabError } from "../../src/errors.js";
import { loadMessages, translator } from "../../src/i18n/messages.js";
import { packageRoot } from "../../src/paths.js";
import { dataRows } from "../../src/ui/render-data.js";
import { setQuota } from "../../src/sandbox/model/quotas.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

const failOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

/** Table cells of every row a terminal shows for the checks and facts, one string per row. */
const rows = (h: Harness) =>
  h.host.events.flatMap((e) => (e.type === "checks" || e.type === "facts" ? dataRows(e, translator("en")) : [])).map((r) => r.join(" | "));

/** Calls that create something (DryRun requests change nothing and are left out). */
const creations = (h: Harness, from: number) => h.sandbox.calls.slice(from).filter((c) => /^(Create|Run)/.test(c.command) && !c.dryRun);

/** Another team's Consumer stack deployed with the prefix `alice` but without alice's tag. */
async function foreignConsumerStack(h: Harness): Promise<void> {
  const s = await openSession(h.opts, h.env);
  const ctx = await lessonContext(h.opts, h.env, s, false);
  await ctx.clients.cfn.send(
    new CreateStackCommand({
      StackName: "legacy-consumer",
      TemplateBody: readFileSync(join(packageRoot(), "templates", "Consumer.yml"), "utf8"),
      Capabilities: ["CAPABILITY_NAMED_IAM"],
      Parameters: [{ ParameterKey: "Prefix", ParameterValue: "alice" }],
    }),
  );
}

describe("privatelink-lab doctor (sandbox)", () => {
  it("passes on a fresh account, creating nothing", async () => {
    const h = harness();
    await doctor(h.opts, h.env);
    const table = rows(h);
    expect(table.some((r) => r.startsWith("✖"))).toBe(false);
    expect(table).toEqual(expect.arrayContaining([expect.stringMatching(/✔ \| account \| Signed in to account 000000000000/), expect.stringMatching(/✔ \| permission \| ec2:CreateVpc: allowed/)]));
    expect(table.some((r) => /VPCs per Region \(L-F678F1CE\): 0 used of 5, the lesson needs 2/.test(r))).toBe(true);
    expect(table.some((r) => /about \$0\.\d+\/hour \(prices of 2026-11\)/.test(r))).toBe(true);
    expect(h.host.ofType("notice").at(-1)).toMatchObject({ level: "success" });
    expect(creations(h, 0)).toEqual([]);
    expect(h.sandbox.calls.filter((c) => c.dryRun).map((c) => c.command)).toEqual(["CreateVpcCommand", "CreateSecurityGroupCommand", "CreateVpcEndpointCommand", "RunInstancesCommand"]);
  });

  it("says whether it checked the sandbox or an AWS account in its last line", async () => {
    const h = harness();
    await doctor(h.opts, h.env);
    expect(h.host.ofType("notice").at(-1)?.message).toMatch(/^All checks passed in the built-in sandbox, not in an AWS account/);
    // The same fresh account through clients that are not the sandbox's: an AWS account, as far as doctor knows.
    const onAws = harness({ store: h.sandbox.store, opts: { prefix: "bob" } });
    const awsClients = onAws.env.makeClients!;
    onAws.env.makeClients = async (state) => {
      const { sandbox: _sandbox, ...aws } = await awsClients(state);
      return aws;
    };
    await doctor(onAws.opts, onAws.env);
    expect(onAws.host.ofType("notice").at(-1)?.message).toMatch(/^All checks passed: start the lesson with `npx privatelink-lab --prefix bob\b/);
  });

  it("states its facts as data for --json (numbers and ids, no drawn text), the rows a person reads unchanged", async () => {
    const h = harness({ opts: { region: "eu-west-1" } });
    await doctor(h.opts, h.env);
    const facts = h.host.ofType("facts").at(-1)!.facts;
    expect(facts).toEqual({
      creates: { vpcs: 2, instances: 2, nlbs: 1, interfaceEndpoints: 3, gatewayEndpoints: 1, endpointServices: 1, iamRoles: 1 },
      costPerHourUsd: expect.any(Number),
      costRegion: "eu-west-1",
      pricesOf: "2026-11",
      pricesRegion: "us-east-1",
      room: { moreLearners: expect.any(Number) },
    });
    expect(facts.costPerHourUsd).toBeGreaterThan(0.05);
    expect(Number.isInteger(facts.room!.moreLearners)).toBe(true);
    const table = rows(h);
    expect(table).toContain(`Cost while it runs | about $${facts.costPerHourUsd!.toFixed(3)}/hour (prices of 2026-11)`);
    expect(table).toContain(" | (no price table for eu-west-1: us-east-1 prices)");
    expect(table.some((r) => /^Room in this region \| \d+ more learners? with today's quotas$/.test(r)), table.join("\n")).toBe(true);
  });

  it("reports a VPC quota that cannot fit two more VPCs, and the lesson stops before creating anything", async () => {
    const h = harness();
    h.sandbox.store.transact((w) => {
      setQuota(w, "L-F678F1CE", 3);
      setQuota(w, "L-1216C47A", 32);
    });
    for (const id of ["preflight", "deploy"]) await stepCommand(id, { ...h.opts, prefix: "bob" }, h.env); // bob holds 2 of the 3 VPCs
    const from = h.sandbox.calls.length;
    const err = await failOf(doctor(h.opts, h.env));
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).key).toBe("doctor.failed");
    expect((err as LabError).exitCode).toBe(1);
    const vpcRow = rows(h).find((r) => r.includes("L-F678F1CE"));
    expect(vpcRow).toMatch(/^✖ .*2 of 3 VPCs are in use in this sandbox account.*needs 2/);
    // The sandbox cannot ask AWS for more: the fix is the lab that holds them.
    expect(rows(h)).toContain(" |  | → Delete a lab you no longer need (labs in this sandbox: bob), e.g. `npx privatelink-lab destroy --prefix bob --sandbox`");
    // The same account seen as AWS (clients that are not the sandbox's): the increase to request.
    const onAws = harness({ store: h.sandbox.store });
    const awsClients = onAws.env.makeClients!;
    onAws.env.makeClients = async (state) => {
      const { sandbox: _sandbox, ...aws } = await awsClients(state);
      return aws;
    };
    // A lesson on AWS (its profile): in --sandbox the command would go to the sandbox's --endpoint-url.
    await failOf(doctor({ ...onAws.opts, sandbox: false, profile: "work" }, onAws.env));
    expect(rows(onAws)).toContain(" |  | → Delete VPCs you no longer use, pick another --region, or request 4: `aws service-quotas request-service-quota-increase --service-code vpc --quota-code L-F678F1CE --desired-value 4 --profile work`");

    const stop = await failOf(start(h.opts, h.env));
    expect((stop as LabError).key).toBe("doctor.quota.sandboxVpcsShort");
    expect(creations(h, from)).toEqual([]);
    expect(h.sandbox.calls.slice(from).some((c) => c.command === "CreateStackCommand")).toBe(false);
  });

  it("reports names someone else holds (IAM role and instance profile), and the lesson stops before CreateStack", async () => {
    const h = harness();
    h.sandbox.store.transact((w) => setQuota(w, "L-1216C47A", 32)); // the foreign stack's instance uses 2 vCPUs
    await foreignConsumerStack(h);
    const from = h.sandbox.calls.length;
    await expect(doctor(h.opts, h.env)).rejects.toMatchObject({ key: "doctor.failed", vars: { n: 2 } });
    const taken = rows(h).filter((r) => r.startsWith("✖"));
    expect(taken).toEqual([
      "✖ | name | AWS::IAM::Role alice-ec2-role already exists and is not yours (participant tag: -).",
      "✖ | name | AWS::IAM::InstanceProfile alice-ec2-instance-profile already exists and is not yours (participant tag: -).",
    ]);
    expect(rows(h)).toContain(" |  | → Choose another prefix, e.g. --prefix alice-2 (IAM role names are shared by the whole account).");

    const stop = await failOf(start(h.opts, h.env));
    expect(stop).toMatchObject({ key: "doctor.name.taken", vars: { name: "alice-ec2-role" } });
    expect(h.sandbox.calls.slice(from).some((c) => c.command === "CreateStackCommand")).toBe(false);
  });

  it("treats a stack with the lesson's name but another owner as taken, and the learner's own stacks as a resume", async () => {
    const h = harness();
    h.sandbox.store.transact((w) => setQuota(w, "L-1216C47A", 32));
    for (const id of ["preflight", "deploy"]) await stepCommand(id, h.opts, h.env);
    await doctor(h.opts, h.env);
    expect(rows(h).filter((r) => r.includes("already yours")).length).toBe(6);
    expect(h.host.ofType("notice").at(-1)?.message).toContain("already exist");

    const other = harness({ store: h.sandbox.store, opts: { prefix: "alice" } });
    const s = await openSession(other.opts, other.env);
    const ctx = await lessonContext(other.opts, other.env, s, false);
    await ctx.clients.cfn.send(new CreateStackCommand({ StackName: "carol-provider", TemplateBody: readFileSync(join(packageRoot(), "templates", "Provider.yml"), "utf8"), Parameters: [{ ParameterKey: "Prefix", ParameterValue: "carol-x" }] }));
    await expect(doctor({ ...other.opts, prefix: "carol" }, other.env)).rejects.toMatchObject({ key: "doctor.failed" });
    expect(rows(other).filter((r) => r.startsWith("✖"))).toEqual(["✖ | name | AWS::CloudFormation::Stack carol-provider already exists and is not yours (participant tag: -)."]);
  });

  it("reports an EC2 permission denied by DryRun, naming the missing action", async () => {
    const h = harness();
    h.sandbox.faults.add({ command: "CreateVpcEndpoint", code: "UnauthorizedOperation", times: 1 });
    await expect(doctor(h.opts, h.env)).rejects.toMatchObject({ key: "doctor.failed", vars: { n: 1 } });
    expect(rows(h).filter((r) => r.startsWith("✖"))).toEqual(["✖ | permission | ec2:CreateVpcEndpoint: your AWS identity is not allowed to do this."]);
    expect(rows(h)).toEqual(expect.arrayContaining([expect.stringContaining("→ Ask your administrator for the permissions in iam-policy.json")]));
  });

  it("the lesson stops at preflight on a denied permission, in Japanese too", async () => {
    const h = harness({ opts: { lang: "ja" } });
    h.sandbox.faults.add({ command: "RunInstances", code: "UnauthorizedOperation", times: 1 });
    const err = (await failOf(start(h.opts, h.env))) as LabError;
    expect(err.key).toBe("doctor.permission.denied");
    expect(translator("ja")(err.key, err.vars)).toBe("ec2:RunInstances：あなたの AWS ID にはこの操作の権限がありません。");
    expect(h.sandbox.calls.some((c) => c.command === "CreateStackCommand")).toBe(false);
  });

  it("falls back to AWS's default quotas when Service Quotas is denied, and says so", async () => {
    const h = harness();
    h.sandbox.faults.add({ command: "GetServiceQuota", code: "AccessDeniedException", times: Infinity });
    await doctor(h.opts, h.env);
    expect(rows(h)).toEqual(expect.arrayContaining([
      "! | quota | Could not read your account's quotas (AccessDeniedException): using AWS's default values.",
      expect.stringMatching(/^✔ \| quota \| VPCs per Region \(L-F678F1CE\): 0 used of 5/),
    ]));
  });

  it("stops at identity when the session has expired, with the command that fixes it", async () => {
    const h = harness();
    h.sandbox.faults.add({ command: "GetCallerIdentity", code: "ExpiredToken", times: Infinity });
    await expect(doctor(h.opts, h.env)).rejects.toMatchObject({ key: "doctor.failed", vars: { n: 1 } });
    expect(rows(h)[0]).toBe("✖ | account | Your AWS session has expired.");
    expect(h.sandbox.calls.some((c) => c.service === "servicequotas")).toBe(false);
  });

  it("has every message the checks can produce, in both languages", () => {
    const keys = [
      "doctor.identity.ok", "doctor.region.ok", "doctor.region.invalid", "doctor.region.unknown", "doctor.region.unreachable", "doctor.zone.ok", "doctor.ami.ok",
      "doctor.name.free", "doctor.name.yours", "doctor.name.taken", "doctor.name.unchecked", "doctor.quota.ok", "doctor.quota.perVpcOk", "doctor.quota.short",
      "doctor.quota.vpcsShort", "doctor.quota.assumed", "doctor.permission.ok", "doctor.permission.denied", "doctor.permission.unknown",
      "doctor.group.account", "doctor.group.quota", "doctor.group.name", "doctor.group.permission", "doctor.help.cmd", "doctor.help.examples",
    ];
    for (const lang of ["en", "ja"] as const) {
      const table = loadMessages(lang);
      expect(keys.filter((k) => table[k] === undefined), lang).toEqual([]);
    }
  });
});

describe("sandbox EC2 DryRun", () => {
  it("answers DryRunOperation (412) and creates nothing; an injected denial names the action", async () => {
    const h = harness();
    const s = await openSession(h.opts, h.env);
    const { clients } = await lessonContext(h.opts, h.env, s, false);
    const ok = (await failOf(clients.ec2.send(new CreateVpcCommand({ DryRun: true, CidrBlock: "10.0.0.0/16" })))) as { name: string; message: string; $metadata: { httpStatusCode: number } };
    expect([ok.name, ok.message, ok.$metadata.httpStatusCode]).toEqual(["DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412]);
    expect((await clients.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
    h.sandbox.faults.add({ command: "CreateVpc", code: "UnauthorizedOperation" });
    const denied = (await failOf(clients.ec2.send(new CreateVpcCommand({ DryRun: true, CidrBlock: "10.0.0.0/16" })))) as Error;
    expect(denied.name).toBe("UnauthorizedOperation");
    expect(denied.message).toMatch(/is not authorized to perform: ec2:CreateVpc on resource: arn:aws:ec2:ap-northeast-1:000000000000:vpc\/\*/);
  });
});
