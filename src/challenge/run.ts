/**
 * Break-and-fix challenges on a finished build: start (break one link, say nothing of which),
 * check (curl proves it; a failed check gives the next graded hint), give up (show the answer,
 * put it back). Progress lives in the progress file; the Consumer instance carries the challenge
 * and its state as tags, so a facilitator's `workshop status` sees who has fixed it.
 */
import { CreateTagsCommand, DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import { diagnose, walkLearnerPath } from "../diagnose/diagnose.js";
import { LabError } from "../errors.js";
import { saveState, type LessonContext } from "../lesson/context.js";
import { firstFailure } from "../reachability/chain.js";
import { curlFromConsumer } from "../lesson/steps/curl.js";
import { BREAKERS } from "./breakers.js";
import { loadChallenges, loadChallengeText as loadText, type ChallengeDefinition, type ChallengeText } from "./definitions.js";
import { fillPlaceholders } from "../content/lesson-content.js";
import { lessonVars } from "../lesson/vars.js";
import { readLearnerPath, type LearnerPath } from "./learner-path.js";
import { CHALLENGE_STATE_TAG, CHALLENGE_TAG, challengeMark, type ChallengeCloudState } from "./tags.js";

export { CHALLENGE_STATE_TAG, CHALLENGE_TAG } from "./tags.js";

function definition(ctx: LessonContext, id: string): ChallengeDefinition {
  const all = loadChallenges(ctx.lesson);
  const d = all.find((c) => c.id === id);
  if (!d) throw new LabError("challenge.unknown", { id, ids: all.map((c) => c.id).join(", ") });
  return d;
}

/** A challenge's text with the learner's real ids filled in. */
function loadChallengeText(ctx: LessonContext, id: string, path?: LearnerPath): ChallengeText {
  const raw = loadText(ctx.lesson, id, ctx.io.lang);
  if (!path) return raw;
  const vars = {
    ...lessonVars(ctx, path.view),
    endpointSgId: path.endpointSgId,
    endpointId: path.endpointId,
    providerSgId: path.providerSgId,
    consumerSgId: path.consumerSgId,
    listenerArn: path.listenerArn,
    providerVpcCidr: path.providerVpcCidr,
    consumerVpcCidr: path.consumerVpcCidr,
  };
  const fill = (t: string) => fillPlaceholders(t, vars);
  return { ...raw, story: fill(raw.story), hints: raw.hints.map(fill), explain: fill(raw.explain) };
}

function now(ctx: LessonContext): string {
  return new Date(ctx.clock.now()).toISOString();
}

async function tagConsumer(ctx: LessonContext, path: LearnerPath, id: string, state: ChallengeCloudState): Promise<void> {
  if (!path.consumerInstanceId) return;
  await ctx.clients.ec2.send(
    new CreateTagsCommand({ Resources: [path.consumerInstanceId], Tags: [{ Key: CHALLENGE_TAG, Value: id }, { Key: CHALLENGE_STATE_TAG, Value: state }] }),
  );
}

/** The challenges, marked: in progress (▶, also one a facilitator started for the room), solved, given up. */
export async function listChallenges(ctx: LessonContext): Promise<void> {
  const p = ctx.state.challenges;
  const active = p.active ?? (await adoptFromCloud(ctx, await readLearnerPath(ctx)));
  const items = loadChallenges(ctx.lesson).map((c) => {
    const state = active?.id === c.id ? "active" : p.solved[c.id] ? "solved" : p.gaveUp[c.id] ? "gave-up" : "open";
    const text = loadChallengeText(ctx, c.id);
    return { id: c.id, level: c.level, state, title: text.title, summary: text.summary };
  });
  const MARK: Record<string, string> = { active: "▶", solved: "✔", "gave-up": "○", open: "·" };
  ctx.io.notify({
    type: "table",
    rows: items.map((i) => [MARK[i.state] ?? "·", i.id, "★".repeat(i.level), i.title, i.summary]),
    // `--json`: named fields, not the drawn row.
    data: { name: "challenges", items },
  });
  ctx.io.notify({ type: "notice", level: "info", message: ctx.t(active ? "challenge.activeNow" : "challenge.howToStart", { id: active?.id ?? "" }) });
}

export async function startChallenge(ctx: LessonContext, id: string): Promise<void> {
  const d = definition(ctx, id);
  const active = ctx.state.challenges.active;
  if (active) throw new LabError("challenge.alreadyActive", { id: active.id });
  const path = await readLearnerPath(ctx);
  const broken = firstFailure(await walkLearnerPath(ctx, path.view));
  if (broken) throw new LabError("challenge.notReady", { link: broken.id });
  const breaker = BREAKERS[d.break];
  if (!breaker) throw new LabError("challenge.unknown", { id, ids: "" }, { source: "internal" });
  const undo = await breaker.break(ctx, path);
  ctx.state.challenges.active = { id, startedAt: now(ctx), hints: 0, undo };
  saveState(ctx);
  await tagConsumer(ctx, path, id, "broken");
  const text = loadChallengeText(ctx, id, path);
  ctx.io.notify({ type: "challenge", id, title: text.title, status: "started", message: `${text.story}\n\n${ctx.t("challenge.started")}` });
}

type Active = NonNullable<LessonContext["state"]["challenges"]["active"]>;

/**
 * A challenge a facilitator started for the room (`workshop challenge --all`) shows only on the
 * Consumer instance's tags: the progress file learns it from there.
 */
async function adoptFromCloud(ctx: LessonContext, path: LearnerPath): Promise<Active | undefined> {
  if (!path.consumerInstanceId) return undefined;
  const out = await ctx.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [path.consumerInstanceId] }));
  const mark = challengeMark(out.Reservations?.[0]?.Instances?.[0]?.Tags);
  if (mark?.state !== "broken") return undefined;
  const adopted: Active = { id: mark.id, startedAt: now(ctx), hints: 0, undo: {} };
  ctx.state.challenges.active = adopted;
  saveState(ctx);
  return adopted;
}

/** The challenge in progress: from the progress file, or from the cloud (see adoptFromCloud). */
async function requireActive(ctx: LessonContext, path: LearnerPath): Promise<Active> {
  const active = ctx.state.challenges.active ?? (await adoptFromCloud(ctx, path));
  if (!active) throw new LabError("challenge.none");
  return active;
}

/** Runs the lesson's curl on the Consumer instance; true when the Provider's own page came back (HTTP 200). */
async function curlWorks(ctx: LessonContext, path: LearnerPath): Promise<boolean> {
  if (!path.consumerInstanceId || !path.dnsRegional) return false;
  return (await curlFromConsumer(ctx, "challenge", path.consumerInstanceId, path.dnsRegional, path.providerInstanceId)).ok;
}

/** Proves the fix with curl; explains when it works, gives the next graded hint when not. */
export async function checkChallenge(ctx: LessonContext): Promise<boolean> {
  const path = await readLearnerPath(ctx);
  const active = await requireActive(ctx, path);
  const text = loadChallengeText(ctx, active.id, path);
  if (await curlWorks(ctx, path)) {
    ctx.state.challenges.solved[active.id] = now(ctx);
    delete ctx.state.challenges.active;
    saveState(ctx);
    await tagConsumer(ctx, path, active.id, "fixed");
    ctx.io.notify({ type: "challenge", id: active.id, title: text.title, status: "fixed", message: `${ctx.t("challenge.fixed")}\n\n${text.explain}` });
    return true;
  }
  const n = Math.min(active.hints, text.hints.length - 1);
  active.hints = n + 1;
  saveState(ctx);
  const hint = `${ctx.t("engine.hint", { n: n + 1, total: text.hints.length })} ${text.hints[n] ?? ""}`;
  ctx.io.notify({ type: "challenge", id: active.id, title: text.title, status: "broken", message: `${ctx.t("challenge.notFixed")}\n\n${hint}` });
  return false;
}

/** Shows where it was broken and how to fix it, then puts it back. */
export async function giveUp(ctx: LessonContext): Promise<void> {
  const path = await readLearnerPath(ctx);
  const active = await requireActive(ctx, path);
  const d = definition(ctx, active.id);
  const text = loadChallengeText(ctx, active.id, path);
  const answer = await diagnose(ctx, path.view);
  ctx.io.notify({ type: "diagnosis", title: answer.title, ok: answer.ok, links: answer.links, ...(answer.first ? { first: answer.first } : {}) });
  await BREAKERS[d.break]?.restore(ctx, path, active.undo);
  ctx.state.challenges.gaveUp[active.id] = now(ctx);
  delete ctx.state.challenges.active;
  saveState(ctx);
  await tagConsumer(ctx, path, active.id, "given-up");
  ctx.io.notify({ type: "challenge", id: active.id, title: text.title, status: "given-up", message: `${ctx.t("challenge.gaveUp")}\n\n${text.explain}` });
}
