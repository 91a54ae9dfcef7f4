/**
 * `diagnose` after the lab was cleaned up (both stacks deleted): it said "This needs the step 'Lay the groundwork…'
 * first. Run `npx privatelink-lab` to continue in order.", though the lesson then says the lab is gone and to use
 * --restart. It now says the lab is deleted and how to build it again. Found by QA coming back after a destroy.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { diagnose } from "../../src/commands/diagnose.js";
import { translator } from "../../src/i18n/messages.js";
import { reportError } from "../../src/ui/error-report.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

describe("diagnose after the cleanup", () => {
  it("says the lab is deleted and gives --restart (en, ja), not a step to do first", async () => {
    const { h } = await copyLab(lab);
    await destroy(h.opts, h.env);
    const err = await diagnose(h.opts, h.env).then(() => undefined, (e: unknown) => e);
    for (const lang of ["en", "ja"] as const) {
      const said = reportError(err, translator(lang));
      expect(said.key).toBe("diagnose.cleanedUp");
      expect(said.hint).toContain("npx privatelink-lab --restart");
    }
  });
});
