/**
 * A challenge started by the previous version kept one closed group in its undo (groupId, permissions, ruleIds): give-up
 * still puts that group's own rule back exactly, and the check still names a rule added beside the fix.
 */
import { AuthorizeSecurityGroupIngressCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { closures } from "../../src/challenge/group-closures.js";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { checkChallenge, giveUp, startChallenge } from "../../src/challenge/run.js";
import { saveState, type LessonContext } from "../../src/lesson/context.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";
import { CHALLENGE_FIXES } from "../helpers/challenge-fixes.js";
import { groupRuleList } from "../helpers/group-rules.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

/** The record rewritten as the previous version saved it: the one group's fields at the top of the undo. */
function asOlderRecord(ctx: LessonContext): void {
  const active = ctx.state.challenges.active!;
  const [one] = closures(active.undo);
  active.undo = { groupId: one!.groupId, permissions: one!.permissions, ruleIds: one!.ruleIds, before: one!.before, beforeOther: one!.beforeOther };
  saveState(ctx);
}

describe("a challenge recorded by the previous version", () => {
  it("give-up puts the group's own rule back", async () => {
    const { ctx, host } = await copyLab(lab);
    const p = await readLearnerPath(ctx);
    const before = await groupRuleList(ctx, p.endpointSgId!);
    await startChallenge(ctx, "silent-door");
    asOlderRecord(ctx);
    await giveUp(ctx);
    expect(host.ofType("challenge").at(-1)).toMatchObject({ id: "silent-door", status: "given-up" });
    expect(await groupRuleList(ctx, p.endpointSgId!)).toEqual(before);
  });

  it("check names a rule added beside the fix", async () => {
    const { ctx, host } = await copyLab(lab);
    await startChallenge(ctx, "silent-door");
    asOlderRecord(ctx);
    const p = await readLearnerPath(ctx);
    await CHALLENGE_FIXES["silent-door"]!(ctx.clients, p);
    await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: p.endpointSgId, IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, CidrIp: "0.0.0.0/0" }));
    expect(await checkChallenge(ctx)).toBe(false);
    expect(host.ofType("challenge").at(-1)?.message).toContain("TCP 8080 ← 0.0.0.0/0");
  });
});
