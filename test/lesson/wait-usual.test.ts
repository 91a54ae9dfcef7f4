/**
 * Each wait says what it waits for and roughly how long that usually takes, at the account's speed: about six minutes
 * for the stacks on AWS's time, a tenth of that in the default sandbox; an instant sandbox does not wait, so says none.
 */
import { describe, expect, it } from "vitest";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

/** The first line the deploy's spinner showed, at this sandbox speed. */
async function deploySpinner(lang: "en" | "ja", speed: number): Promise<string> {
  const host = new RecordingHost(lang, false);
  const h = harness({ host, speed, opts: { lang } });
  for (const id of ["preflight", "deploy"]) await stepCommand(id, h.opts, h.env);
  return host.ofType("progress").find((p) => p.step === "deploy")!.message;
}

describe.each(["en", "ja"] as const)("the deploy's wait (%s)", (lang) => {
  const t = translator(lang);

  it("says how long it usually takes: ~6 min at AWS's speed, ~36 s in the default sandbox, nothing when instant", { timeout: 120_000 }, async () => {
    const what = t("wait.stacks");
    expect(await deploySpinner(lang, 1)).toBe(t("wait.usuallyMinutes", { what, n: 6 }));
    expect(await deploySpinner(lang, 0.1)).toBe(t("wait.usuallySeconds", { what, n: 36 }));
    expect(await deploySpinner(lang, 0)).toBe(t("wait.stacks"));
  });
});
