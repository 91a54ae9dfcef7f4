/**
 * `challenge start` reads the cloud again after its break. When the path does not fail where the challenge says (it still
 * works, or it fails somewhere else, say Run Command cut off), the start says so, puts back everything it changed and
 * records no challenge, rather than announcing a break that is not there or one whose hints lead nowhere.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  ModifyVpcEndpointCommand,
} from "@aws-sdk/client-ec2";
import { Chalk } from "chalk";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { BREAKERS } from "../../src/challenge/breakers.js";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { readScene } from "../../src/challenge/scene.js";
import { challenge } from "../../src/commands/challenge.js";
import { translator } from "../../src/i18n/messages.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { errorText, reportError } from "../../src/ui/error-report.js";
import { groupRuleList as rules } from "../helpers/group-rules.js";
import { buildLab, copyLab, type BuiltLab, type LabCopy } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

/**
 * One "everything from the VPC" group on every endpoint of the Consumer VPC, the SSM ones' own groups removed: the rule
 * that lets HTTP reach the learner's endpoint is the one that lets the SSM Agent reach Systems Manager. Returns its id.
 */
async function oneGroupForAllEndpoints(ctx: LessonContext): Promise<string> {
  const p = await readLearnerPath(ctx);
  const cidr = (await ctx.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [p.consumerVpcId!] }))).Vpcs![0]!.CidrBlock!;
  const made = await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: "vpc-all", Description: "all from the VPC", VpcId: p.consumerVpcId }));
  await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: made.GroupId, IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: cidr }] }] }));
  const endpoints = (await ctx.clients.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-id", Values: [p.consumerVpcId!] }] }))).VpcEndpoints ?? [];
  for (const e of endpoints.filter((x) => x.VpcEndpointType === "Interface")) {
    const own = e.VpcEndpointId === p.endpointId ? [] : (e.Groups ?? []).map((g) => g.GroupId!);
    await ctx.clients.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: e.VpcEndpointId, AddSecurityGroupIds: [made.GroupId!], ...(own.length ? { RemoveSecurityGroupIds: own } : {}) }));
  }
  return made.GroupId!;
}

async function refusal(copy: LabCopy, lang: "en" | "ja", id: string): Promise<{ key: string; said: string }> {
  const ended = await challenge("start", id, copy.h.opts, copy.h.env).then(() => undefined, (e: unknown) => e);
  const said = errorText(reportError(ended, translator(lang)), new Chalk({ level: 0 }));
  return { key: (ended as { key?: string } | undefined)?.key ?? "", said };
}

describe("challenge start confirms its break with a fresh read", () => {
  for (const lang of ["en", "ja"] as const) {
    it(`a break that would cut Run Command off is refused and put back (${lang})`, async () => {
      const copy = await copyLab(lab, lang);
      const { ctx, host } = copy;
      const shared = await oneGroupForAllEndpoints(ctx);
      const p = await readLearnerPath(ctx);
      const before = [await rules(ctx, shared), await rules(ctx, p.endpointSgId!)];

      const { key, said } = await refusal(copy, lang, "silent-door");
      expect(key).toBe("challenge.brokeElsewhere");
      expect(said).toMatch(lang === "en" ? /did not start[\s\S]*Consumer instance[\s\S]*put back/ : /開始しませんでした[\s\S]*Consumer インスタンス[\s\S]*元に戻しました/);
      expect(host.ofType("challenge").filter((e) => e.status === "started")).toEqual([]);
      expect([await rules(ctx, shared), await rules(ctx, p.endpointSgId!)]).toEqual(before);
      const after = await readScene(ctx);
      expect(after.first).toBeUndefined();
      expect(after.mark).toBeUndefined();
      expect(ctx.state.challenges.active).toBeUndefined();
    });

    it(`a break that does not take is refused: curl's path still works (${lang})`, async () => {
      const copy = await copyLab(lab, lang);
      // A build this break cannot reach, whatever its shape: the change goes through and the path still works.
      const apply = vi.spyOn(BREAKERS["listener-port"]!, "apply").mockResolvedValue(undefined);
      try {
        const { key, said } = await refusal(copy, lang, "wrong-number");
        expect(key).toBe("challenge.didNotBreak");
        expect(said).toMatch(lang === "en" ? /did not start[\s\S]*still worked/ : /開始しませんでした[\s\S]*まだ通っていました/);
      } finally {
        apply.mockRestore();
      }
      expect(copy.host.ofType("challenge").filter((e) => e.status === "started")).toEqual([]);
      const after = await readScene(copy.ctx);
      expect(after.mark).toBeUndefined();
      expect(copy.ctx.state.challenges.active).toBeUndefined();
      // Nothing left in the way: the same challenge starts for real once the break takes.
      await challenge("start", "wrong-number", copy.h.opts, copy.h.env);
      expect(copy.host.ofType("challenge").at(-1)).toMatchObject({ id: "wrong-number", status: "started" });
    });
  }
});
