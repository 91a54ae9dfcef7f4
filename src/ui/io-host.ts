/**
 * Everything a learner sees or answers goes through one IoHost. Steps and commands emit events
 * and ask questions; a host renders them (terminal with colour and spinners, JSON lines, or a
 * test recorder). Every question carries a default, which a non-interactive host returns.
 */
import type { Lang } from "../i18n/lang.js";
import type { Shell } from "../shell/render.js";
import type { Script } from "../shell/script.js";
import type { DiagramPart } from "./diagram.js";

/** A cloud resource the lesson made or found. */
export interface ResourceRef {
  kind: string;
  id: string;
  name?: string;
}

/** One step as `status` reports it: data for scripts, rendered as a row on a terminal. */
export interface StepReport {
  id: string;
  index: number;
  title: string;
  done: boolean;
  current: boolean;
  /** Message key saying why (`detect.*`), and its text in the learner's language. */
  reason: string;
  text: string;
}

export interface CostReport {
  perHourUsd: number;
  region: string;
  sandbox: boolean;
  sinceUsd?: number;
  hours?: number;
}

/** A preflight check as data: its stable id, group, status, message key and the sentence. */
export interface CheckReport {
  id: string;
  group: string;
  status: "ok" | "warn" | "fail";
  key: string;
  text: string;
  fix?: string;
}

/** A labelled value (account, AZ, AMI, cost…): `key` is stable, `label` and `value` are for reading. */
export interface Fact {
  key: string;
  label: string;
  value: string;
}

/** A VPC endpoint the tour shows: where it is, its type, and what it puts in the VPC. */
export interface EndpointReport {
  side: "Consumer" | "Provider";
  id: string;
  type: string;
  service: string;
  enis: string[];
  routeTables: string[];
}

export type LabEvent =
  | { type: "lesson-started"; lesson: string; backend: string; region: string; prefix: string; lang: Lang; mode: string; resumedAt?: string }
  | { type: "notice"; level: "info" | "warn" | "success"; message: string }
  | { type: "step-started"; step: string; index: number; total: number; title: string }
  | {
      type: "explain";
      step: string;
      section: "concept" | "console" | "cli" | "done" | "note" | "hint";
      markdown: string;
      /** The commands in `markdown`, as programs and arguments (see src/shell/), and the shell they are rendered for. */
      commands?: Script[];
      shell?: Shell;
    }
  /** The two VPCs as data (each part and its state); a terminal draws the boxes (src/ui/diagram.ts). */
  | { type: "diagram"; step: string; parts: DiagramPart[]; linked: boolean; cleanedUp: boolean }
  | { type: "progress"; step: string; message: string }
  | { type: "resource-created"; step: string; kind: string; id: string }
  | { type: "step-finished"; step: string; status: "done" | "already-done" | "skipped" }
  | { type: "cost"; perHourUsd: number; region: string; sinceUsd?: number; hours?: number; sandbox: boolean }
  /** `stdout`: the page as curl printed it (the tool's own status line taken off: it is `httpStatus`). */
  | { type: "curl-result"; step: string; dnsName: string; exitCode: number; stdout: string; stderr: string; ok: boolean; httpStatus?: number; reason?: string }
  | { type: "quiz-answer"; step: string; id: string; right: boolean; answer: string; explanation: string }
  /** `answered: false`: nobody answered (--yes, no TTY): the answers were shown, and no score is given. */
  | { type: "quiz-result"; answered: boolean; score?: number; total: number }
  /** Rows for a person; `data` is what `--json` writes instead (named records, not rendered cells). */
  | { type: "table"; rows: string[][]; data?: { name: string; items: Record<string, unknown>[] }; commands?: Shell }
  | {
      type: "status";
      lesson: string;
      steps: StepReport[];
      resources: ResourceRef[];
      /** What it costs while resources exist (absent when nothing billable is left). */
      cost?: CostReport;
      /** What to do next (absent when the lesson is complete). */
      next?: { step: string; title: string; command: string; text: string };
      /** The lesson is over: the quiz score when it was taken. */
      finished?: { score?: number; total?: number; text: string };
    }
  | { type: "checks"; checks: CheckReport[] }
  | { type: "facts"; facts: Fact[] }
  | { type: "endpoints"; endpoints: EndpointReport[] }
  /** Resources listed for an action: `exists` (status), `delete` (a plan about to run or shown by --dry-run). */
  | { type: "resources"; action: "exists" | "delete"; resources: ResourceRef[] }
  | { type: "error"; key: string; message: string; hint?: string }
  | { type: "lesson-finished"; cleanedUp: boolean }
  | { type: "diagnosis"; title: string; ok: boolean; links: DiagnosisLink[]; first?: DiagnosisLink }
  | { type: "challenge"; id: string; title: string; status: "started" | "broken" | "fixed" | "given-up" | "hint"; message: string; commands?: Script[]; shell?: Shell }
  /** `sandbox serve` is listening: where, and the key pair to sign with (never valid on AWS). */
  | { type: "sandbox-served"; url: string; host: string; port: number; region: string; accessKeyId: string; secretAccessKey: string }
  /** The lesson serves the sandbox to the learner's own AWS CLI at `url`: `load` (one line) or `lines` point a shell there. */
  | { type: "served"; url: string; region: string; shell: string; load: string; lines: string[] };

/** One link of the PrivateLink path as `diagnose` shows it (see src/diagnose/). */
export interface DiagnosisLink {
  id: string;
  status: "pass" | "fail" | "warn" | "skip";
  problem?: string;
  name: string;
  what?: string;
  why?: string;
  console?: string;
  cli?: string;
  /** `cli` as programs and arguments, and the shell it is rendered for. */
  commands?: Script[];
  shell?: Shell;
}

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
}

export interface Spinner {
  update(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
  stop(): void;
}

export interface IoHost {
  readonly lang: Lang;
  /** The shell the printed commands are written for (absent: bash). */
  shell?: Shell;
  /** False when there is no TTY, with --yes or with --json: every question returns its default. */
  readonly interactive: boolean;
  notify(event: LabEvent): void;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  /** `inline`: the answers on a line under the question, picked by number — for a question under text that must stay on screen. */
  select<T>(message: string, choices: Choice<T>[], defaultValue: T, options?: { inline?: boolean }): Promise<T>;
  input(message: string, defaultValue: string, validate?: (value: string) => string | true): Promise<string>;
  /** A live progress line (spinner on a terminal); also reported as `progress` events. */
  spinner(step: string, text: string): Spinner;
}
