/** An IoHost for tests: records every event and answers questions from a script (or defaults). */
import type { Lang } from "../../src/i18n/lang.js";
import { PLACEHOLDER_NAMES } from "../../src/lesson/vars.js";
import type { Choice, IoHost, LabEvent, Spinner } from "../../src/ui/io-host.js";

export type Answer = string | number | boolean | (() => string | number | boolean);

export class RecordingHost implements IoHost {
  readonly events: LabEvent[] = [];
  readonly questions: string[] = [];
  /** Answers by question substring; unmatched questions get their default. */
  constructor(
    readonly lang: Lang = "en",
    readonly interactive = false,
    private readonly answers: { match: string; value: Answer; times?: number }[] = [],
  ) {}

  private answer<T>(message: string, fallback: T): T {
    this.questions.push(message);
    const a = this.answers.find((x) => message.includes(x.match) && (x.times === undefined || x.times > 0));
    if (!a) return fallback;
    if (a.times !== undefined) a.times -= 1;
    return (typeof a.value === "function" ? a.value() : a.value) as T;
  }

  notify(event: LabEvent): void {
    // Lesson text on screen with a `<name>` left unfilled fails the test that showed it.
    if (event.type === "explain") {
      const left = unfilled(event.markdown);
      if (left.length) throw new Error(`RecordingHost: unfilled ${left.join(", ")} in ${event.step}/${event.section}:\n${event.markdown}`);
    }
    this.events.push(event);
  }
  readonly asides: string[] = [];
  aside(text: string): void {
    this.asides.push(text);
  }
  async confirm(message: string, defaultValue: boolean): Promise<boolean> {
    return this.answer(message, defaultValue);
  }
  async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    const v = this.answer<unknown>(message, defaultValue);
    const hit = choices.find((c) => c.value === v || c.name === v);
    return hit ? hit.value : defaultValue;
  }
  async input(message: string, defaultValue: string, validate?: (value: string) => string | true): Promise<string> {
    const value = String(this.answer(message, defaultValue));
    // A real prompt would keep asking; a test must script a valid answer instead of looping.
    const verdict = validate?.(value) ?? true;
    if (verdict !== true) throw new Error(`RecordingHost: no valid scripted answer for "${message}": ${verdict}`);
    return value;
  }
  spinner(step: string, text: string): Spinner {
    this.events.push({ type: "progress", step, message: text });
    return { update: () => undefined, succeed: () => undefined, fail: () => undefined, stop: () => undefined };
  }

  ofType<K extends LabEvent["type"]>(type: K): Extract<LabEvent, { type: K }>[] {
    return this.events.filter((e): e is Extract<LabEvent, { type: K }> => e.type === type);
  }
}

const UNFILLED = new RegExp(`<(${PLACEHOLDER_NAMES.join("|")})>`, "g");

/** The placeholders a rendered text still shows as `<name>`. */
export function unfilled(text: string): string[] {
  return [...text.matchAll(UNFILLED)].map((m) => `<${m[1]}>`);
}
