/**
 * A build where the broken part carries two security groups that each let HTTP through (the learner's own group beside
 * the lesson's): starting silent-door, back-door or no-way-out must still break curl (closing one group alone broke
 * nothing), and give-up must put every rule of both groups back as it was, the break's own HTTPS rule gone too.
 */
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeInstancesCommand, DescribeSecurityGroupsCommand, ModifyInstanceAttributeCommand, ModifyVpcEndpointCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { readLearnerPath, type LearnerPath } from "../../src/challenge/learner-path.js";
import { checkChallenge, giveUp, startChallenge } from "../../src/challenge/run.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { destroy } from "../../src/commands/destroy.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import { planTeardown } from "../../src/lesson/teardown.js";
import { isRead, stopAt } from "../helpers/stopped-process.js";
import { groupRuleList as rules } from "../helpers/group-rules.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

/** A new group in `vpcId` that admits HTTP from anywhere (and, as any new group, lets everything out). */
async function openGroup(ctx: LessonContext, vpcId: string, name: string): Promise<string> {
  const made = await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: "HTTP in", VpcId: vpcId }));
  await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: made.GroupId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: "0.0.0.0/0" }));
  return made.GroupId!;
}

/** Puts the group on the instance beside the ones it has, as a learner would: `aws ec2 modify-instance-attribute --groups`. */
async function attachToInstance(ctx: LessonContext, instanceId: string, groupId: string): Promise<void> {
  const out = await ctx.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const groups = (out.Reservations?.[0]?.Instances?.[0]?.SecurityGroups ?? []).map((g) => g.GroupId!);
  await ctx.clients.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: instanceId, Groups: [...groups, groupId] }));
}

type Setup = (c: { ctx: LessonContext; p: LearnerPath }) => Promise<string[]>;

const cases: [string, Setup][] = [
  [
    "silent-door",
    async ({ ctx, p }) => {
      const second = await openGroup(ctx, p.consumerVpcId!, "web-too");
      await ctx.clients.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: p.endpointId, AddSecurityGroupIds: [second] }));
      return [p.endpointSgId!, second];
    },
  ],
  [
    "back-door",
    async ({ ctx, p }) => {
      const second = await openGroup(ctx, p.providerVpcId!, "web-too");
      await attachToInstance(ctx, p.providerInstanceId!, second);
      return [p.providerSgId!, second];
    },
  ],
  [
    "no-way-out",
    async ({ ctx, p }) => {
      const second = await openGroup(ctx, p.consumerVpcId!, "out-too");
      await attachToInstance(ctx, p.consumerInstanceId!, second);
      return [p.consumerSgId!, second];
    },
  ],
];

describe("a challenge on a part with two groups that each let HTTP through", () => {
  for (const [id, setup] of cases) {
    it(`${id}: start breaks curl, and give-up puts both groups back as they were`, async () => {
      const { ctx, host } = await copyLab(lab);
      const groups = await setup({ ctx, p: await readLearnerPath(ctx) });
      const before = await Promise.all(groups.map((g) => rules(ctx, g)));

      await startChallenge(ctx, id);
      expect(host.ofType("challenge").at(-1)).toMatchObject({ id, status: "started" });
      expect(await checkChallenge(ctx)).toBe(false);
      expect(host.ofType("curl-result").at(-1)).toMatchObject({ ok: false });

      await giveUp(ctx);
      expect(host.ofType("challenge").at(-1)).toMatchObject({ id, status: "given-up" });
      expect(await Promise.all(groups.map((g) => rules(ctx, g)))).toEqual(before);
    });
  }

  for (const [id, setup] of cases) {
    it(`${id}: a start stopped before or after each of its changes, run again, breaks curl; give-up puts both groups back`, async () => {
      const clean = await copyLab(lab);
      await setup({ ctx: clean.ctx, p: await readLearnerPath(clean.ctx) });
      const from = clean.h.sandbox.calls.length;
      await startChallenge(clean.ctx, id);
      const changes = clean.h.sandbox.calls.slice(from).filter((c) => !isRead(c.command)).length;
      expect(changes).toBeGreaterThan(2); // a group closed, another closed, the tags
      for (let n = 1; n <= changes; n++) {
        for (const when of ["before", "after"] as const) {
          const { h, ctx } = await copyLab(lab);
          const groups = await setup({ ctx, p: await readLearnerPath(ctx) });
          const before = await Promise.all(groups.map((g) => rules(ctx, g)));
          const resume = stopAt(h, n, when);
          await expect(startChallenge(ctx, id)).rejects.toThrow();
          resume();
          const ctx2 = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
          await startChallenge(ctx2, id);
          expect(await checkChallenge(ctx2), `${when} change ${n}`).toBe(false);
          await giveUp(ctx2);
          expect(await Promise.all(groups.map((g) => rules(ctx2, g))), `${when} change ${n}`).toEqual(before);
        }
      }
    });
  }

  // The learner's second group lives in a lab VPC (on an instance, for back-door and no-way-out): destroy deletes it too.
  for (const [id, setup] of cases) {
    it(`${id}: destroy with the break in progress leaves nothing of it, the learner's own group included`, async () => {
      const { h, ctx } = await copyLab(lab);
      const groups = await setup({ ctx, p: await readLearnerPath(ctx) });
      await startChallenge(ctx, id);
      await destroy({ ...h.opts, yes: true }, h.env);
      const left = await ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-id", Values: groups }] }));
      expect(left.SecurityGroups).toEqual([]);
      const ctx2 = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
      expect(planTeardown(await readCloud(ctx2.clients, ctx2.names))).toEqual([]);
      expect(ctx2.state.challenges.active).toBeUndefined();
    });
  }
});
