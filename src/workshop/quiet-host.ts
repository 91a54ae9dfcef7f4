/**
 * The IoHost each participant's work runs with when a facilitator acts on many at once: nothing
 * is printed (parallel spinners would garble the screen) and nothing is asked (every default).
 * What happened is kept, for the summary.
 */
import type { Lang } from "../i18n/lang.js";
import type { Choice, IoHost, LabEvent, Spinner } from "../ui/io-host.js";

export class QuietHost implements IoHost {
  readonly interactive = false;
  readonly events: LabEvent[] = [];

  constructor(readonly lang: Lang) {}

  notify(event: LabEvent): void {
    this.events.push(event);
  }
  aside(): void {}
  async confirm(_message: string, defaultValue: boolean): Promise<boolean> {
    return defaultValue;
  }
  async select<T>(_message: string, _choices: Choice<T>[], defaultValue: T): Promise<T> {
    return defaultValue;
  }
  async input(_message: string, defaultValue: string): Promise<string> {
    return defaultValue;
  }
  spinner(): Spinner {
    return { update: () => undefined, succeed: () => undefined, fail: () => undefined, stop: () => undefined };
  }
}
