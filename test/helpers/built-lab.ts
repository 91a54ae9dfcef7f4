/**
 * A finished build (every step up to a working curl) in the sandbox, made once and cloned for
 * each test: the world is copied into a fresh MemoryStore and the progress file into a fresh
 * state directory, so each test breaks its own copy.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import type { Lang } from "../../src/i18n/lang.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import type { World } from "../../src/sandbox/world.js";
import { harness, type Harness } from "./lesson-harness.js";
import { RecordingHost } from "./recording-host.js";

export interface BuiltLab {
  world: World;
  stateDir: string;
  now: number;
}

/** Runs every step up to and including curl (guided), and keeps the result. */
export async function buildLab(): Promise<BuiltLab> {
  const h = harness();
  const s = await openSession(h.opts, h.env);
  const ctx = await lessonContext(h.opts, h.env, s, false);
  for (const step of STEPS) {
    await step.perform(ctx, await readCloud(ctx.clients, ctx.names));
    if (step.id === "curl") break;
  }
  return { world: h.sandbox.store.snapshot(), stateDir: h.stateDir, now: h.clock.now() };
}

export interface LabCopy {
  h: Harness;
  ctx: LessonContext;
  host: RecordingHost;
}

/** A private copy of the build, with a recording host in `lang`. */
export async function copyLab(lab: BuiltLab, lang: Lang = "en", answers: ConstructorParameters<typeof RecordingHost>[2] = []): Promise<LabCopy> {
  const stateDir = mkdtempSync(join(tmpdir(), "pll-state-"));
  cpSync(lab.stateDir, stateDir, { recursive: true });
  const host = new RecordingHost(lang, answers.length > 0, answers);
  const h = harness({ host, store: new MemoryStore(lab.world), stateDir, opts: { lang } });
  h.clock.advance(lab.now - h.clock.now());
  const s = await openSession(h.opts, h.env);
  const ctx = await lessonContext(h.opts, h.env, s, false);
  return { h, ctx, host };
}
