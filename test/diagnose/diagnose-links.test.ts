/**
 * Break one link of a finished build at a time, the way a person could by mistake, and check that
 * curl fails and `diagnose` names that link first, with its fix and the real ids, in English and
 * Japanese; then that the same describe shapes, given to the model as plain data, give the same
 * chain (no sandbox needed).
 */
import {
  DeleteVpcEndpointsCommand,
  DescribeSecurityGroupRulesCommand,
  RejectVpcEndpointConnectionsCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  AuthorizeSecurityGroupEgressCommand,
} from "@aws-sdk/client-ec2";
import { DeregisterTargetsCommand, DescribeListenersCommand, ModifyListenerCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { beforeAll, describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { learnersEndpoint, readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { runShell } from "../../src/lesson/ssm-run.js";
import { curlCommand } from "../../src/lesson/steps/curl.js";
import { walkChain } from "../../src/reachability/chain.js";
import { factsFromDescribe } from "../../src/reachability/from-describe.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

async function ruleIds(ctx: LessonContext, groupId: string, egress: boolean, port?: number): Promise<string[]> {
  const out = await ctx.clients.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [groupId] }] }));
  return (out.SecurityGroupRules ?? [])
    .filter((r) => Boolean(r.IsEgress) === egress && (port === undefined || r.IpProtocol === "-1" || ((r.FromPort ?? 0) <= port && port <= (r.ToPort ?? 0))))
    .map((r) => r.SecurityGroupRuleId!);
}

async function ids(ctx: LessonContext) {
  const view = await readCloud(ctx.clients, ctx.names);
  const ep = learnersEndpoint(view) ?? { id: "", sgIds: [""] };
  const svc = view.services[0]!;
  const p = view.provider!.resources;
  return { view, endpointId: ep.id, endpointSgId: ep.sgIds[0]!, serviceId: svc.id, consumerSgId: view.consumerInstance!.sgIds[0]!, nlb: p.NLB!, tg: p.TargetGroup!, providerSgId: p.SecurityGroup!, providerInstanceId: p.EC2Instance!, ssmSgId: view.consumer!.resources.SsmVpcEndpointSecurityGroup! };
}

interface Case {
  link: string;
  problem: string;
  /** What a person did. */
  breakIt: (ctx: LessonContext) => Promise<void>;
  /** A real id the fix must name. */
  idInFix: (i: Awaited<ReturnType<typeof ids>>) => string;
  /** curl's exit code (0 = curl cannot even run: the command itself fails to reach the instance). */
  curlExit?: number;
  /** What the failed link's label says is there (English, Japanese). */
  label?: [RegExp, RegExp];
}

const CASES: Case[] = [
  {
    link: "consumer-instance",
    problem: "ssm-offline",
    async breakIt(ctx) {
      const i = await ids(ctx);
      await ctx.clients.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: i.ssmSgId, SecurityGroupRuleIds: await ruleIds(ctx, i.ssmSgId, false) }));
    },
    idInFix: (i) => i.view.consumerInstance!.id,
  },
  {
    link: "consumer-sg-egress",
    problem: "no-rule",
    async breakIt(ctx) {
      const i = await ids(ctx);
      await ctx.clients.ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: i.consumerSgId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }));
      await ctx.clients.ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: i.consumerSgId, SecurityGroupRuleIds: await ruleIds(ctx, i.consumerSgId, true, 80) }));
    },
    idInFix: (i) => i.consumerSgId,
    curlExit: 28,
  },
  {
    link: "endpoint",
    problem: "missing",
    async breakIt(ctx) {
      await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [(await ids(ctx)).endpointId] }));
    },
    idInFix: (i) => i.view.services[0]!.name,
    curlExit: 6,
  },
  {
    link: "endpoint-sg",
    problem: "no-rule",
    async breakIt(ctx) {
      const i = await ids(ctx);
      await ctx.clients.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: i.endpointSgId, SecurityGroupRuleIds: await ruleIds(ctx, i.endpointSgId, false) }));
    },
    idInFix: (i) => i.endpointSgId,
    curlExit: 28,
  },
  {
    link: "service-acceptance",
    problem: "rejected",
    async breakIt(ctx) {
      const i = await ids(ctx);
      await ctx.clients.ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: i.serviceId, VpcEndpointIds: [i.endpointId] }));
    },
    idInFix: (i) => i.serviceId,
    curlExit: 28,
  },
  {
    link: "nlb-listener",
    problem: "wrong-port",
    async breakIt(ctx) {
      const i = await ids(ctx);
      const l = (await ctx.clients.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: i.nlb }))).Listeners![0]!;
      await ctx.clients.elbv2.send(new ModifyListenerCommand({ ListenerArn: l.ListenerArn, Port: 8080 }));
    },
    idInFix: (i) => i.nlb.replace(":loadbalancer/", ":listener/"),
    curlExit: 28,
    label: [/listener on TCP 8080, expected 80$/, /リスナーは TCP 8080（80 であるべき）$/],
  },
  {
    link: "target-group",
    problem: "no-targets",
    async breakIt(ctx) {
      const i = await ids(ctx);
      await ctx.clients.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: i.tg, Targets: [{ Id: i.providerInstanceId, Port: 80 }] }));
    },
    idInFix: (i) => i.providerInstanceId,
    curlExit: 28,
  },
  {
    link: "provider-sg",
    problem: "no-rule",
    async breakIt(ctx) {
      const i = await ids(ctx);
      await ctx.clients.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: i.providerSgId, SecurityGroupRuleIds: await ruleIds(ctx, i.providerSgId, false, 80) }));
    },
    idInFix: (i) => i.providerSgId,
    curlExit: 28,
  },
];

let lab: BuiltLab;
/** Each link's label when it passes. */
const intactNames = { en: new Map<string, string>(), ja: new Map<string, string>() };
beforeAll(async () => {
  lab = await buildLab();
  for (const lang of ["en", "ja"] as const) for (const l of (await diagnose((await copyLab(lab, lang)).ctx)).links) intactNames[lang].set(l.id, l.name);
});

describe("diagnose on a finished build", () => {
  it("passes every link, and curl gets the page", async () => {
    const { ctx } = await copyLab(lab);
    const d = await diagnose(ctx);
    expect(d.ok).toBe(true);
    expect(d.links.filter((l) => l.status !== "pass")).toEqual([]);
  });

  it("gives each link as data for --json: ok, its resources' ids, port and state, apart from the sentence", async () => {
    const { ctx } = await copyLab(lab);
    const i = await ids(ctx);
    const links = new Map((await diagnose(ctx)).links.map((l) => [l.id, l]));
    expect(links.get("endpoint")).toMatchObject({ ok: true, state: "available", resources: { endpointId: i.endpointId } });
    expect(links.get("endpoint-sg")).toMatchObject({ ok: true, port: 80, resources: { sgIds: [i.endpointSgId] } });
    expect(links.get("nlb-listener")).toMatchObject({ ok: true, port: 80, state: "active", resources: { nlbArn: i.nlb, listenerArn: expect.stringContaining(":listener/") }, details: { ports: [80] } });
    expect(links.get("target-health")).toMatchObject({ ok: true, details: { health: [{ id: i.providerInstanceId, state: "healthy" }] } });
    for (const l of links.values()) expect(typeof l.ok).toBe("boolean");
  });

  it("says each link in Japanese with the full-width colon, the target's health too; English keeps its own", () => {
    for (const name of intactNames.ja.values()) expect(name).not.toContain(": ");
    expect(intactNames.ja.get("target-health")).toMatch(/^ターゲットのヘルス：i-[0-9a-f]+：healthy$/);
    expect(intactNames.en.get("target-health")).toMatch(/^Target health: i-[0-9a-f]+: healthy$/);
  });
});

/** The same cloud as AWS would show it to a learner whose console sees the account: the fix's console path too. */
const onAws = (ctx: LessonContext): LessonContext => ({
  ...ctx,
  clients: { ...ctx.clients, sandbox: undefined },
  // AWS's own time (the instant sandbox's minutes are its hours): read an hour on, nothing is still starting.
  clock: { ...ctx.clock, now: () => ctx.clock.now() + 3_600_000 },
});

describe.each(CASES)("when $link is broken ($problem)", (c) => {
  it("curl fails, and diagnose names that link first with its fix, in English and Japanese", async () => {
    const en = await copyLab(lab, "en");
    await c.breakIt(en.ctx);
    const i = await ids(en.ctx);
    if (c.curlExit !== undefined) {
      const r = await runShell(en.ctx, "test", i.view.consumerInstance!.id, curlCommand(i.view.endpoints[0]?.dnsRegional ?? "vpce-gone.example"));
      expect(r.exitCode).toBe(c.curlExit);
    }
    // In the sandbox the console's path is left out (its console cannot see the account): the ids are checked in both on AWS.
    expect((await diagnose(en.ctx)).first?.console).toBeUndefined();
    const d = await diagnose(onAws(en.ctx));
    expect(d.ok).toBe(false);
    expect(d.first).toMatchObject({ id: c.link, status: "fail", problem: c.problem });
    expect(d.links.slice(0, d.links.findIndex((l) => l.id === c.link)).every((l) => l.status !== "fail")).toBe(true);
    for (const field of ["what", "why", "console", "cli"] as const) expect(d.first![field], field).toBeTruthy();
    expect(`${d.first!.console} ${d.first!.cli}`).toContain(c.idInFix(i));
    expect(d.first!.cli).not.toMatch(/\{\{|<\w+>/);
    // The failed link's label says what is there, not the passing state ("active, listener on TCP 80").
    expect(d.first!.name).not.toBe(intactNames.en.get(c.link));
    if (c.label) expect(d.first!.name).toMatch(c.label[0]);

    const ja = await copyLab(lab, "ja");
    await c.breakIt(ja.ctx);
    const dj = await diagnose(onAws(ja.ctx));
    expect(dj.first).toMatchObject({ id: c.link, problem: c.problem });
    expect(dj.first!.what).toMatch(/[ぁ-んァ-ン一-龯]/);
    for (const field of ["name", "what", "why", "console"] as const) expect(dj.first![field], field).not.toContain(": ");
    expect(dj.first!.name).not.toBe(intactNames.ja.get(c.link));
    if (c.label) expect(dj.first!.name).toMatch(c.label[1]);
    expect(`${dj.first!.console} ${dj.first!.cli}`).toContain(c.idInFix(await ids(ja.ctx)));
  });

  it("gives the same chain from the describe shapes alone, as plain data", async () => {
    const { ctx } = await copyLab(lab);
    await c.breakIt(ctx);
    const view = await readCloud(ctx.clients, ctx.names, { path: true, accountId: ctx.state.ids.accountId });
    const shapes = JSON.parse(JSON.stringify(view.path!.shapes)) as Parameters<typeof factsFromDescribe>[0];
    const ep = learnersEndpoint(view);
    const chain = walkChain(factsFromDescribe(shapes), { ...(ep ? { endpointId: ep.id } : {}), port: 80 });
    const d = await diagnose(ctx);
    expect(chain.map((l) => [l.id, l.status, l.problem])).toEqual(d.links.map((l) => [l.id, l.status, l.problem]));
  });
});

describe("the lesson's curl step", () => {
  it("walks the path when curl fails and shows the broken link before its error", async () => {
    const { ctx, host } = await copyLab(lab);
    await CASES.find((c) => c.link === "endpoint-sg")!.breakIt(ctx);
    const { curl } = await import("../../src/lesson/steps/curl.js");
    await expect(curl.perform(ctx, await readCloud(ctx.clients, ctx.names))).rejects.toMatchObject({ key: "error.curl.exit" });
    const d = host.ofType("diagnosis");
    expect(d).toHaveLength(1);
    expect(d[0]!.first).toMatchObject({ id: "endpoint-sg", status: "fail" });
  });
});
