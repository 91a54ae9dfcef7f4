/**
 * A learner's fix that adds more than the build needs (the allow-http port wrong besides the right rule, the Consumer's
 * CIDR at the back door) does not pass `challenge check`, though curl works: the check names the extra rule (what it
 * admits, its group) with the command that revokes it, removes nothing itself, and passes once the learner removed it.
 */
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeVpcsCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { checkChallenge, startChallenge } from "../../src/challenge/run.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";
import type { RecordingHost } from "../helpers/recording-host.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
});

async function allow(ctx: LessonContext, groupId: string, port: number, cidr: string): Promise<void> {
  await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpProtocol: "tcp", FromPort: port, ToPort: port, CidrIp: cidr }));
}

async function allowOut(ctx: LessonContext, groupId: string, port: number, cidr: string): Promise<void> {
  await ctx.clients.ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] }] }));
}

async function ruleIds(ctx: LessonContext, groupId: string): Promise<string[]> {
  const out = await ctx.clients.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [groupId] }] }));
  return (out.SecurityGroupRules ?? []).map((r) => r.SecurityGroupRuleId ?? "");
}

/** The check names the rule and its group, offers its revoke command, and leaves the rule in place; revoked, it passes. */
async function extraNamedThenRemoved(ctx: LessonContext, host: RecordingHost, groupId: string, rule: string, egress = false): Promise<void> {
  expect(await checkChallenge(ctx)).toBe(false);
  expect(host.ofType("curl-result").at(-1)).toMatchObject({ exitCode: 0 });
  const said = host.ofType("challenge").at(-1)!;
  expect(said.status).toBe("broken");
  expect(said.message).toContain(rule);
  expect(said.message).toContain(groupId);
  const ruleId = /--security-group-rule-ids (sgr-[0-9a-f]+)/.exec(said.message)?.[1];
  const direction = egress ? "egress" : "ingress";
  expect(said.message).toContain(`aws ec2 revoke-security-group-${direction} --group-id ${groupId} --security-group-rule-ids ${ruleId}`);
  // In the sandbox, served on this computer: pasted into a terminal not pointed at it, it still never reaches AWS.
  expect(said.message).toMatch(new RegExp(`--security-group-rule-ids ${ruleId} --region [a-z0-9-]+ --endpoint-url http://127\\.0\\.0\\.1`));
  expect(said.commands?.length).toBe(2); // the revoke, and the check again
  // The check again names this learner's lesson (their prefix, the sandbox), as every printed command does.
  expect(said.message).toContain(`\`npx privatelink-lab challenge check --prefix ${ctx.state.prefix} --sandbox\``);
  expect(ctx.state.challenges.active).toBeDefined();
  // Nothing removed for the learner.
  expect(await ruleIds(ctx, groupId)).toContain(ruleId);
  const revoke = { GroupId: groupId, SecurityGroupRuleIds: [ruleId!] };
  if (egress) await ctx.clients.ec2.send(new RevokeSecurityGroupEgressCommand(revoke));
  else await ctx.clients.ec2.send(new RevokeSecurityGroupIngressCommand(revoke));
  expect(await checkChallenge(ctx)).toBe(true);
  expect(host.ofType("challenge").at(-1)).toMatchObject({ status: "fixed" });
}

describe("a fix with more than the build needs", () => {
  it("silent-door: TCP 8080 added besides the right rule is named, with its revoke command", async () => {
    const { ctx, host } = await copyLab(lab);
    await startChallenge(ctx, "silent-door");
    const p = await readLearnerPath(ctx);
    await allow(ctx, p.endpointSgId!, 80, `${p.consumerIp}/32`);
    await allow(ctx, p.endpointSgId!, 8080, `${p.consumerIp}/32`);
    await extraNamedThenRemoved(ctx, host, p.endpointSgId!, `TCP 8080 ← ${p.consumerIp}/32`);
  });

  it("back-door: the Consumer's CIDR added besides the Provider's is named (in Japanese too)", async () => {
    const { ctx, host } = await copyLab(lab, "ja");
    await startChallenge(ctx, "back-door");
    const p = await readLearnerPath(ctx);
    const cidr = async (vpc: string) => (await ctx.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc] }))).Vpcs![0]!.CidrBlock!;
    await allow(ctx, p.providerSgId!, 80, await cidr(p.providerVpcId!));
    const consumerCidr = await cidr(p.consumerVpcId!);
    await allow(ctx, p.providerSgId!, 80, consumerCidr);
    await extraNamedThenRemoved(ctx, host, p.providerSgId!, `TCP 80 ← ${consumerCidr}`);
    expect(host.ofType("challenge").at(-2)!.message).toContain("必要以上");
  });

  it("no-way-out: HTTP out to the Provider's CIDR (which never reaches the endpoint) tried before the right rule is named (in Japanese too)", async () => {
    const { ctx, host } = await copyLab(lab, "ja");
    await startChallenge(ctx, "no-way-out");
    const p = await readLearnerPath(ctx);
    const cidr = async (vpc: string) => (await ctx.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc] }))).Vpcs![0]!.CidrBlock!;
    const providerCidr = await cidr(p.providerVpcId!);
    await allowOut(ctx, p.consumerSgId!, 80, providerCidr);
    expect(await checkChallenge(ctx)).toBe(false);
    expect(host.ofType("curl-result").at(-1)).toMatchObject({ ok: false });
    await allowOut(ctx, p.consumerSgId!, 80, await cidr(p.consumerVpcId!));
    await extraNamedThenRemoved(ctx, host, p.consumerSgId!, `TCP 80 → ${providerCidr}`, true);
  });

  it("silent-door: an outbound rule tried on the endpoint's group (the wrong direction) is named", async () => {
    const { ctx, host } = await copyLab(lab);
    await startChallenge(ctx, "silent-door");
    const p = await readLearnerPath(ctx);
    await allowOut(ctx, p.endpointSgId!, 80, `${p.consumerIp}/32`);
    expect(await checkChallenge(ctx)).toBe(false);
    await allow(ctx, p.endpointSgId!, 80, `${p.consumerIp}/32`);
    await extraNamedThenRemoved(ctx, host, p.endpointSgId!, `TCP 80 → ${p.consumerIp}/32`, true);
  });
});
