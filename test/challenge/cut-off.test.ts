/**
 * A no-way-out fix that breaks something else: the learner swaps the HTTPS rule for HTTP, so HTTP may leave but the SSM
 * Agent can no longer reach Session Manager. `challenge check` cannot run curl there: it says so at once (no waiting for
 * an agent that will not come back, no hint spent), shows the link that cuts Run Command off, and passes once the
 * learner has put HTTPS back, in English and Japanese.
 */
import { AuthorizeSecurityGroupEgressCommand, DescribeSecurityGroupRulesCommand, DescribeVpcsCommand, RevokeSecurityGroupEgressCommand } from "@aws-sdk/client-ec2";
import { Chalk } from "chalk";
import { beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { errorText, reportError } from "../../src/ui/error-report.js";
import { challenge } from "../../src/commands/challenge.js";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

const HTTPS = { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] };

/** The learner's swap: HTTP out to the Consumer VPC added, the HTTPS rule the break left removed. */
async function swapHttpsForHttp(ctx: LessonContext, groupId: string, vpcId: string): Promise<void> {
  const cidr = (await ctx.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!.CidrBlock!;
  await ctx.clients.ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: cidr }] }] }));
  const rules = (await ctx.clients.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [groupId] }] }))).SecurityGroupRules ?? [];
  const https = rules.filter((r) => r.IsEgress && r.FromPort === 443).map((r) => r.SecurityGroupRuleId!);
  await ctx.clients.ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, SecurityGroupRuleIds: https }));
}

describe("a fix that cuts Session Manager off the Consumer", () => {
  for (const lang of ["en", "ja"] as const) {
    it(`check names the cut link, spends no hint, and passes once HTTPS is back (${lang})`, async () => {
      const { h, ctx, host } = await copyLab(lab, lang);
      await challenge("start", "no-way-out", h.opts, h.env);
      const p = await readLearnerPath(ctx);
      await swapHttpsForHttp(ctx, p.consumerSgId!, p.consumerVpcId!);
      const from = host.events.length;
      const ended = await challenge("check", undefined, h.opts, h.env).then(() => undefined, (e: unknown) => e);
      expect(ended).toMatchObject({ key: "challenge.cannotCurl" });
      const said = errorText(reportError(ended, translator(lang)), new Chalk({ level: 0 }));
      expect(said).toMatch(lang === "en" ? /Run Command cannot reach it[\s\S]*no hint is used up/ : /Run Command がインスタンスに届きません[\s\S]*ヒントは使いません/);
      const after = host.events.slice(from);
      expect(after.filter((e) => e.type === "curl-result")).toEqual([]);
      const diagnosis = after.find((e) => e.type === "diagnosis");
      expect(diagnosis).toMatchObject({ ok: false, first: { id: "consumer-instance" } });
      // The agent was Online and lost its connection, as AWS lists it: not an agent that never registered.
      expect(diagnosis?.type === "diagnosis" && diagnosis.first?.name).toContain("ConnectionLost");
      // What to put back: the Consumer's own HTTPS out, not only the endpoints' side.
      expect(diagnosis?.type === "diagnosis" && diagnosis.first?.why).toMatch(lang === "en" ? /must let HTTPS \(443\) out/ : /HTTPS 443 のアウトバウンド/);
      expect(after.filter((e) => e.type === "challenge")).toEqual([]);

      await ctx.clients.ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: p.consumerSgId, IpPermissions: [HTTPS] }));
      h.clock.advance(120_000); // the agent registers again about a minute later
      await challenge("check", undefined, h.opts, h.env);
      expect(host.ofType("challenge").at(-1)).toMatchObject({ id: "no-way-out", status: "fixed" });
      expect(host.ofType("challenge").filter((e) => e.hint !== undefined)).toEqual([]);
    });
  }
});
