/**
 * A finished wait's line says what happened ("✔ Endpoint service deleted (0s)"), never what is still going on
 * ("✔ Deleting the endpoint service"): every wait of the lesson, the cleanup and the challenges has such words, in
 * both languages, and the deploy's wait leaves them on screen.
 */
import { describe, expect, it } from "vitest";
import { step as stepCommand } from "../../src/commands/step.js";
import { loadMessages, translator } from "../../src/i18n/messages.js";
import { WAIT_WORDS } from "../../src/lesson/wait-words.js";
import type { Spinner } from "../../src/ui/io-host.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

/** Still going on: "-ing" at the start (English), "〜しています" / "〜待っています" at the end (Japanese). */
const RUNNING = { en: /^\w+ing\b/, ja: /(てい|でい)ます$/ } as const;

/** A host that keeps the lines its spinners end with. */
class FinishedLines extends RecordingHost {
  readonly finished: string[] = [];
  override spinner(step: string, text: string): Spinner {
    super.spinner(step, text);
    return { update: () => undefined, succeed: (t?: string) => void this.finished.push(t ?? text), fail: () => undefined, stop: () => undefined };
  }
}

describe.each(["en", "ja"] as const)("a finished wait's words (%s)", (lang) => {
  const table = loadMessages(lang);

  it.each(Object.entries(WAIT_WORDS))("%s: has a done text of its own, saying what happened", (_name, words) => {
    expect(table[words.doneLabel], words.doneLabel).toBeTruthy();
    expect(table[words.doneLabel]).not.toBe(table[words.label]);
    expect(table[words.doneLabel]).not.toMatch(RUNNING[lang]);
  });

  it("the deploy's wait ends on the stacks deployed, not on deploying them", { timeout: 120_000 }, async () => {
    const host = new FinishedLines(lang, false);
    const h = harness({ host, speed: 0, opts: { lang } });
    for (const id of ["preflight", "deploy"]) await stepCommand(id, h.opts, h.env);
    const t = translator(lang);
    expect(host.finished.some((line) => line.startsWith(t("wait.stacksDone")))).toBe(true);
    expect(host.finished.filter((line) => line.startsWith(t("wait.stacks")))).toEqual([]);
  });
});
