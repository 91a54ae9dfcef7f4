/**
 * `challenge start` after the lesson was finished and cleaned up (its last step deletes the lab): there is no build
 * to break, and the refusal says how to get one back (`--restart`). It said "This needs the step 'deploy' first. Run
 * `npx privatelink-lab` to continue in order", and that command only answers that the lesson is over: a loop.
 */
import { describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { destroy } from "../../src/commands/destroy.js";
import { translator } from "../../src/i18n/messages.js";
import { reportError } from "../../src/ui/error-report.js";
import { buildLab, copyLab } from "../helpers/built-lab.js";
import { RecordingHost } from "../helpers/recording-host.js";

describe.each(["en", "ja"] as const)("challenge start on a lab already cleaned up (%s)", (lang) => {
  it("is refused with the command that builds the lab again: npx privatelink-lab --restart", async () => {
    const { h } = await copyLab(await buildLab());
    await destroy({ ...h.opts, yes: true }, h.env);
    const err = await challenge("start", "silent-door", { ...h.opts, lang }, { ...h.env, makeHost: () => new RecordingHost(lang) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err, "challenge start must be refused").toBeDefined();
    const report = reportError(err, translator(lang));
    expect(report.exitCode).toBe(1);
    expect(report.hint).toContain("npx privatelink-lab --restart");
    expect(report.hint).toContain("npx privatelink-lab challenge start silent-door");
  });
});
