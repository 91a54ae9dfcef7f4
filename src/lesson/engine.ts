/** The engine: read the cloud, find the current step, teach it, do it or let the learner, check again; the IoHost renders. */
import { loadStep, stepDeletes, type StepContent } from "../content/lesson-content.js";
import { LabError } from "../errors.js";
import { readCloud, type CloudView } from "./cloud-view.js";
import { knowAccount } from "./client-token.js";
import { consoleLeftOut, freeHere, mark, preflightTarget, type LessonContext } from "./context.js";
import { closeDoor, learnerCanAct, remindSecondTerminal, reopenIfStopped } from "./learner-door.js";
import { currentStep, detectAll, type StepStatus } from "./progress.js";
import { detectionVars, type Detection, type Step } from "./step.js";
import { awsPlace } from "../preflight/check.js";
import { continueCommand, learnerCommand, type CommandPlace } from "../shell/lab-command.js";
import { STEPS } from "./steps/index.js";
import { explain, explainConcept, explainNotes } from "./teaching.js";
import { rememberIds } from "./vars.js";
import { askToGo, goOrStop, hasReference, showReferenceLabel } from "./pacing.js";
import { diagramModel } from "../ui/diagram.js";
import { waitFor } from "./wait.js";
import { WAIT_WORDS } from "./wait-words.js";

interface RunOptions {
  /** Run just this step (the `step <id>` command), then stop. */
  only?: string;
  /** The cloud as the caller has just read it (nothing has acted since): not read again. */
  view?: CloudView;
}

/** A choice undid an earlier step (e.g. rejecting the endpoint): the main loop goes back to it. */
function regressed(ctx: LessonContext, step: Step, view: CloudView): boolean {
  const cur = currentStep(detectAll(STEPS, view, ctx.state));
  return cur !== undefined && STEPS.indexOf(cur.step) < STEPS.indexOf(step);
}

/**
 * The console path and the AWS CLI commands of a step (folded behind a choice for a learner; a log gets both). Where the
 * real console cannot see the account (the sandbox, a workshop room, an emulator), its path would have the learner build
 * in their own AWS account: the AWS CLI alone is shown, and why.
 */
function explainReference(ctx: LessonContext, step: Step, content: StepContent, view: CloudView): void {
  // The way as the cloud is now (a cleanup half done: nothing already being deleted or gone is deleted again).
  const console = asCloudIs(step, content.consoleVariants, view) || content.console;
  if (!consoleLeftOut(ctx)) explain(ctx, content.id, "console", console, view);
  else if (console.trim()) sayConsoleLeftOut(ctx);
  explain(ctx, content.id, "cli", asCloudIs(step, content.cliVariants, view) || content.cli, view);
}

/** A section's `<variant>` that tells it as the cloud is now (`Step.cloudVariant`), if the content has one. */
function asCloudIs<T>(step: Step, variants: Record<string, T>, view: CloudView): T | undefined {
  const shape = step.cloudVariant?.(view);
  return shape ? variants[shape] : undefined;
}

/** Runs whose log was told once why the console's path is left out. */
const toldNoConsole = new WeakSet<LessonContext>();

/** Why there is no console path: hands-on names the forms; guided in the sandbox, how to type the commands yourself. */
function sayConsoleLeftOut(ctx: LessonContext): void {
  // A log is told once; a learner each time they unfold a step's reference (the last time has scrolled away).
  if (!ctx.io.interactive && toldNoConsole.has(ctx)) return;
  toldNoConsole.add(ctx);
  const why = ctx.mode === "hands-on" ? ctx.t("engine.noRealConsole") : ctx.t("engine.noRealConsoleGuided");
  const message = ctx.mode === "guided" && ctx.clients.sandbox ? ctx.t("engine.tryCliHandsOn", { why }) : why;
  ctx.io.notify({ type: "notice", level: "info", message });
}

/** Each hands-on choice keeps its digit on every step, shown or not (1 verify · 2 show · 3 the tool · 4 the form). */
const KEYS = { verify: 1, show: 2, guided: 3, form: 4 } as const;

/** Runs whose learner was told once how to set up their second terminal (told again where it is needed). */
const reminded = new WeakSet<LessonContext>();
/** Runs in which the learner's own commands already did a step: their second terminal is set up, no more reminders. */
const actedOutside = new WeakSet<LessonContext>();

/**
 * Where each run's printed `aws` commands go: the lesson's account (awsPlace: in the sandbox, the address that serves it on
 * this computer), found when the run starts and again once the lesson serves the account to the learner. Not yet found:
 * the context itself (in the sandbox, 127.0.0.1 without a port: still never AWS).
 */
const printPlaces = new WeakMap<LessonContext, CommandPlace>();

async function findPrintPlace(ctx: LessonContext): Promise<void> {
  printPlaces.set(ctx, await awsPlace(preflightTarget(ctx)));
}

/** A detection's text (its reason, or what it adds to the done text) in the learner's words, its commands aimed at the lesson's account. */
const sayDetection = (ctx: LessonContext, key: string, d: Detection): string => ctx.t(key, detectionVars(d, printPlaces.get(ctx) ?? ctx));

/** The detection's reason in the learner's words. */
const reason = (ctx: LessonContext, d: Detection): string => sayDetection(ctx, d.why, d);

/** A step the cloud does not show done, said with this learner's own commands: where the lesson is, and how to go on. */
function stepNotDone(ctx: LessonContext, step: string, why: string, source?: "internal"): LabError {
  return new LabError("error.stepNotDone", { step, why, status: learnerCommand("status", ctx), again: continueCommand(ctx) }, source ? { source } : {});
}

/** What a wait says: after the learner's own try (no hint used), or on a rerun, for a step done before it (named). */
const SETTLING = { afterTry: WAIT_WORDS.afterTry, resumed: WAIT_WORDS.resumed } as const;

/** The words of a wait: after the learner's own try at a step that deletes, they speak of deletions. */
function settlingWords(ctx: LessonContext, step: Step, words: keyof typeof SETTLING) {
  return words === "afterTry" && stepDeletes(ctx.lesson, step.id) ? WAIT_WORDS.afterDelete : SETTLING[words];
}

/** Right so far but still becoming ready (an endpoint pending, a stack creating): wait for it, using no hint or try (past the time-out, the learner is asked again). */
async function settled(ctx: LessonContext, step: Step, view: CloudView, words: keyof typeof SETTLING = "afterTry"): Promise<CloudView> {
  if (!step.detect(view, ctx.state).settling) return view;
  const title = loadStep(ctx.lesson, step.id, ctx.io.lang).title;
  const { label, doneLabel, why } = settlingWords(ctx, step, words);
  // Why it waits and for which step, on its own wrapped line: the spinner's line keeps to how long and the state.
  ctx.io.notify({ type: "notice", level: "info", message: ctx.t(why, { title }) });
  return waitFor(ctx, {
    step: step.id,
    label,
    doneLabel,
    labelVars: { title },
    read: () => readCloud(ctx.clients, ctx.names),
    check: (v) => (step.detect(v, ctx.state).settling ? undefined : true),
    describe: (v) => reason(ctx, step.detect(v, ctx.state)),
    state: (v) => step.detect(v, ctx.state).vars?.state,
    usualSeconds: step.id === "deploy" ? 360 : 90,
    orLast: true,
  });
}

/**
 * The cloud as it is once the learner has answered: while the question waited they may have changed it (their console, a
 * second terminal). An earlier step it no longer shows done (the endpoint deleted at the accept step) is gone back to
 * (`back`), not acted on from what the lesson read before it asked.
 */
async function asAnswered(ctx: LessonContext, step: Step): Promise<{ view: CloudView; back: boolean }> {
  const view = await readCloud(ctx.clients, ctx.names);
  return { view, back: regressed(ctx, step, view) };
}

async function learnerDoes(ctx: LessonContext, step: Step, content: StepContent, view: CloudView, notesShown: Set<string>): Promise<CloudView> {
  let hint = 0;
  let current = view;
  let shown = !hasReference(content);
  // On AWS the learner's console and CLI reach the account; in the sandbox the lesson serves it to them; at a room or an emulator, their AWS CLI does.
  const outside = await learnerCanAct(ctx);
  // Served to the learner just now, perhaps at another port: the commands the texts name go there.
  await findPrintPlace(ctx);
  const verifyText = ctx.t(consoleLeftOut(ctx) ? "sandbox-env.lesson.doVerify" : "engine.doVerify");
  // The lines served at the start have scrolled away by now: the first question says the one that matters.
  if (!reminded.has(ctx)) {
    reminded.add(ctx);
    remindSecondTerminal(ctx, outside);
  }
  for (;;) {
    const how = await ctx.io.select<"form" | "verify" | "guided" | "show">(
      ctx.t("engine.howToDo"),
      [
        ...(outside ? [{ value: "verify" as const, name: verifyText, key: KEYS.verify }] : []),
        ...(shown ? [] : [{ value: "show" as const, name: showReferenceLabel(ctx), key: KEYS.show }]),
        { value: "guided" as const, name: ctx.t("engine.doGuided"), key: KEYS.guided },
        ...(step.handsOn ? [{ value: "form" as const, name: ctx.t("engine.doForm"), key: KEYS.form }] : []),
      ],
      step.handsOn ? "form" : "guided",
      { inline: true },
    );
    if (how === "show") {
      // The commands are for the account as served now: a `sandbox serve` stopped meanwhile is replaced (and said) first.
      await reopenIfStopped(ctx);
      explainReference(ctx, step, content, current);
      if (!actedOutside.has(ctx)) remindSecondTerminal(ctx, outside);
      shown = true;
      continue;
    }
    // Typed at a `sandbox serve` that has stopped since: said, and the account served again (asked again unless done).
    const stopped = how === "verify" && (await reopenIfStopped(ctx));
    let notes: string[] = [];
    if (how !== "verify") {
      const now = await asAnswered(ctx, step);
      if (now.back) return now.view;
      if (how === "guided") await step.perform(ctx, now.view);
      else if (step.handsOn) notes = await step.handsOn.run(ctx, now.view);
    }
    current = await settled(ctx, step, await readCloud(ctx.clients, ctx.names));
    // Notes tell what the learner's choices did: fill them from the cloud as it is now.
    explainNotes(ctx, content, notes, current, notesShown);
    const missing = step.detect(current, ctx.state);
    if (how === "verify" && missing.done) actedOutside.add(ctx);
    if (regressed(ctx, step, current)) return current;
    // Done but still becoming ready past the wait (an endpoint made, still pending): said, and asked again like one not done.
    if (missing.settling) {
      ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("handsOnWait.stillNotReady", { why: reason(ctx, missing) }) });
      continue;
    }
    if (missing.done) return current;
    if (stopped) continue;
    // The hints as the cloud is now (a cleanup half done: nothing already being deleted is to be deleted again).
    const hints = asCloudIs(step, content.hintVariants, current) ?? content.hints;
    const text = hints[Math.min(hint, hints.length - 1)];
    ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("engine.notYet", { why: reason(ctx, missing) }) });
    // A situation with a note of its own (an endpoint to an AWS service) is told by it, not by the next general hint.
    const own = missing.note ? content.notes[missing.note] : undefined;
    if (own) explain(ctx, step.id, "hint", own, current);
    else if (text) explain(ctx, step.id, "hint", ctx.t("engine.hint", { n: Math.min(hint + 1, hints.length), total: hints.length, text }), current);
    hint += 1;
    if (!ctx.io.interactive && hint > hints.length) throw stepNotDone(ctx, step.id, reason(ctx, missing));
  }
}

/** Teaches and runs one step; returns the cloud as it is afterwards. */
async function runStep(ctx: LessonContext, step: Step, index: number, view: CloudView): Promise<CloudView> {
  const content = loadStep(ctx.lesson, step.id, ctx.io.lang);
  rememberIds(ctx, view);
  ctx.io.notify({ type: "step-started", step: step.id, index, total: STEPS.length, title: content.title });
  const variant = step.conceptVariant?.(view, freeHere(ctx));
  const learner = ctx.mode === "hands-on" && ctx.io.interactive && (step.handsOn !== undefined || !step.traceless);
  // A cleanup stopped midway (the lesson deleting, not the learner by hand): said, not taught again; its one question is whether to delete.
  const resumed = !learner && step.supersedes?.(view, ctx.state) === true;
  if (resumed) ctx.io.notify({ type: "notice", level: "info", message: ctx.t("engine.cleanupResumed") });
  else explainConcept(ctx, content, view, [variant, step.cloudVariant?.(view)].find((v) => v && content.conceptVariants[v]));
  // The question comes right after the concept (see pacing.ts); logs get the reference at once.
  if (!ctx.io.interactive && !resumed) explainReference(ctx, step, content, view);
  let after: CloudView;
  const notesShown = new Set<string>();
  if (resumed) after = (await step.perform(ctx, view)) ?? (await readCloud(ctx.clients, ctx.names));
  else if (learner) {
    // The learner is now deleting by hand: a rerun must not build anything again (see cleanup-state.ts).
    if (step.supersedes) mark(ctx, "cleanupStarted");
    after = await learnerDoes(ctx, step, content, view, notesShown);
  } else {
    await askToGo(ctx, step, content, () => explainReference(ctx, step, content, view));
    // A step that leaves no trace neither reads nor changes the cloud: the view it acts on still holds.
    const now = step.traceless || !ctx.io.interactive ? { view, back: false } : await asAnswered(ctx, step);
    if (now.back) return now.view;
    const read = await step.perform(ctx, now.view);
    after = step.traceless ? now.view : (read ?? (await readCloud(ctx.clients, ctx.names)));
  }
  const detection = step.detect(after, ctx.state);
  if (!detection.done && regressed(ctx, step, after)) return after;
  if (!detection.done && step.id !== "cleanup") throw stepNotDone(ctx, step.id, reason(ctx, detection));
  // What the step teaches is shown on every path (guided, form, console), once it has happened.
  explainNotes(ctx, content, [...content.teaches, ...(detection.teaches ?? [])], after, notesShown);
  const doneText = content.doneVariants[detection.doneVariant ?? variant ?? ""] ?? content.done;
  explain(ctx, step.id, "done", detection.doneAlso ? `${doneText}\n\n${sayDetection(ctx, detection.doneAlso, detection)}` : doneText, after);
  ctx.io.notify({ type: "diagram", step: step.id, ...diagramModel(detectAll(STEPS, after, ctx.state), step.id) });
  ctx.io.notify({ type: "step-finished", step: step.id, status: "done" });
  return after;
}

function announceDone(ctx: LessonContext, step: Step, view: CloudView): void {
  const content = loadStep(ctx.lesson, step.id, ctx.io.lang);
  const detection = step.detect(view, ctx.state);
  ctx.io.notify({ type: "notice", level: "info", message: ctx.t("engine.alreadyDone", { title: content.title, why: reason(ctx, detection) }) });
  if (detection.note && content.notes[detection.note]) explain(ctx, step.id, "note", content.notes[detection.note] ?? "", view);
  // It finished while the lesson was not running (Ctrl-C during its wait): what it teaches is shown now, before the quiz asks it.
  if (ctx.state.quiz === undefined) {
    const seen = new Set(ctx.state.taught ?? []);
    explainNotes(ctx, content, [...content.teaches, ...(detection.teaches ?? [])].filter((k) => !seen.has(`${step.id}/${k}`)), view, new Set());
  }
  ctx.io.notify({ type: "step-finished", step: step.id, status: "already-done" });
}

/** An earlier step the cloud no longer shows done (an endpoint deleted or rejected): the lesson says so as it goes back to it. */
function sayBack(ctx: LessonContext, back: StepStatus, index: number): void {
  const title = loadStep(ctx.lesson, back.step.id, ctx.io.lang).title;
  const why = reason(ctx, back.detection);
  ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("engine.back", { n: String(index), title, why }) });
}

/**
 * `step <id>` on a step the cloud shows done: the lesson says it goes back to it (as the loop says when it goes back),
 * that the text describes the account before the step, and where `npx privatelink-lab` will continue afterwards.
 */
function sayRedo(ctx: LessonContext, view: CloudView, index: number): void {
  const statuses = detectAll(STEPS, view, ctx.state);
  const here = statuses[index]!;
  if (!here.detection.done) return;
  const title = (id: string) => loadStep(ctx.lesson, id, ctx.io.lang).title;
  ctx.io.notify({ type: "notice", level: "info", message: ctx.t("engine.redo", { n: String(index), title: title(here.step.id), why: reason(ctx, here.detection) }) });
  const cur = currentStep(statuses);
  if (cur) ctx.io.notify({ type: "notice", level: "info", message: ctx.t("engine.redoNext", { n: String(statuses.indexOf(cur)), title: title(cur.step.id), again: continueCommand(ctx) }) });
}

/** Runs the lesson from wherever the cloud is, to the end (or just one step with `only`); returns the cloud as it is then. */
export async function runLesson(ctx: LessonContext, options: RunOptions = {}): Promise<CloudView> {
  try {
    // Hands-on in the sandbox: the second terminal's lines stay on screen until the learner goes on (step 0 would push them off).
    if (ctx.mode === "hands-on" && ctx.io.interactive && (await learnerCanAct(ctx)) && ctx.clients.sandbox) {
      await goOrStop(ctx, "engine.continueAsk", "engine.continue");
    }
    return await lessonLoop(ctx, options);
  } finally {
    // A sandbox served to the learner's own AWS CLI lives as long as the lesson.
    await closeDoor(ctx);
  }
}

async function lessonLoop(ctx: LessonContext, options: RunOptions): Promise<CloudView> {
  await knowAccount(ctx); // so lesson text can name the account from the first screen on
  await findPrintPlace(ctx);
  let view = options.view ?? (await readCloud(ctx.clients, ctx.names));
  const announced = new Set<string>();
  if (options.only) {
    const index = STEPS.findIndex((s) => s.id === options.only);
    sayRedo(ctx, view, index);
    return runStep(ctx, STEPS[index]!, index, view);
  }
  let guard = 0;
  let last = -1;
  const waited = new Set<string>();
  for (;;) {
    const statuses = detectAll(STEPS, view, ctx.state);
    const cur = currentStep(statuses);
    const before = statuses.slice(0, cur ? statuses.indexOf(cur) : statuses.length);
    // A step done but still becoming ready (an endpoint made, still `pending`: new, or just accepted) is waited for
    // once before a later step builds on it (accepting an endpoint still being created would go nowhere).
    // So is the step at hand when what it makes is already on its way (both stacks creating: a run stopped during their
    // wait): waited for, not taught and asked again as if nothing had begun. Never the cleanup: it goes on deleting.
    const underWay = cur && !cur.detection.done && cur.detection.settling && cur.step.id !== "cleanup" ? [cur] : [];
    const becoming = [...before.filter((s) => s.detection.done && s.detection.settling), ...underWay].find((s) => !waited.has(s.step.id));
    if (becoming) {
      waited.add(becoming.step.id);
      view = await settled(ctx, becoming.step, view, "resumed");
      continue;
    }
    for (const s of before) {
      // Passed: cleanup has begun, nothing before it is announced or redone.
      if (s.detection.passed || announced.has(s.step.id)) continue;
      announced.add(s.step.id);
      announceDone(ctx, s.step, view);
    }
    if (!cur) break;
    const index = statuses.indexOf(cur);
    if (index < last) sayBack(ctx, cur, index);
    last = index;
    announced.add(cur.step.id);
    // Gone back (a rejected endpoint): a later step the cloud shows done again is said again, not skipped in silence.
    for (const s of STEPS.slice(index + 1)) announced.delete(s.id);
    view = await runStep(ctx, cur.step, index, view);
    if (cur.step.id === "cleanup") break;
    if (++guard > STEPS.length * 4) throw stepNotDone(ctx, cur.step.id, "", "internal");
  }
  ctx.io.notify({ type: "lesson-finished", cleanedUp: Boolean(ctx.state.marks.cleanup) });
  return view;
}
