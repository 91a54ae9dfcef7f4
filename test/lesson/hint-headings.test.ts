/** Hints that send the learner to a section above name it as the screen shows its heading, never by the file's section id. */
import { describe, expect, it } from "vitest";
import { loadStep } from "../../src/content/lesson-content.js";
import { translator } from "../../src/i18n/messages.js";
import { STEPS } from "../../src/lesson/steps/index.js";

const SECTION_IDS = ["concept", "console", "cli", "hints", "done", "note"];
const quoted = (text: string) => [...text.matchAll(/"([^"]+)"|「([^」]+)」/g)].map((m) => m[1] ?? m[2]!);

describe.each(["en", "ja"] as const)("hints naming a section (%s)", (lang) => {
  const heading = translator(lang)("render.cli");

  it("quote no section id", () => {
    for (const step of STEPS) {
      for (const hint of loadStep("privatelink", step.id, lang).hints) expect(quoted(hint).filter((q) => SECTION_IDS.includes(q)), `${step.id}: ${hint}`).toEqual([]);
    }
  });

  it("name the AWS CLI section by its heading where they send the learner to it", () => {
    for (const id of ["deploy", "interface-endpoint", "cleanup"]) {
      expect(loadStep("privatelink", id, lang).hints.some((h) => quoted(h).includes(heading)), id).toBe(true);
    }
  });
});
