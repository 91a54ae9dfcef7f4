/** `--json`: one JSON event per line on stdout and nothing else; never asks (every default). */
import type { Lang } from "../i18n/lang.js";
import { lineSpinner, type Choice, type IoHost, type LabEvent, type Spinner } from "./io-host.js";
import type { Output } from "../standard-output.js";

export class JsonHost implements IoHost {
  readonly interactive = false;
  constructor(
    readonly lang: Lang,
    private readonly out: Pick<Output, "write"> = process.stdout,
    private readonly now: () => number = Date.now,
    private readonly errors: Pick<Output, "write"> = process.stderr,
  ) {}

  notify(event: LabEvent): void {
    // A table's rendered cells are for people: scripts get its named data instead.
    const body = event.type === "table" && event.data ? { type: "table", name: event.data.name, items: event.data.items } : event;
    this.out.write(JSON.stringify({ time: new Date(this.now()).toISOString(), ...body }) + "\n");
  }
  aside(text: string): void {
    this.errors.write(text + "\n");
  }
  async confirm(_m: string, defaultValue: boolean): Promise<boolean> {
    return defaultValue;
  }
  async select<T>(_m: string, _c: Choice<T>[], defaultValue: T): Promise<T> {
    return defaultValue;
  }
  async input(_m: string, defaultValue: string): Promise<string> {
    return defaultValue;
  }
  spinner(step: string, text: string): Spinner {
    return lineSpinner(text, (_mark, message) => this.notify({ type: "progress", step, message }), text);
  }
}
