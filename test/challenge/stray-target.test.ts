/**
 * A learner's empty-house fix that left a wrong try behind: the Provider registered on 8080 (failing its health checks)
 * besides the right registration on 80. curl works through the healthy target, so the build is whole: diagnose finds
 * nothing broken, and the next challenge (back-door) really breaks the Provider's rule instead of taking the stray
 * target's failing checks for a break already made, so a rule from the Consumer's CIDR does not pass its check.
 */
import { AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupRulesCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { RegisterTargetsCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { beforeAll, describe, expect, it } from "vitest";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { checkChallenge, startChallenge } from "../../src/challenge/run.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

async function register(ctx: LessonContext, port: number): Promise<void> {
  const p = await readLearnerPath(ctx);
  await ctx.clients.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: p.targetGroupArn, Targets: [{ Id: p.providerInstanceId!, Port: port }] }));
}

async function providerHttpRules(ctx: LessonContext, groupId: string): Promise<number> {
  const out = await ctx.clients.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [groupId] }] }));
  return (out.SecurityGroupRules ?? []).filter((r) => !r.IsEgress && r.FromPort === 80).length;
}

describe("a stray target left by an empty-house fix", () => {
  it("breaks nothing, and back-door still breaks and checks the Provider's rule (en, ja)", async () => {
    for (const lang of ["en", "ja"] as const) {
      const { ctx, host } = await copyLab(lab, lang);
      await startChallenge(ctx, "empty-house");
      await register(ctx, 8080);
      expect(await checkChallenge(ctx), lang).toBe(false);
      await register(ctx, 80);
      expect(await checkChallenge(ctx), lang).toBe(true);
      expect((await diagnose(ctx)).ok, lang).toBe(true);

      await startChallenge(ctx, "back-door");
      const p = await readLearnerPath(ctx);
      expect(await providerHttpRules(ctx, p.providerSgId!), lang).toBe(0);
      const consumerCidr = (await ctx.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [p.consumerVpcId!] }))).Vpcs![0]!.CidrBlock!;
      await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: p.providerSgId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: consumerCidr }));
      expect(await checkChallenge(ctx), lang).toBe(false);
      expect(host.ofType("curl-result").at(-1), lang).toMatchObject({ ok: false });
      expect(host.ofType("challenge").at(-1), lang).toMatchObject({ id: "back-door", status: "broken" });
    }
  });
});
