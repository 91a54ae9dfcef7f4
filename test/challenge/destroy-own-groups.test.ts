/**
 * A learner who fixed things their own way may leave security groups they made by hand in the lab's VPCs, on an
 * instance (`aws ec2 modify-instance-attribute --groups`) and named by the stack's groups' rules. The stacks cannot
 * delete a VPC a group still lives in, nor a group such a group's rule names: `destroy` finds those groups by relation,
 * takes them off the instances, revokes the rules that name them, deletes them and says so, in both languages; stopped
 * before or after any of its changes and run again, it still finishes. A group outside the two VPCs is never touched.
 */
import { AuthorizeSecurityGroupEgressCommand, AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeInstancesCommand, DescribeSecurityGroupsCommand, ModifyInstanceAttributeCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { destroy } from "../../src/commands/destroy.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { planTeardown } from "../../src/lesson/teardown.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import type { Lang } from "../../src/i18n/lang.js";
import type { Harness } from "../helpers/lesson-harness.js";
import { isRead, stopAt } from "../helpers/stopped-process.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

async function makeGroup(ctx: LessonContext, vpcId: string, name: string): Promise<string> {
  return (await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }))).GroupId!;
}

async function addToInstance(ctx: LessonContext, instanceId: string, groupId: string): Promise<void> {
  const out = await ctx.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const groups = (out.Reservations?.[0]?.Instances?.[0]?.SecurityGroups ?? []).map((g) => g.GroupId!);
  await ctx.clients.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: instanceId, Groups: [...groups, groupId] }));
}

/**
 * The learner's own groups: one on the Consumer instance that the instance's group names in an outbound rule (and that
 * names it back), one on the Provider instance, one in the Consumer VPC on nothing; and a group in a VPC
 * outside the lab, which must stay. Returns the lab's groups and the outside one.
 */
async function handMade(h: Harness, ctx: LessonContext): Promise<{ inLab: string[]; outside: string }> {
  const p = await readLearnerPath(ctx);
  const onConsumer = await makeGroup(ctx, p.consumerVpcId!, "my-web-out");
  await addToInstance(ctx, p.consumerInstanceId!, onConsumer);
  const ec2 = ctx.clients.ec2;
  await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: p.consumerSgId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: onConsumer }] }] }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: onConsumer, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: p.consumerSgId }] }] }));
  const onProvider = await makeGroup(ctx, p.providerVpcId!, "my-web-in");
  await addToInstance(ctx, p.providerInstanceId!, onProvider);
  const idle = await makeGroup(ctx, p.consumerVpcId!, "my-spare");
  const outside = await makeGroup(ctx, otherVpc(h, ctx, p.consumerVpcId!), "my-web-out");
  return { inLab: [onConsumer, onProvider, idle], outside };
}

/** A VPC outside the lab (the sandbox has no CreateVpc: a copy of the Consumer VPC under another id, no stack's). */
function otherVpc(h: Harness, ctx: LessonContext, like: string): string {
  const id = "vpc-0a11e0e0e0e0e0e01";
  h.sandbox.store.transact((w) => {
    const rw = w.regions[ctx.state.region]!;
    rw.vpcs[id] = { ...structuredClone(rw.vpcs[like]!), VpcId: id, Tags: [], life: { createdAt: h.clock.now(), readyAt: h.clock.now() } };
  });
  return id;
}

const stillThere = async (ctx: LessonContext, ids: string[]): Promise<string[]> =>
  ((await ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-id", Values: ids }] }))).SecurityGroups ?? []).map((g) => g.GroupId!);

async function destroyedCleanly(lang: Lang): Promise<{ words: string; inLab: string[] }> {
  const { h, ctx, host } = await copyLab(lab, lang);
  const { inLab, outside } = await handMade(h, ctx);
  await destroy({ ...h.opts, yes: true }, h.env);
  expect(planTeardown(await readCloud(ctx.clients, ctx.names))).toEqual([]);
  expect(await stillThere(ctx, [...inLab, outside])).toEqual([outside]);
  return { words: host.ofType("notice").map((n) => n.message).join("\n"), inLab };
}

describe("destroy with security groups the learner made by hand in the lab's VPCs", () => {
  it("takes them off the instances, releases the rules naming them, deletes them and says which (English)", async () => {
    const { words, inLab } = await destroyedCleanly("en");
    expect(words).toMatch(/Deleted the security groups you made yourself in the lab's VPCs/);
    for (const id of inLab) expect(words).toContain(id);
    // Deleted before the stacks, so no stack had to fail first (on AWS, after a quarter of an hour of retries).
    expect(words).not.toContain("DELETE_FAILED");
  });

  it("says the same in Japanese", async () => {
    const { words, inLab } = await destroyedCleanly("ja");
    expect(words).toMatch(/ラボの VPC に自分で作ったセキュリティグループを削除しました/);
    for (const id of inLab) expect(words).toContain(id);
  });

  it("the lesson's cleanup step deletes them as well", async () => {
    const { h, ctx, host } = await copyLab(lab, "en", [{ match: "Delete everything", value: true }]);
    const { inLab, outside } = await handMade(h, ctx);
    await STEPS.find((s) => s.id === "cleanup")!.perform(ctx, await readCloud(ctx.clients, ctx.names));
    expect(planTeardown(await readCloud(ctx.clients, ctx.names))).toEqual([]);
    expect(await stillThere(ctx, [...inLab, outside])).toEqual([outside]);
    expect(host.ofType("notice").map((n) => n.message).join("\n")).toMatch(/Deleted the security groups you made yourself/);
  });

  it("the plan it asks about names them", async () => {
    const { h, ctx } = await copyLab(lab);
    const { inLab } = await handMade(h, ctx);
    const planned = planTeardown(await readCloud(ctx.clients, ctx.names)).filter((p) => p.kind === "security-group").map((p) => p.id);
    expect(planned).toEqual(expect.arrayContaining(inLab));
  });

  it("stopped before or after each of its changes, run again, it finishes", async () => {
    const clean = await copyLab(lab);
    await handMade(clean.h, clean.ctx);
    const from = clean.h.sandbox.calls.length;
    await destroy({ ...clean.h.opts, yes: true }, clean.h.env);
    const changes = clean.h.sandbox.calls.slice(from).filter((c) => !isRead(c.command)).length;
    expect(changes).toBeGreaterThan(8); // the endpoint, two instances' groups, a rule, four groups, the service, the stacks
    for (let n = 1; n <= changes; n++) {
      for (const when of ["before", "after"] as const) {
        const { h, ctx } = await copyLab(lab);
        const { inLab, outside } = await handMade(h, ctx);
        const resume = stopAt(h, n, when);
        await expect(destroy({ ...h.opts, yes: true }, h.env)).rejects.toThrow();
        resume();
        await destroy({ ...h.opts, yes: true }, h.env);
        const ctx2 = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
        expect(planTeardown(await readCloud(ctx2.clients, ctx2.names)), `${when} change ${n}`).toEqual([]);
        expect(await stillThere(ctx2, [...inLab, outside]), `${when} change ${n}`).toEqual([outside]);
      }
    }
  }, 300_000);
});
