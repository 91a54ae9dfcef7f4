/**
 * A challenge fixed a learner's own way leaves a build that works but differs from the lesson's; `destroy` must still
 * delete all of it. no-way-out fixed with HTTP out to the endpoint's security group (least privilege by group, not by
 * CIDR): the Consumer's group then names the endpoint's, and AWS refuses to delete a group another group's rule names.
 */
import { AuthorizeSecurityGroupEgressCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { checkChallenge, startChallenge } from "../../src/challenge/run.js";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { destroy } from "../../src/commands/destroy.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import { planTeardown } from "../../src/lesson/teardown.js";
import { buildLab, copyLab } from "../helpers/built-lab.js";

describe("destroy after a challenge fixed another way", () => {
  it("no-way-out fixed with HTTP out to the endpoint's group: destroy leaves nothing", async () => {
    const { h, ctx } = await copyLab(await buildLab());
    await startChallenge(ctx, "no-way-out");
    const p = await readLearnerPath(ctx);
    await ctx.clients.ec2.send(
      new AuthorizeSecurityGroupEgressCommand({ GroupId: p.consumerSgId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: p.endpointSgId }] }] }),
    );
    expect(await checkChallenge(ctx)).toBe(true);
    await destroy({ ...h.opts, yes: true }, h.env);
    expect(planTeardown(await readCloud(ctx.clients, ctx.names))).toEqual([]);
  });
});
