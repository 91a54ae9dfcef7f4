/**
 * The cloud is the truth: every step done the way the printed console / AWS CLI text does it —
 * through the SDK, with none of the tool's tags and exactly the parameters the hint shows — then
 * "verify" in hands-on mode. The step is detected done, `status` agrees, and `destroy` removes
 * what the learner made.
 */
import { DescribeSecurityGroupsCommand, DescribeVpcEndpointServiceConfigurationsCommand, DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { status } from "../../src/commands/status.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { ourEndpoint, readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { byHandSteps } from "../helpers/by-hand-steps.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const PREFIX = "hand";

function handsOnHarness(): Harness {
  const h = harness({ opts: { prefix: PREFIX, mode: "hands-on" } });
  h.env.learnerReachesSandbox = true;
  return h;
}

async function context(h: Harness): Promise<LessonContext> {
  return lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
}

/** `step <id>` in hands-on mode, answering "verify" once; a second question means verify failed. */
async function verify(h: Harness, id: string): Promise<RecordingHost> {
  const host = new RecordingHost("en", true, [
    { match: "How do you want", value: "verify", times: 1 },
    { match: "How do you want", value: () => { throw new Error(`verify did not see the learner's own work for ${id}`); } },
  ]);
  const env = { ...h.env, makeHost: () => host };
  await stepCommand(id, h.opts, env);
  expect(host.ofType("resource-created"), `the tool made nothing for ${id}`).toEqual([]);
  return host;
}

/** What status says of a step: ✔ when done. */
async function statusMark(h: Harness, id: string): Promise<string> {
  const host = new RecordingHost();
  await status(h.opts, { ...h.env, makeHost: () => host });
  const step = host.ofType("status")[0]!.steps[STEPS.findIndex((s) => s.id === id)]!;
  return step.done ? "✔" : "·";
}

const byHand = byHandSteps(PREFIX);

/** Learner-made resources left in the account: endpoints, endpoint services and non-default groups outside stacks. */
async function leftovers(ctx: LessonContext): Promise<string[]> {
  const eps = (await ctx.clients.ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints ?? [];
  const svcs = (await ctx.clients.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}))).ServiceConfigurations ?? [];
  const sgs = (await ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
  return [
    ...eps.filter((e) => !/deleted/i.test(String(e.State))).map((e) => e.VpcEndpointId!),
    ...svcs.filter((s) => !/deleted/i.test(String(s.ServiceState))).map((s) => s.ServiceId!),
    ...sgs.filter((g) => g.GroupName === `${PREFIX}-endpoint-sg`).map((g) => g.GroupId!),
  ];
}

describe("steps done by hand (console / AWS CLI, no tags) are seen by verify, status and destroy", () => {
  it("every step: by hand → verify → done; status ✔", async () => {
    const h = handsOnHarness();
    const ctx = await context(h);
    for (const s of STEPS) {
      const act = byHand[s.id];
      if (!act) {
        await stepCommand(s.id, { ...h.opts, mode: "guided" }, h.env); // preflight, tour, review: nothing in the cloud
        continue;
      }
      expect(await statusMark(h, s.id), `${s.id} before`).not.toBe("✔");
      await act(ctx);
      const host = await verify(h, s.id);
      expect(host.ofType("step-finished").at(-1)).toMatchObject({ step: s.id, status: "done" });
      expect(await statusMark(h, s.id), `${s.id} after`).toBe("✔");
    }
    expect(await leftovers(ctx)).toEqual([]);
  });

  it("destroy removes what the learner made by hand, stacks included", async () => {
    const h = handsOnHarness();
    const ctx = await context(h);
    for (const s of STEPS) {
      if (s.id === "review") break;
      const act = byHand[s.id];
      if (act) await act(ctx);
      else await stepCommand(s.id, { ...h.opts, mode: "guided" }, h.env);
    }
    const before = await readCloud(ctx.clients, ctx.names);
    expect(ourEndpoint(before)).toBeDefined();
    await destroy({ ...h.opts, yes: true }, h.env);
    const after = await readCloud(ctx.clients, ctx.names);
    expect(after.consumer).toBeUndefined();
    expect(after.provider).toBeUndefined();
    expect(await leftovers(ctx)).toEqual([]);
    expect(h.host.ofType("notice").at(-1)?.message).toContain("verified gone");
  });
});
