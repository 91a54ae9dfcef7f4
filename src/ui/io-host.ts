/**
 * Everything a learner sees or answers goes through one IoHost. Steps and commands emit events
 * and ask questions; a host renders them (terminal with colour and spinners, JSON lines, or a
 * test recorder). Every question carries a default, which a non-interactive host returns.
 */
import type { Lang } from "../i18n/lang.js";

export type LabEvent =
  | { type: "lesson-started"; lesson: string; backend: string; region: string; prefix: string; lang: Lang; mode: string; resumedAt?: string }
  | { type: "notice"; level: "info" | "warn" | "success"; message: string }
  | { type: "step-started"; step: string; index: number; total: number; title: string }
  | { type: "explain"; step: string; section: "concept" | "console" | "cli" | "done" | "note" | "hint"; markdown: string }
  | { type: "diagram"; step: string; text: string }
  | { type: "progress"; step: string; message: string }
  | { type: "resource-created"; step: string; kind: string; id: string }
  | { type: "step-finished"; step: string; status: "done" | "already-done" | "skipped" }
  | { type: "cost"; perHourUsd: number; region: string; sinceUsd?: number; hours?: number; sandbox: boolean }
  | { type: "curl-result"; step: string; dnsName: string; exitCode: number; stdout: string; stderr: string; ok: boolean; httpStatus?: number; reason?: string }
  | { type: "quiz-result"; score: number; total: number }
  | { type: "table"; rows: string[][] }
  | { type: "error"; key: string; message: string; hint?: string }
  | { type: "lesson-finished"; cleanedUp: boolean };

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
