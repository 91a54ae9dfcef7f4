/**
 * Everything a learner sees or answers goes through one IoHost: steps emit events and ask questions, a host shows them
 * (terminal, JSON lines, or a test recorder). Every question carries a default, which a non-interactive host returns.
 */
import type { Lang } from "../i18n/lang.js";
import type { Shell } from "../shell/render.js";
import type { EmittedEvent } from "./event-schema.js";

export type { CheckReport, CostReport, DiagnosisLink, EndpointReport, Facts, ResourceRef } from "./event-schema.js";

export interface SelectOptions {
  inline?: boolean;
  judged?: boolean;
}

/** Rows for a person; `data` is what `--json` writes instead (named records, not rendered cells). */
export interface TableEvent {
  type: "table";
  rows: string[][];
  data?: { name: string; items: Record<string, unknown>[] };
  /** The rows are shell commands for this shell (kept pasteable when they wrap, with its continuation). */
  commands?: Shell;
}

/** What steps and commands emit; each event's fields are those of its `--json` line (src/ui/event-schema.ts), less `time`. */
export type LabEvent = EmittedEvent | TableEvent;

export interface InputOptions {
  /** Free text the learner words themselves (a Name tag): read as typed, not as `asTyped` reads keys (ui/typed-input.ts). */
  verbatim?: boolean;
}

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  /** In an inline question: the digit that picks it, kept the same wherever the choice appears (default: its place). */
  key?: number;
}

export interface Spinner {
  /** `narrow`: the same line in fewer columns (the state in one word), each narrower, for a terminal too narrow for `text`. */
  update(text: string, narrow?: readonly string[]): void;
  succeed(text?: string): void;
  fail(text?: string): void;
  stop(): void;
}

/** A spinner as lines (`say`): one when it starts, one per new state (its counters ignored), one at the end. */
export function lineSpinner(text: string, say: (mark: string, text: string) => void, last = ""): Spinner {
  say("… ", text);
  return {
    update: (t) => {
      const key = t.replace(/\d+m?\d*s/g, "");
      if (key !== last) say("  ", t);
      last = key;
    },
    succeed: (t) => say("✔ ", t ?? text),
    fail: (t) => say("✖ ", t ?? text),
    stop: () => undefined,
  };
}

export interface IoHost {
  readonly lang: Lang;
  /** The shell the printed commands are written for (absent: bash). */
  shell?: Shell;
  /** False when there is no TTY, with --yes or with --json: every question returns its default. */
  readonly interactive: boolean;
  notify(event: LabEvent): void;
  /** A line beside the lesson, on standard error (standard output stays the lesson's, or --json's); a spinner being drawn is cleared first. */
  aside(text: string): void;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  /**
   * `inline`: the answers on a line under the question, picked by number — for a question under text that must stay on screen.
   * `judged`: the answer is judged right after (a quiz question), so the answered line must not look right or wrong by itself.
   */
  select<T>(message: string, choices: Choice<T>[], defaultValue: T, options?: SelectOptions): Promise<T>;
  /** Typed full-width letters, digits and signs come as ASCII (ui/typed-input.ts), unless `verbatim`. */
  input(message: string, defaultValue: string, validate?: (value: string) => string | true, options?: InputOptions): Promise<string>;
  /** A live progress line (spinner on a terminal); also reported as `progress` events. */
  spinner(step: string, text: string): Spinner;
}
