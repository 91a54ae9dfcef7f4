/** A learner at a terminal who unfolds each step's reference ("show how") first, then lets the tool do the step; remembers every choice offered. */
import type { Lang } from "../../src/i18n/lang.js";
import type { Choice } from "../../src/ui/io-host.js";
import { RecordingHost } from "./recording-host.js";

export class UnfoldingLearner extends RecordingHost {
  readonly offered: string[] = [];
  private readonly unfolded = new Set<string>();
  constructor(lang: Lang) {
    super(lang, true);
  }
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    this.offered.push(...choices.map((c) => c.name));
    const step = this.ofType("step-started").at(-1)?.step ?? "";
    const has = (v: string) => choices.find((c) => c.value === (v as unknown))?.value;
    const show = has("show");
    if (show !== undefined && !this.unfolded.has(step)) {
      this.unfolded.add(step);
      return show;
    }
    return has("guided") ?? has("go") ?? defaultValue;
  }
  /** Everything the learner read: lesson texts, notices, and the choices. */
  screen(): string {
    const texts = this.events.flatMap((e) => (e.type === "explain" ? [e.markdown] : e.type === "notice" ? [e.message] : []));
    return [...texts, ...this.offered].join("\n");
  }
}
