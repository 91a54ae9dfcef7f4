/** What every step gets: the AWS clients (real or sandbox), the learner's state, the IoHost, time. */
import type { AwsClients } from "../aws/clients.js";
import type { Clock } from "../sandbox/clock.js";
import type { LessonState } from "../state/schema.js";
import type { StateFile } from "../state/state-file.js";
import type { Translate } from "../i18n/messages.js";
import type { IoHost, LabEvent } from "../ui/io-host.js";
import type { ParticipantNames } from "../participant.js";
import type { PreflightTarget } from "../preflight/check.js";

export interface LessonContext {
  lesson: string;
  clients: AwsClients;
  state: LessonState;
  stateFile: StateFile;
  io: IoHost;
  t: Translate;
  clock: Clock;
  /** How often to poll AWS while waiting (ms of the clock). */
  pollMs: number;
  names: ParticipantNames;
  /** Hands-on: the learner performs the step; guided: the tool does. */
  mode: "guided" | "hands-on";
  /** The learner can act outside the tool (console, AWS CLI), so "verify" is offered: on AWS yes; in the sandbox once served (learner-door.ts). */
  learnerActsOutside?: boolean;
  /** Where a sandbox served to the learner's own AWS CLI says so (`sandbox env` reads it). */
  servedFile?: string;
  /** No one to ask (no terminal) and no `--yes`: nothing of the learner's is deleted (as `destroy` insists on `--yes`). */
  noConsent?: boolean;
  /** Clients for another Region of the same account (the same sandbox, or profile and endpoint): where else a lab may be. */
  inRegion?: (region: string) => Promise<AwsClients>;
  /** Reached over HTTP, the account is still a sandbox this tool serves (a workshop room, `sandbox serve`): nothing is billed. */
  servedSandbox?: boolean;
}

/** Nothing done here is billed: the sandbox in this process, or one this tool serves. */
export function freeHere(ctx: Pick<LessonContext, "clients" | "servedSandbox">): boolean {
  return ctx.clients.sandbox !== undefined || ctx.servedSandbox === true;
}

/**
 * The real AWS Management Console shows this account: AWS itself. Not the sandbox in this process, nor any endpoint
 * that is not AWS (a workshop room, `sandbox serve`, an emulator): a learner who used the console there would build
 * in their own AWS account, billed, where the lesson never looks.
 */
function realConsoleReaches(ctx: Pick<LessonContext, "clients">): boolean {
  return ctx.clients.sandbox === undefined && ctx.clients.served === undefined;
}

/**
 * The real console cannot see the account (the sandbox, a served one, an emulator): its path is left out in every mode and
 * output, and the AWS CLI (which can reach it) is shown instead.
 */
export function consoleLeftOut(ctx: Pick<LessonContext, "clients">): boolean {
  return !realConsoleReaches(ctx);
}

/** What the header calls the account: a served sandbox is a sandbox, not AWS. */
export function backendLabel(ctx: Pick<LessonContext, "clients" | "servedSandbox" | "state">): string {
  return freeHere(ctx) ? "sandbox" : ctx.state.backend;
}

/** The lesson's header line as data: where it runs, how, and whether the real console is one of the learner's ways. */
export function lessonStarted(ctx: LessonContext, lang: LessonState["lang"]): Extract<LabEvent, { type: "lesson-started" }> {
  return { type: "lesson-started", lesson: ctx.lesson, backend: backendLabel(ctx), region: ctx.state.region, prefix: ctx.state.prefix, lang, mode: ctx.mode, realConsole: realConsoleReaches(ctx) };
}

/** Where the preflight checks look: this learner's lesson (`known`: what the command read a moment ago), with what its fixes' commands need. */
export function preflightTarget(ctx: LessonContext, known?: PreflightTarget["known"]): PreflightTarget {
  const { state } = ctx;
  return {
    clients: ctx.clients,
    region: state.region,
    prefix: state.prefix,
    names: ctx.names,
    lesson: state,
    ...(known ? { known } : {}),
    ...(ctx.io.shell ? { shell: ctx.io.shell } : {}),
    ...(ctx.servedSandbox ? { servedSandbox: true } : {}),
    ...(state.backend === "sandbox" ? { served: { file: ctx.servedFile, lastUrl: state.servedUrl } } : {}),
    ...(ctx.inRegion ? { inRegion: ctx.inRegion } : {}),
    ...(state.az ? { az: state.az } : {}),
  };
}

export function saveState(ctx: LessonContext): void {
  ctx.state.updatedAt = new Date(ctx.clock.now()).toISOString();
  ctx.stateFile.save(ctx.state);
}

/** A resource the lesson made: its id kept in the state (a cache) and announced. */
export function recordMade(ctx: LessonContext, step: string, kind: string, key: keyof LessonState["ids"], id: string): void {
  ctx.state.ids[key] = id;
  saveState(ctx);
  ctx.io.notify({ type: "resource-created", step, kind, id });
}

export function mark(ctx: LessonContext, step: string): void {
  ctx.state.marks[step] = new Date(ctx.clock.now()).toISOString();
  saveState(ctx);
}
