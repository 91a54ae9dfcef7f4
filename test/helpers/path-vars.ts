/**
 * The values lesson text can be filled with, step by step, along one path through the lesson in
 * the sandbox: with the progress file, and as a run that lost it would see them (only what the
 * cloud and STS tell). The content check fills every text with these and refuses any `<name>`.
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { readCloud, type CloudView } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { preflight } from "../../src/lesson/steps/preflight.js";
import type { Step } from "../../src/lesson/step.js";
import type { LessonState } from "../../src/state/schema.js";
import { lessonVars, type LessonVars } from "../../src/lesson/vars.js";
import { harness } from "./lesson-harness.js";
import { RecordingHost } from "./recording-host.js";

export interface StepValues {
  step: string;
  /** When the step's concept, console, CLI and hints are shown. */
  before: LessonVars[];
  /** When its notes and its done text are shown. */
  after: LessonVars[];
  /** The done texts this path shows (`done` or a variant): on AWS and in a sandbox, where they differ. */
  done: string[];
}

export interface LessonPath {
  name: string;
  /** Do a step another way than the guided default (the learner's other choices). */
  instead?: Record<string, (ctx: LessonContext, view: CloudView) => Promise<void>>;
  answers?: { match: string; value: boolean | string | number }[];
}

/**
 * The same context as a run that lost its progress file sees it at this point: a fresh state with
 * the account id (from STS), plus what the steps it re-runs first put there (step 0 picks the AZ
 * again whenever the cloud does not show it done yet).
 */
function withoutProgressFile(ctx: LessonContext, view: CloudView, preflightRan: boolean): LessonContext {
  const s = ctx.state;
  const fresh: LessonState = { schema: s.schema, lesson: s.lesson, prefix: s.prefix, backend: s.backend, region: s.region, lang: s.lang, mode: s.mode, createdAt: s.createdAt, updatedAt: s.updatedAt, ids: s.ids.accountId ? { accountId: s.ids.accountId } : {}, marks: {}, challenges: { solved: {}, gaveUp: {} } };
  if (s.az && (preflightRan || !preflight.detect(view, fresh).done)) fresh.az = s.az;
  return { ...ctx, state: fresh };
}

/** As the engine picks it: the detection's variant, else the step's variant for the account (billed or free). */
function doneTexts(step: Step, before: CloudView, after: CloudView, ctx: LessonContext): string[] {
  const named = step.detect(after, ctx.state).doneVariant;
  return named ? [named] : [...new Set([false, true].map((free) => step.conceptVariant?.(before, free) ?? "done"))];
}

export async function valuesAlong(path: LessonPath): Promise<StepValues[]> {
  const h = harness({ host: new RecordingHost("en", false, path.answers ?? []) });
  const s = await openSession(h.opts, h.env);
  const ctx = await lessonContext(h.opts, h.env, s, false);
  // As the engine does before step 0: the account id comes from STS on every path.
  ctx.state.ids.accountId = (await ctx.clients.sts.send(new GetCallerIdentityCommand({}))).Account ?? "";
  const both = (view: CloudView, preflightRan: boolean) => [lessonVars(ctx, view), lessonVars(withoutProgressFile(ctx, view, preflightRan), view)];
  const out: StepValues[] = [];
  for (const step of STEPS) {
    const before = await readCloud(ctx.clients, ctx.names);
    await (path.instead?.[step.id] ?? step.perform)(ctx, before);
    const after = await readCloud(ctx.clients, ctx.names);
    out.push({ step: step.id, before: both(before, false), after: both(after, step.id === "preflight"), done: doneTexts(step, before, after, ctx) });
  }
  return out;
}
