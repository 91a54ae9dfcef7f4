/**
 * Challenges hold like the lesson: every mutating call of every challenge's `start` and `give-up`,
 * interrupted just before it and just after it (the process stops: nothing after it runs, the
 * progress file keeps what was saved), and each with its answer lost once (`after: lose`, retried
 * by the SDK); then the same command again, in a fresh process's context. The build must end in
 * the intended state — broken as the challenge breaks it and recorded, or working and recorded
 * as given up — with `diagnose` agreeing, nothing made twice, and nothing of the build deleted.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { DeleteTagsCommand, DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { BREAKERS } from "../../src/challenge/breakers.js";
import { loadChallenges, type ChallengeDefinition } from "../../src/challenge/definitions.js";
import { checkChallenge, giveUp, startChallenge } from "../../src/challenge/run.js";
import { CHALLENGE_STATE_TAG, CHALLENGE_TAG } from "../../src/challenge-mark.js";
import { readScene, signature } from "../../src/challenge/scene.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { cleanupStarted } from "../../src/lesson/cleanup-state.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { currentStep, detectAll } from "../../src/lesson/progress.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { buildLab, copyLab, type BuiltLab, type LabCopy } from "../helpers/built-lab.js";
import type { Harness } from "../helpers/lesson-harness.js";
import { isRead, stopAt } from "../helpers/stopped-process.js";

const ALL = loadChallenges("privatelink");
/** A fresh process on the same account and progress folder. */
async function again(h: Harness): Promise<LessonContext> {
  return lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
}

const mutating = (h: Harness, from: number) => h.sandbox.calls.slice(from).filter((c) => !isRead(c.command) && !c.dryRun).map((c) => c.command.replace(/Command$/, ""));

async function liveEndpoints(ctx: LessonContext): Promise<number> {
  const out = await ctx.clients.ec2.send(new DescribeVpcEndpointsCommand({}));
  return (out.VpcEndpoints ?? []).filter((e) => String(e.ServiceName).includes("vpce-svc") && !/^(deleting|deleted)$/i.test(String(e.State))).length;
}

async function expectBroken(ctx: LessonContext, d: ChallengeDefinition): Promise<void> {
  const scene = await readScene(ctx);
  expect(signature(d)).toContain(scene.first?.id);
  expect((await diagnose(ctx)).first?.id).toBe(d.link);
  expect(scene.mark).toEqual({ id: d.id, state: "broken" });
  expect(ctx.state.challenges.active?.id).toBe(d.id);
  expect(await liveEndpoints(ctx)).toBe(1);
}

async function expectWorking(ctx: LessonContext, d: ChallengeDefinition): Promise<void> {
  expect((await diagnose(ctx)).ok).toBe(true);
  const scene = await readScene(ctx);
  expect(scene.mark).toEqual({ id: d.id, state: "given-up" });
  expect(ctx.state.challenges.active).toBeUndefined();
  expect(ctx.state.challenges.gaveUp[d.id]).toBeDefined();
  expect(await liveEndpoints(ctx)).toBe(1);
  expect(ctx.state.marks.cleanupStarted).toBeUndefined();
  // The build is whole: both stacks and the endpoint service are still there.
  expect(scene.path.view.consumer?.status).toMatch(/COMPLETE$/);
  expect(scene.path.view.provider?.status).toMatch(/COMPLETE$/);
  expect(scene.path.serviceId).toBeDefined();
}

/** The mutating calls of a clean run of `action`, to enumerate the interruptions. */
async function cleanCalls(lab: BuiltLab, d: ChallengeDefinition, action: "start" | "give-up"): Promise<string[]> {
  const { h, ctx } = await copyLab(lab);
  if (action === "give-up") await startChallenge(ctx, d.id);
  const from = h.sandbox.calls.length;
  await (action === "start" ? startChallenge(ctx, d.id) : giveUp(ctx));
  return mutating(h, from);
}

async function prepare(lab: BuiltLab, d: ChallengeDefinition, action: "start" | "give-up"): Promise<LabCopy> {
  const copy = await copyLab(lab);
  if (action === "give-up") await startChallenge(copy.ctx, d.id);
  return copy;
}

const run = (ctx: LessonContext, d: ChallengeDefinition, action: "start" | "give-up") => (action === "start" ? startChallenge(ctx, d.id) : giveUp(ctx));

let lab: BuiltLab | undefined;
const built = async () => (lab ??= await buildLab());

describe.each(ALL.map((d) => [d.id, d] as const))("challenge %s after an interruption", (_id, d) => {
  it.each(["start", "give-up"] as const)("%s, stopped before or after each of its mutating calls, then run again, ends as intended", async (action) => {
    const l = await built();
    const calls = await cleanCalls(l, d, action);
    expect(calls.length).toBeGreaterThan(0);
    let points = 0;
    for (let n = 1; n <= calls.length; n++) {
      for (const when of ["before", "after"] as const) {
        const { h, ctx } = await prepare(l, d, action);
        const resume = stopAt(h, n, when);
        await expect(run(ctx, d, action), `${action} ${when} ${calls[n - 1]}`).rejects.toThrow();
        resume();
        const ctx2 = await again(h);
        await run(ctx2, d, action);
        if (action === "start") await expectBroken(ctx2, d);
        else await expectWorking(ctx2, d);
        points++;
      }
    }
    expect(points).toBe(calls.length * 2);
  });

  it.each(["start", "give-up"] as const)("%s with each mutating call's answer lost once ends as intended", async (action) => {
    const l = await built();
    const calls = await cleanCalls(l, d, action);
    for (const command of new Set(calls)) {
      const { h, ctx } = await prepare(l, d, action);
      h.sandbox.faults.add({ command, code: "", after: "lose", times: 1 });
      await run(ctx, d, action);
      const ctx2 = await again(h);
      if (action === "start") await expectBroken(ctx2, d);
      else await expectWorking(ctx2, d);
    }
  });
});

describe("the lesson never takes a challenge's break for the cleanup", () => {
  it.each([false, true])("give-up of turned-away stopped right after deleting the endpoint (progress file lost: %s): no cleanup, the lesson builds on", async (dropProgress) => {
    const l = await built();
    const { h, ctx } = await prepare(l, ALL.find((c) => c.id === "turned-away")!, "give-up");
    const from = h.sandbox.calls.length;
    // Stop after DeleteVpcEndpoints (the first mutating call of this give-up).
    const resume = stopAt(h, 1, "after");
    await expect(giveUp(ctx)).rejects.toThrow();
    resume();
    expect(mutating(h, from)).toEqual(["DeleteVpcEndpoints"]);
    if (dropProgress) rmSync(join(h.stateDir, "participants", `${ctx.state.prefix}.json`));
    const ctx2 = await again(h);
    const view = await readCloud(ctx2.clients, ctx2.names);
    expect(view.curls.some((c) => c.verdict.ok)).toBe(true);
    expect(cleanupStarted(view, ctx2.state)).toBe(false);
    const current = currentStep(detectAll(STEPS, view, ctx2.state));
    expect(current?.step.id).not.toBe("cleanup");
    expect(STEPS.indexOf(current!.step)).toBeLessThan(STEPS.findIndex((s) => s.id === "curl"));
  });
});

describe("a break with no record is recognised", () => {
  it.each(ALL.map((d) => [d.id, d] as const))("%s: check names it and says what to run; give-up puts it back; start adopts it", async (_id, d) => {
    const l = await built();
    const { h, ctx } = await copyLab(l);
    // The break made, then the progress file and the tags lost (a start stopped before its tags, on another machine).
    await startChallenge(ctx, d.id);
    const instance = (await readScene(ctx)).path.consumerInstanceId!;
    await ctx.clients.ec2.send(new DeleteTagsCommand({ Resources: [instance], Tags: [{ Key: CHALLENGE_TAG }, { Key: CHALLENGE_STATE_TAG }] }));
    rmSync(join(h.stateDir, "participants", `${ctx.state.prefix}.json`));
    const lost = await again(h);
    await expect(checkChallenge(lost)).rejects.toMatchObject({ key: "challengeState.halfStarted", vars: { id: d.id } });
    await expect(startChallenge(lost, ALL.find((c) => c.id !== d.id)!.id)).rejects.toMatchObject({ key: "challengeState.halfStarted", vars: { id: d.id } });
    await startChallenge(lost, d.id);
    await expectBroken(await again(h), d);
    rmSync(join(h.stateDir, "participants", `${ctx.state.prefix}.json`));
    await ctx.clients.ec2.send(new DeleteTagsCommand({ Resources: [instance], Tags: [{ Key: CHALLENGE_TAG }, { Key: CHALLENGE_STATE_TAG }] }));
    await giveUp(await again(h));
    await expectWorking(await again(h), d);
  });
});

describe("give-up says it is put back only when the cloud shows it", () => {
  it("a repair that leaves the path broken is an error naming the link; the challenge stays recorded and broken; the next give-up finishes", async () => {
    const l = await built();
    const d = ALL.find((c) => c.id === "silent-door")!;
    const { h, ctx, host } = await copyLab(l);
    await startChallenge(ctx, d.id);
    const breaker = BREAKERS[d.break]!;
    const restore = breaker.restore;
    breaker.restore = async () => {}; // a repair that changes nothing (as one whose calls all failed)
    try {
      await expect(giveUp(ctx)).rejects.toMatchObject({ key: "challengeState.notPutBack", vars: { id: d.id, link: d.link } });
    } finally {
      breaker.restore = restore;
    }
    expect(host.ofType("challenge").some((e) => e.status === "given-up")).toBe(false);
    await expectBroken(await again(h), d);
    await giveUp(await again(h));
    await expectWorking(await again(h), d);
  });
});

describe("asked, when a learner is there to answer", () => {
  it.each(["keep", "give-up"] as const)("check on a recognised break with no record: %s", async (choice) => {
    const l = await built();
    const d = ALL.find((c) => c.id === "wrong-number")!;
    const { h, ctx } = await copyLab(l, "en", [{ match: "half-started", value: choice }]);
    await startChallenge(ctx, d.id);
    const instance = (await readScene(ctx)).path.consumerInstanceId!;
    await ctx.clients.ec2.send(new DeleteTagsCommand({ Resources: [instance], Tags: [{ Key: CHALLENGE_TAG }, { Key: CHALLENGE_STATE_TAG }] }));
    rmSync(join(h.stateDir, "participants", `${ctx.state.prefix}.json`));
    const asked = await again(h);
    if (choice === "keep") {
      expect(await checkChallenge(asked)).toBe(false);
      expect(asked.state.challenges.active?.id).toBe(d.id);
    } else {
      expect(await checkChallenge(asked)).toBe(true);
      await expectWorking(await again(h), d);
    }
    expect(h.host.questions.some((q) => q.includes(`"${d.id}" half-started`))).toBe(true);
  });
});
