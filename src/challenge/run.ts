/**
 * Break-and-fix challenges on a finished build: start (break one link, say nothing of which), check (curl proves it,
 * else the next graded hint), give up (show the answer, put it back). The Consumer instance carries the challenge as
 * tags, so `workshop status` sees who fixed it. `known`: the cloud as the command has just read it.
 */
import { diagnose, diagnosisOf, readWithPath } from "../diagnose/diagnose.js";
import { loadStep } from "../content/lesson-content.js";
import { currentStep, detectAll } from "../lesson/progress.js";
import { STEPS } from "../lesson/steps/index.js";
import { LabError } from "../errors.js";
import { consoleLeftOut, preflightTarget, saveState, type LessonContext } from "../lesson/context.js";
import { awsPlace } from "../preflight/check.js";
import { awsCommands, continueCommand, learnerCommand, type CommandPlace } from "../shell/lab-command.js";
import { curlFromConsumer } from "../lesson/steps/curl.js";
import { BREAKERS, type ExtraRule } from "./breakers.js";
import { leftoverKey, leftoversOf, leftSince, type Leftover } from "./leftovers.js";
import { loadChallenges, loadChallengeText as loadText, type ChallengeDefinition, type ChallengeText } from "./definitions.js";
import { cmdNotes, shellMarkdown } from "../shell/in-text.js";
import type { Script } from "../shell/script.js";
import { lessonVars } from "../lesson/vars.js";
import { readCloud, type CloudView } from "../lesson/cloud-view.js";
import type { LearnerPath } from "./learner-path.js";
import { curledOnce, readScene, recognise, showsBreak, type ChallengeScene } from "./scene.js";
import { CHALLENGE_STATE_TAG, CHALLENGE_TAG, type ChallengeCloudState } from "../challenge-mark.js";
import { awsPort } from "../aws/port.js";
import { readServed } from "../sandbox/served-file.js";
import { loadCommand, secondTerminalShell } from "../sandbox/shell-env.js";

function definition(ctx: LessonContext, id: string): ChallengeDefinition {
  const all = loadChallenges(ctx.lesson);
  const d = all.find((c) => c.id === id);
  // A usage error (exit 2), as an unknown step id is.
  if (!d) throw new LabError("challengeState.usage.unknown", { id, ids: all.map((c) => c.id).join(", ") });
  return d;
}

/** A challenge's text with the learner's real ids filled in. */
function loadChallengeText(ctx: LessonContext, id: string, path?: LearnerPath): ChallengeText & { hintCommands?: Script[][] } {
  const raw = loadText(ctx.lesson, id, ctx.io.lang, { console: !consoleLeftOut(ctx) });
  if (!path) return raw;
  const vars = { ...lessonVars(ctx, path.view), endpointSgId: path.endpointSgId, endpointId: path.endpointId, providerSgId: path.providerSgId, consumerSgId: path.consumerSgId, listenerArn: path.listenerArn, providerVpcCidr: path.providerVpcCidr, consumerVpcCidr: path.consumerVpcCidr };
  // Commands in the learner's shell (bash, PowerShell or cmd.exe), kept as data for --json too.
  const shell = (t: string) => shellMarkdown(t, ctx.io.shell ?? "bash", vars, cmdNotes(ctx.t));
  const hints = raw.hints.map(shell);
  return { ...raw, story: shell(raw.story).markdown, hints: hints.map((h) => h.markdown), hintCommands: hints.map((h) => h.commands), explain: shell(raw.explain).markdown };
}

function now(ctx: LessonContext): string {
  return new Date(ctx.clock.now()).toISOString();
}

async function tagConsumer(ctx: LessonContext, path: LearnerPath, id: string, state: ChallengeCloudState): Promise<void> {
  if (!path.consumerInstanceId) return;
  await awsPort(ctx.clients).ec2.createTags({ Resources: [path.consumerInstanceId], Tags: [{ Key: CHALLENGE_TAG, Value: id }, { Key: CHALLENGE_STATE_TAG, Value: state }] });
}

/** The challenges, marked: in progress (▶, also one a facilitator started for the room), solved, given up. */
export async function listChallenges(ctx: LessonContext, known?: CloudView): Promise<void> {
  const p = ctx.state.challenges;
  const view = known ?? (await readCloud(ctx.clients, ctx.names));
  const active = recorded(ctx, view.consumerInstance?.challenge);
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

type Active = NonNullable<LessonContext["state"]["challenges"]["active"]>;

function adopt(ctx: LessonContext, id: string, undo: Record<string, string> = {}): Active {
  const adopted: Active = { id, startedAt: now(ctx), hints: 0, undo };
  ctx.state.challenges.active = adopted;
  saveState(ctx);
  return adopted;
}

/** The challenge on record: the progress file's, else (then recorded) the one the Consumer instance's tags name. */
function recorded(ctx: LessonContext, mark: ChallengeScene["mark"]): Active | undefined {
  return ctx.state.challenges.active ?? (mark?.state === "broken" ? adopt(ctx, mark.id) : undefined);
}

/**
 * Breaks one link: the record is written before the break, the tags after it, so a rerun after a kill anywhere finishes
 * it. Only on a build whose curl once worked; a break the cloud shows with no record is this challenge's (adopted) or
 * another's (named); a part missing with no challenge's evidence is the lesson's.
 */
export async function startChallenge(ctx: LessonContext, id: string, known?: CloudView): Promise<void> {
  const d = definition(ctx, id);
  const breaker = BREAKERS[d.break];
  if (!breaker) throw new LabError("challenge.unknown", { id, ids: "" }, { source: "internal" });
  const view = await readWithPath(ctx, known);
  if (cleanedUp(view)) throw new LabError("challengeReady.cleanedUp", { id });
  const scene = await readScene(ctx, view);
  const active = recorded(ctx, scene.mark);
  if (active && active.id !== id) throw new LabError("challenge.alreadyActive", { id: active.id });
  // Started before and marked so on the cloud: nothing to break again, and no story as if it just broke.
  if (active && scene.mark?.id === id && scene.mark.state === "broken") return stillInProgress(ctx, id, scene.path);
  // The cloud is the truth: a rerun after a kill resumes on a build that curled before its start.
  if (!curledOnce(scene)) throw notReady(ctx, scene, id);
  if (scene.first) {
    // On record, an earlier start got this far; with none, only a break's own evidence is one.
    const seen = active ? (showsBreak(scene, d) ? d : undefined) : recognise(ctx, scene, d);
    if (!seen) throw notReady(ctx, scene, id);
    if (seen.id !== id) throw new LabError("challengeState.halfStarted", { id: seen.id });
    if (!active) adopt(ctx, id);
  } else {
    // Nothing broken, but not all up yet (a target in its first health checks): wait, then start.
    if (scene.starting) throw notReady(ctx, scene, id);
    // Resuming a start killed midway, what it saved first is kept (a group it closed already has nothing left to save).
    const undo = await breaker.plan(ctx, scene.path, active?.undo);
    const record = active ?? adopt(ctx, id, undo);
    if (Object.keys(undo).length > 0) record.undo = undo;
    record.leftBefore ??= leftoversOf(scene.path).map(leftoverKey);
    saveState(ctx);
    await breaker.apply(ctx, scene.path, undo);
    await confirmBroken(ctx, d, record);
  }
  await tagConsumer(ctx, scene.path, id, "broken");
  const text = loadChallengeText(ctx, id, scene.path);
  ctx.io.notify({ type: "challenge", id, title: text.title, status: "started", message: `${text.story}\n\n${ctx.t(consoleLeftOut(ctx) ? "challenge.startedNoConsole" : "challenge.started")}` });
}

/**
 * Reads the cloud again after the break: unless the path now fails where the challenge says, the learner's build holds
 * up in a way this break cannot reach. Then everything it changed is put back, the record dropped, and the start refused
 * saying what the read showed, rather than announcing a break that is not there.
 */
async function confirmBroken(ctx: LessonContext, d: ChallengeDefinition, record: Active): Promise<void> {
  const after = await readScene(ctx);
  if (showsBreak(after, d)) return;
  await BREAKERS[d.break]?.restore(ctx, after.path, record.undo);
  delete ctx.state.challenges.active;
  saveState(ctx);
  const link = after.first && (diagnosisOf(ctx, after.path.view).first?.name ?? after.first.id);
  if (link) throw new LabError("challenge.brokeElsewhere", { id: d.id, link });
  throw new LabError("challenge.didNotBreak", { id: d.id });
}

/** Neither lesson stack exists, and CloudFormation remembers them deleted: the lab was cleaned up, there is nothing to break. */
function cleanedUp(view: CloudView): boolean {
  return !view.consumer && !view.provider && view.deletedStacks.length > 0;
}

/** `challenge start` again on the challenge in progress: it is, what broke is as it was, and what to run next. */
function stillInProgress(ctx: LessonContext, id: string, path: LearnerPath): void {
  const { title } = loadChallengeText(ctx, id, path);
  ctx.io.notify({ type: "notice", level: "info", message: ctx.t("challenge.stillInProgress", { id, title }) });
}

/** Nothing broken, only still starting (a target in its first health checks): how long to wait. */
function startingWait(ctx: LessonContext, scene: ChallengeScene): ReturnType<typeof diagnosisOf>["wait"] {
  return !scene.first && scene.starting ? diagnosisOf(ctx, scene.path.view).wait : undefined;
}

/** No challenge on this build yet: the first link that fails, else that curl never worked; and the step to run next. */
function notReady(ctx: LessonContext, scene: ChallengeScene, id: string): LabError {
  const view = scene.path.view;
  // Still starting is no refusal: say how long to wait, then to start it again.
  const wait = startingWait(ctx, scene);
  if (wait) return new LabError("starting.challenge", { link: wait.link.name, seconds: wait.seconds, id }, { source: "starting" });
  const step = currentStep(detectAll(STEPS, view, ctx.state))?.step.id ?? "curl";
  // The commands name this learner's lesson (prefix, --sandbox or endpoint, profile), as every printed command does.
  const [n, title, command] = [STEPS.findIndex((s) => s.id === step), loadStep(ctx.lesson, step, ctx.io.lang).title, learnerCommand(`step ${step}`, ctx)];
  const link = scene.first && diagnosisOf(ctx, view).first?.name;
  // A part removed after curl worked (the endpoint) reads as the cleanup begun: finish it, then build again.
  if (link && step === "cleanup") return new LabError("halfStart.cleaning", { link, command, restart: learnerCommand("--restart", ctx) });
  return link ? new LabError("challengeReady.notReady", { link, n, title, command, again: continueCommand(ctx) }) : new LabError("challengeReady.notCurled", { n, title, command });
}

/** Before `fix` asks anything: is there a challenge to fix (on record, or a break the cloud shows and the learner keeps)? */
export async function challengeToFix(ctx: LessonContext): Promise<boolean> {
  return (await requireActive(ctx, await readScene(ctx))) !== undefined;
}

/** The challenge in progress: on record, or a break the cloud shows with none (asked: give it up or keep it). */
async function requireActive(ctx: LessonContext, scene: ChallengeScene): Promise<Active | undefined> {
  const active = recorded(ctx, scene.mark);
  if (active) return active;
  const seen = recognise(ctx, scene);
  if (!seen) throw new LabError("challenge.none");
  if (!ctx.io.interactive) throw new LabError("challengeState.halfStarted", { id: seen.id });
  const choice = await ctx.io.select<"keep" | "give-up">(ctx.t("challengeState.askKeep", { id: seen.id }), [
    { value: "keep", name: ctx.t("challengeState.keep") },
    { value: "give-up", name: ctx.t("challengeState.giveUp") },
  ], "keep");
  const adopted = adopt(ctx, seen.id);
  if (choice === "keep") return adopted;
  await giveUp(ctx);
  return undefined;
}

type Settled = "fixed" | "given-up";

/** The tags first: a kill between them and the record leaves the record, and the next run ends the same way. */
async function settle(ctx: LessonContext, path: LearnerPath, id: string, status: Settled, text: string): Promise<void> {
  await tagConsumer(ctx, path, id, status);
  ctx.state.challenges[status === "fixed" ? "solved" : "gaveUp"][id] = now(ctx);
  delete ctx.state.challenges.active;
  saveState(ctx);
  ctx.io.notify({ type: "challenge", id, title: loadChallengeText(ctx, id).title, status, message: text });
}

/** Proves the fix with curl; explains when it works, gives the next graded hint when not. */
export async function checkChallenge(ctx: LessonContext, known?: CloudView): Promise<boolean> {
  const scene = await readScene(ctx, known);
  const path = scene.path;
  const active = await requireActive(ctx, scene);
  if (!active) return true; // given up and put back on the learner's word
  const text = loadChallengeText(ctx, active.id, path);
  // curl runs on the Consumer through Run Command: cut off from it (by a change beside the fix), the check proves nothing.
  if (scene.first?.id === "consumer-instance") return cannotCurl(ctx, path);
  const { consumerInstanceId: from, dnsRegional: to } = path;
  if (from && to && (await curlFromConsumer(ctx, "challenge", from, to, path.providerInstanceId)).ok) {
    // Works, but solved only as the lesson intends it: a rule added besides the fix is named, never removed for them.
    const extras = (await BREAKERS[definition(ctx, active.id).break]?.extras?.(ctx, path, active.undo)) ?? [];
    if (extras.length > 0) return await tellExtras(ctx, active.id, text.title, extras);
    const left = leftSince(path, active.leftBefore);
    await settle(ctx, path, active.id, "fixed", `${ctx.t("challenge.fixed")}\n\n${text.explain}`);
    if (left.length > 0) await tellLeftovers(ctx, left);
    return true;
  }
  // No hint spent while a target registered again is still starting: wait and check again.
  const wait = startingWait(ctx, scene);
  if (wait) throw new LabError("starting.check", { link: wait.link.name, seconds: wait.seconds }, { source: "starting" });
  const n = Math.min(active.hints, text.hints.length - 1);
  active.hints = n + 1;
  saveState(ctx);
  const hint = { n: n + 1, total: text.hints.length, text: text.hints[n] ?? "" };
  const commands = text.hintCommands?.[n] ?? [];
  // The curl above showed what failed, and the command ends saying the challenge is not solved and what to do next: here, only the hint.
  const message = ctx.t("engine.hint", { n: hint.n, total: hint.total, text: hint.text });
  ctx.io.notify({ type: "challenge", id: active.id, title: text.title, status: "broken", message, hint, ...(commands.length > 0 ? { commands, shell: ctx.io.shell ?? "bash" } : {}) });
  return false;
}

/** The link that cuts Run Command off the Consumer, with its fix, and no hint spent: no challenge breaks that link. */
function cannotCurl(ctx: LessonContext, path: LearnerPath): never {
  ctx.io.notify({ type: "diagnosis", ...diagnosisOf(ctx, path.view) });
  throw new LabError("challenge.cannotCurl");
}

/**
 * The revoke command for a rule, as the learner types it (by the rule's id: exactly that rule, nothing else), aimed at the
 * lesson's account (in the sandbox, where it is served on this computer: never AWS).
 */
function revokeCommand(ctx: LessonContext, r: ExtraRule, place: CommandPlace): string {
  const words = ["ec2", `revoke-security-group-${r.egress ? "egress" : "ingress"}`, "--group-id", r.groupId, "--security-group-rule-ids", r.ruleId, "--region", ctx.state.region];
  return awsCommands([words], place);
}

/** Solved, with what the fix left on the build besides the repair: each with whether it matters and the command that undoes it. */
async function tellLeftovers(ctx: LessonContext, left: Leftover[]): Promise<void> {
  const place = await awsPlace(preflightTarget(ctx));
  const lines = left.map((l) => `- ${ctx.t(`challenge.leftover.${l.kind}`, { id: l.id, command: awsCommands([[...l.command, "--region", ctx.state.region]], place) })}`);
  const level = left.some((l) => l.matters) ? "warn" : "info";
  ctx.io.notify({ type: "notice", level, message: `${ctx.t("challenge.leftovers")}\n\n${lines.join("\n")}` });
}

/** curl works but the learner's fix left rules the build does not need: each named with its revoke command; not solved (no hint spent). */
async function tellExtras(ctx: LessonContext, id: string, title: string, extras: ExtraRule[]): Promise<false> {
  const place = await awsPlace(preflightTarget(ctx));
  const lines = extras.map((r) => `- ${ctx.t("challenge.extraRule", { rule: r.rule, group: r.groupId, command: revokeCommand(ctx, r, place) })}`);
  const { markdown, commands } = shellMarkdown(`${ctx.t("challenge.extraRules", { check: learnerCommand("challenge check", ctx) })}\n\n${lines.join("\n")}`, ctx.io.shell ?? "bash", {}, cmdNotes(ctx.t));
  ctx.io.notify({ type: "challenge", id, title, status: "broken", message: markdown, commands, shell: ctx.io.shell ?? "bash" });
  return false;
}

/**
 * Shows where it was broken and how to fix it, puts a working path back from what the cloud shows now, and says so once
 * a fresh read proves it works. A rerun after a kill finishes the repair; a break with no record is put back too.
 */
export async function giveUp(ctx: LessonContext, known?: CloudView): Promise<void> {
  const scene = await readScene(ctx, known);
  const active = recorded(ctx, scene.mark) ?? adoptRecognised(ctx, scene);
  const d = definition(ctx, active.id);
  const text = loadChallengeText(ctx, active.id, scene.path);
  if (scene.first) ctx.io.notify({ type: "diagnosis", ...(await diagnose(ctx, scene.path.view)) });
  await BREAKERS[d.break]?.restore(ctx, scene.path, active.undo);
  const after = await readScene(ctx);
  if (after.first) throw new LabError("challengeState.notPutBack", { id: active.id, link: after.first.id });
  await settle(ctx, after.path, active.id, "given-up", `${ctx.t("challenge.gaveUp")}\n\n${text.explain}`);
}

function adoptRecognised(ctx: LessonContext, scene: ChallengeScene): Active {
  const seen = recognise(ctx, scene);
  if (!seen) throw new LabError("challenge.none");
  ctx.io.notify({ type: "notice", level: "info", message: ctx.t("challengeState.recognised", { id: seen.id }) });
  return adopt(ctx, seen.id);
}

/** A sandbox challenge is fixed by hand with the AWS CLI via a served sandbox: point a terminal at it, or start one. */
export function fixByHandInSandbox(ctx: LessonContext): string {
  const served = ctx.servedFile ? readServed(ctx.servedFile) : undefined;
  const load = loadCommand(secondTerminalShell(ctx.io.shell, process.env, process.platform));
  return served ? ctx.t("sandbox-env.challenge.byHandServed", { url: served.url, load }) : ctx.t("sandbox-env.challenge.byHand", { load });
}
