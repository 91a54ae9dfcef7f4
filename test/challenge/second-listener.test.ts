/**
 * wrong-number fixed the learner's own way: a new listener on port 80, the moved one left on 8080. Started again, the
 * challenge breaks the listener curl goes through (it moved the stray 8080 one onto 8080, a no-op, and the next check
 * said "Fixed!" for nothing; or AWS refused the duplicate port): curl fails until it is fixed, and give-up puts it back.
 */
import { CreateListenerCommand, DescribeListenersCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { describe, expect, it } from "vitest";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { checkChallenge, giveUp, startChallenge } from "../../src/challenge/run.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { buildLab, copyLab } from "../helpers/built-lab.js";

async function ports(ctx: LessonContext, nlbArn: string): Promise<number[]> {
  return ((await ctx.clients.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: nlbArn }))).Listeners ?? []).map((l) => l.Port ?? 0);
}

describe("wrong-number after a fix with a second listener", () => {
  it("started again, it breaks the listener on 80; the check fails until it is fixed; give-up puts it back", async () => {
    const { ctx, host } = await copyLab(await buildLab());
    await startChallenge(ctx, "wrong-number");
    const p = await readLearnerPath(ctx);
    await ctx.clients.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: p.nlbArn, Protocol: "TCP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: p.targetGroupArn }] }));
    expect(await checkChallenge(ctx)).toBe(true);

    await startChallenge(ctx, "wrong-number");
    expect(await ports(ctx, p.nlbArn!)).not.toContain(80);
    expect(await checkChallenge(ctx)).toBe(false);
    expect(host.ofType("challenge").at(-1)).toMatchObject({ id: "wrong-number", status: "broken", hint: { n: 1 } });
    await giveUp(ctx);
    expect(await ports(ctx, p.nlbArn!)).toContain(80);
    expect(host.ofType("challenge").at(-1)).toMatchObject({ id: "wrong-number", status: "given-up" });
  });
});
