/**
 * The beginner's by-hand mistake: the interface endpoint to their own endpoint service made in the
 * Provider VPC (the two stacks' VPCs used to carry the same Name). The sandbox blocks what AWS
 * blocks while it exists; the lesson's verify, `status` and `diagnose` name it with what to do;
 * `destroy` deletes it first (and its group), and a run cut short goes on deleting.
 */
import { DeleteStackCommand, DescribeStackEventsCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import {
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DescribeInstancesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  RejectVpcEndpointConnectionsCommand,
} from "@aws-sdk/client-ec2";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { diagnose } from "../../src/commands/diagnose.js";
import { diagnose as diagnoseCore } from "../../src/diagnose/diagnose.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { status } from "../../src/commands/status.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { detectionVars } from "../../src/lesson/step.js";
import { ourEndpoint, ourService, readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { interfaceEndpoint } from "../../src/lesson/steps/interface-endpoint.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import { preferredPort, sandboxCredentials } from "../../src/sandbox/serve/credentials.js";
import type { WorldStore } from "../../src/sandbox/store.js";
import { byHandSteps } from "../helpers/by-hand-steps.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const PREFIX = "hand";
const byHand = byHandSteps(PREFIX);

async function context(h: Harness): Promise<LessonContext> {
  return lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
}

/** Deploy and the endpoint service by hand, then the endpoint (with `<prefix>-endpoint-sg`) in the Provider VPC. */
async function wrongVpcBuild(store?: WorldStore): Promise<{ h: Harness; ctx: LessonContext; endpointId: string; groupId: string; consumerVpc: string; providerVpc: string }> {
  const h = harness({ opts: { prefix: PREFIX, mode: "hands-on" }, ...(store ? { store } : {}) });
  h.env.learnerReachesSandbox = true;
  await stepCommand("preflight", { ...h.opts, mode: "guided" }, h.env);
  const ctx = await context(h);
  await byHand.deploy!(ctx);
  await byHand["endpoint-service"]!(ctx);
  const view = await readCloud(ctx.clients, ctx.names);
  const providerVpc = view.provider!.resources.Vpc!;
  const sg = await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: `${PREFIX}-endpoint-sg`, Description: "endpoint", VpcId: providerVpc }));
  const ep = await ctx.clients.ec2.send(
    new CreateVpcEndpointCommand({
      VpcEndpointType: "Interface",
      VpcId: providerVpc,
      ServiceName: ourService(view)!.name,
      SubnetIds: [view.provider!.resources.PrivateSubnet!],
      SecurityGroupIds: [sg.GroupId!],
      PrivateDnsEnabled: false,
    }),
  );
  return { h, ctx, endpointId: ep.VpcEndpoint!.VpcEndpointId!, groupId: sg.GroupId!, consumerVpc: view.consumer!.resources.Vpc!, providerVpc };
}

async function liveEndpoints(ctx: LessonContext): Promise<string[]> {
  const eps = (await ctx.clients.ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints ?? [];
  return eps.filter((e) => !/deleted/i.test(String(e.State)) && String(e.ServiceName).includes("vpce-svc")).map((e) => e.VpcEndpointId!);
}

async function learnerLeft(ctx: LessonContext): Promise<string[]> {
  const svcs = (await ctx.clients.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}))).ServiceConfigurations ?? [];
  const sgs = (await ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
  return [
    ...(await liveEndpoints(ctx)),
    ...svcs.filter((s) => !/deleted/i.test(String(s.ServiceState))).map((s) => s.ServiceId!),
    ...sgs.filter((g) => g.GroupName === `${PREFIX}-endpoint-sg`).map((g) => g.GroupId!),
  ];
}

describe("the sandbox blocks what AWS blocks while the endpoint is in the Provider VPC", () => {
  it("the endpoint service will not delete (ExistingVpcEndpointConnections); the Provider stack's subnet will not either", async () => {
    const { h, ctx, endpointId } = await wrongVpcBuild();
    const view = await readCloud(ctx.clients, ctx.names);
    const serviceId = ourService(view)!.id;
    const out = await ctx.clients.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
    expect(out.Unsuccessful?.map((u) => u.Error?.Code)).toEqual(["ExistingVpcEndpointConnections"]);
    // Rejected, the connection lets the service go; the endpoint's network interface stays in the Provider subnet.
    await ctx.clients.ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [endpointId] }));
    const again = await ctx.clients.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
    expect(again.Unsuccessful ?? []).toEqual([]);
    await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: ctx.names.providerStack }));
    h.clock.advance(3_600_000);
    const stack = (await ctx.clients.cfn.send(new DescribeStacksCommand({ StackName: ctx.names.providerStack }))).Stacks?.[0];
    expect(stack?.StackStatus).toBe("DELETE_FAILED");
    const events = (await ctx.clients.cfn.send(new DescribeStackEventsCommand({ StackName: ctx.names.providerStack }))).StackEvents ?? [];
    const failed = events.filter((e) => e.ResourceStatus === "DELETE_FAILED").map((e) => e.LogicalResourceId);
    expect(failed).toContain("PrivateSubnet");
  });
});

describe("the two stacks' resources are told apart by name in the console", () => {
  it("each Name tag (and group name) says its side", async () => {
    const { ctx } = await wrongVpcBuild();
    const view = await readCloud(ctx.clients, ctx.names);
    const name = (tags: { Key?: string; Value?: string }[] | undefined) => tags?.find((t) => t.Key === "Name")?.Value;
    const ec2 = ctx.clients.ec2;
    const names = async (side: "consumer" | "provider") => {
      const r = view[side]!.resources;
      return {
        vpc: name((await ec2.send(new DescribeVpcsCommand({ VpcIds: [r.Vpc!] }))).Vpcs?.[0]?.Tags),
        subnet: name((await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [r.PrivateSubnet!] }))).Subnets?.[0]?.Tags),
        table: name((await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [r.PrivateRouteTable!] }))).RouteTables?.[0]?.Tags),
        sg: (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [r.SecurityGroup!] }))).SecurityGroups?.map((g) => [g.GroupName, name(g.Tags)].join(" "))[0],
        ec2: name((await ec2.send(new DescribeInstancesCommand({ InstanceIds: [r.EC2Instance!] }))).Reservations?.[0]?.Instances?.[0]?.Tags),
      };
    };
    const expected = (side: string) => ({ vpc: `hand-${side}-vpc`, subnet: `hand-${side}-private-subnet`, table: `hand-${side}-table`, sg: `hand-${side}-sg hand-${side}-sg`, ec2: `hand-${side}-ec2` });
    expect(await names("consumer")).toEqual(expected("consumer"));
    expect(await names("provider")).toEqual(expected("provider"));
  });
});

describe("the lesson names the endpoint in the Provider VPC", () => {
  it("verify says where it is and what to do, in both languages", async () => {
    const { h, endpointId, consumerVpc, providerVpc } = await wrongVpcBuild();
    const host = new RecordingHost("en", true, [
      { match: "How do you want", value: "verify", times: 1 },
      { match: "How do you want", value: () => { throw new Error("asked again"); } },
    ]);
    await expect(stepCommand("interface-endpoint", h.opts, { ...h.env, makeHost: () => host })).rejects.toThrow("asked again");
    const said = host.ofType("notice").map((n) => n.message).join("\n");
    const command = `aws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${endpointId} --region ap-northeast-1`;
    expect(said).toContain(command);
    expect(said).toContain(providerVpc);
    expect(said).toContain(consumerVpc);
    const ctx = await context(h);
    const d = interfaceEndpoint.detect(await readCloud(ctx.clients, ctx.names), ctx.state);
    expect(d.done).toBe(false);
    const ja = translator("ja")(d.why, detectionVars(d, ctx));
    expect(ja).toContain(command);
    expect(ja).toContain(consumerVpc);
    expect(ja).toMatch(/Provider VPC/);
    // A whole sentence, as the other step texts in status and verify are.
    expect(translator("en")(d.why, detectionVars(d, ctx))).toMatch(/\.$/);
    expect(ja).toMatch(/。$/);
  });

  it("status names it on the step and lists it to delete", async () => {
    const { h, endpointId } = await wrongVpcBuild();
    await status(h.opts, h.env);
    const report = h.host.ofType("status").at(-1)!;
    const step = report.steps.find((s) => s.id === "interface-endpoint")!;
    expect(step.done).toBe(false);
    expect(step.text).toContain(endpointId);
    expect(report.resources.map((r) => r.id)).toContain(endpointId);
  });

  it("diagnose names it", async () => {
    const { h, endpointId, consumerVpc } = await wrongVpcBuild();
    await expect(diagnose(h.opts, h.env)).rejects.toMatchObject({ key: "diagnose.broken" });
    const d = h.host.ofType("diagnosis").at(-1)!;
    expect(d.first?.id).toBe("endpoint");
    expect(d.first?.what).toContain(endpointId);
    expect(d.first?.what).toContain(consumerVpc);
    expect(d.first?.cli).toContain(`aws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${endpointId} --region ap-northeast-1`);
    // The sandbox's console path is left out (its console cannot see the account); on AWS it names the Consumer VPC.
    expect(d.first?.console).toBeUndefined();
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const onAws = await diagnoseCore({ ...ctx, clients: { ...ctx.clients, sandbox: undefined } });
    expect(onAws.first?.console).toContain(consumerVpc);
  });

  it.each(["en", "ja"] as const)("diagnose's AWS CLI fix (%s) deletes it, then shows how to create it in the Consumer VPC", async (lang) => {
    const { h, endpointId } = await wrongVpcBuild();
    const host = new RecordingHost(lang, false, []);
    await expect(diagnose(h.opts, { ...h.env, makeHost: () => host })).rejects.toMatchObject({ key: "diagnose.broken" });
    const cli = host.ofType("diagnosis").at(-1)!.first!.cli!;
    const del = cli.indexOf(`aws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${endpointId}`);
    expect(del).toBeGreaterThanOrEqual(0);
    expect(cli.indexOf("npx privatelink-lab step interface-endpoint")).toBeGreaterThan(del);
    expect(cli).toMatch(lang === "ja" ? /作り直/ : /then create it in the Consumer VPC/);
  });

  it("status names one left in the Provider VPC beside the right endpoint, with its delete command", async () => {
    const { h, ctx, endpointId, providerVpc } = await wrongVpcBuild();
    await byHand["interface-endpoint"]!(ctx);
    await status(h.opts, h.env);
    const step = h.host.ofType("status").at(-1)!.steps.find((s) => s.id === "interface-endpoint")!;
    expect(step.done).toBe(true);
    const command = `aws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${endpointId} --region ap-northeast-1`;
    expect(step.text).toContain(command);
    expect(step.text).toContain(providerVpc);
    const d = interfaceEndpoint.detect(await readCloud(ctx.clients, ctx.names), ctx.state);
    expect(translator("ja")(d.why, detectionVars(d, ctx))).toContain(command);
  });

  it("the tool's own step names it, offers to delete it, and makes the endpoint in the Consumer VPC", async () => {
    const { h, ctx, endpointId, consumerVpc } = await wrongVpcBuild();
    const host = new RecordingHost("en", true, [{ match: `Delete endpoint ${endpointId}`, value: true }]);
    await stepCommand("interface-endpoint", { ...h.opts, mode: "guided" }, { ...h.env, makeHost: () => host });
    expect(host.ofType("notice").map((n) => n.message).join("\n")).toMatch(new RegExp(`${endpointId}.*Provider VPC`));
    expect(await liveEndpoints(ctx)).not.toContain(endpointId);
    expect(ourEndpoint(await readCloud(ctx.clients, ctx.names))?.vpcId).toBe(consumerVpc);
  });

  it("an endpoint in the Consumer VPC is still the lesson's own, and only it", async () => {
    const { ctx, endpointId } = await wrongVpcBuild();
    const view = await readCloud(ctx.clients, ctx.names);
    expect(ourEndpoint(view)).toBeUndefined();
    await byHand["interface-endpoint"]!(ctx);
    const after = await readCloud(ctx.clients, ctx.names);
    expect(ourEndpoint(after)?.vpcId).toBe(after.consumer!.resources.Vpc);
    expect(after.endpoints.map((e) => e.id)).toContain(endpointId);
  });
});

/** A sandbox account kept in a file (as `--sandbox` keeps it), and the address its own port gives. */
function accountFile(): { store: SqliteStore; own: string } {
  const path = join(mkdtempSync(join(tmpdir(), "pll-account-")), "account.db");
  return { store: new SqliteStore(path), own: `http://127.0.0.1:${preferredPort(sandboxCredentials(path))}` };
}

/** Every `aws …` command a text names (in backticks, as a command to paste). */
const awsCommandsIn = (text: string): string[] => [...text.matchAll(/`(aws [^`]+)`/g)].map((m) => m[1]!);

describe.each(["en", "ja"] as const)("in --sandbox, its delete command reaches only the sandbox on this computer (%s)", (lang) => {
  it("verify, status and the done text name it with the sandbox's --endpoint-url on 127.0.0.1: pasted anywhere, it never reaches AWS", async () => {
    const { store, own } = accountFile();
    const { h, ctx, endpointId } = await wrongVpcBuild(store);
    const command = `aws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${endpointId} --region ap-northeast-1 --endpoint-url ${own}`;
    const opts = { ...h.opts, lang };
    // wrongVpc.detect: verify (hands-on) and status.
    const verify = new RecordingHost(lang, true, [
      { match: translator(lang)("engine.howToDo"), value: "verify", times: 1 },
      { match: translator(lang)("engine.howToDo"), value: () => { throw new Error("asked again"); } },
    ]);
    await expect(stepCommand("interface-endpoint", opts, { ...h.env, makeHost: () => verify })).rejects.toThrow("asked again");
    const said = verify.ofType("notice").map((n) => n.message).join("\n");
    expect(awsCommandsIn(said)).toEqual([command]);
    const before = new RecordingHost(lang);
    await status(opts, { ...h.env, makeHost: () => before });
    expect(awsCommandsIn(before.ofType("status").at(-1)!.steps.find((s) => s.id === "interface-endpoint")!.text)).toEqual([command]);
    // vpcPolish.leftover (status) and texts.leftInProviderVpc (the step's done text), the right endpoint made beside it.
    await byHand["interface-endpoint"]!(ctx);
    const after = new RecordingHost(lang);
    await status(opts, { ...h.env, makeHost: () => after });
    expect(awsCommandsIn(after.ofType("status").at(-1)!.steps.find((s) => s.id === "interface-endpoint")!.text)).toEqual([command]);
    const done = new RecordingHost(lang, true, [{ match: translator(lang)("engine.howToDo"), value: "verify" }]);
    await stepCommand("interface-endpoint", opts, { ...h.env, makeHost: () => done });
    const doneText = done.ofType("explain").filter((e) => e.section === "done").map((e) => e.markdown).join("\n");
    expect(awsCommandsIn(doneText)).toEqual([command]);
  });
});

describe("destroy deletes it first", () => {
  it("the endpoint, its group, the service and both stacks go, with no stack left DELETE_FAILED", async () => {
    const { h, ctx } = await wrongVpcBuild();
    const from = h.sandbox.calls.length;
    await destroy({ ...h.opts, yes: true }, h.env);
    const deletes = h.sandbox.calls.slice(from).map((c) => c.command.replace(/Command$/, "")).filter((c) => c.startsWith("Delete"));
    expect(deletes.filter((c, i) => deletes.indexOf(c) === i)).toEqual(["DeleteVpcEndpoints", "DeleteSecurityGroup", "DeleteVpcEndpointServiceConfigurations", "DeleteStack"]);
    expect(deletes.filter((c) => c === "DeleteStack")).toHaveLength(2); // once each: nothing blocked them
    expect(await learnerLeft(ctx)).toEqual([]);
    const after = await readCloud(ctx.clients, ctx.names);
    expect([after.consumer, after.provider]).toEqual([undefined, undefined]);
  });

  it("with the Consumer stack already deleted by hand (the endpoint was not in it), it is still found and deleted first", async () => {
    const { h, ctx } = await wrongVpcBuild();
    await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: ctx.names.consumerStack }));
    h.clock.advance(3_600_000);
    expect((await readCloud(ctx.clients, ctx.names)).consumer).toBeUndefined();
    const from = h.sandbox.calls.length;
    await destroy({ ...h.opts, yes: true }, h.env);
    const sent = h.sandbox.calls.slice(from).map((c) => c.command.replace(/Command$/, ""));
    expect(sent).not.toContain("RejectVpcEndpointConnections"); // deleted, not just cut off
    expect(sent.filter((c) => c === "DeleteStack")).toHaveLength(1); // the Provider's, once: nothing blocked it
    expect(await learnerLeft(ctx)).toEqual([]);
    expect((await readCloud(ctx.clients, ctx.names)).provider).toBeUndefined();
  });

  it.each(["DeleteSecurityGroup", "DeleteVpcEndpointServiceConfigurations"])("a destroy cut short at %s goes on deleting when run again", async (cut) => {
    const { h, ctx, endpointId, groupId } = await wrongVpcBuild();
    h.sandbox.faults.add({ command: cut, code: "Throttling", times: 40 });
    await expect(destroy({ ...h.opts, yes: true }, h.env)).rejects.toThrow();
    expect(await learnerLeft(ctx)).not.toContain(endpointId);
    if (cut !== "DeleteSecurityGroup") expect(await learnerLeft(ctx)).not.toContain(groupId);
    while (h.sandbox.faults.take(cut)) {
      // the throttling is over
    }
    const from = h.sandbox.calls.length;
    await destroy({ ...h.opts, yes: true }, h.env);
    expect(h.sandbox.calls.slice(from).filter((c) => c.command === "DeleteStackCommand")).toHaveLength(2); // nothing blocked them
    expect(await learnerLeft(ctx)).toEqual([]);
    const after = await readCloud(ctx.clients, ctx.names);
    expect([after.consumer, after.provider]).toEqual([undefined, undefined]);
  });
});
