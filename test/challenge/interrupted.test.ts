/**
 * Ctrl-C in a challenge command tells the learner to run that challenge command again (it goes on from
 * what the cloud shows), never the lesson, whose next step on a finished build is the cleanup; and the
 * delete command it names is this learner's (prefix, sandbox).
 */
import { describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { translator } from "../../src/i18n/messages.js";
import { interruptNotice } from "../../src/interrupt-notice.js";
import { buildLab, copyLab } from "../helpers/built-lab.js";

const stop = () => {
  throw Object.assign(new Error("User force closed the prompt"), { name: "ExitPromptError" });
};

describe.each(["en", "ja"] as const)("stopped in a challenge command (%s)", (lang) => {
  const t = translator(lang);

  it("the notice names the same challenge command to run again and this learner's destroy, not the lesson", async () => {
    const lab = await buildLab();
    const started = await copyLab(lab, lang);
    await challenge("start", "wrong-number", { ...started.h.opts, lang }, started.h.env);
    const afterStart = t(...interruptNotice());
    expect(afterStart).toContain("`npx privatelink-lab challenge start wrong-number --prefix alice --sandbox`");
    expect(afterStart).toContain("npx privatelink-lab destroy --prefix alice --sandbox");

    const { h } = await copyLab(lab, lang, [{ match: t("challenge.form.page"), value: stop }]);
    await challenge("start", "wrong-number", { ...h.opts, lang }, h.env);
    await expect(challenge("fix", undefined, { ...h.opts, lang }, h.env)).rejects.toMatchObject({ name: "ExitPromptError" });
    const afterFix = t(...interruptNotice());
    expect(afterFix).toContain("`npx privatelink-lab challenge fix --prefix alice --sandbox`");
    expect(afterFix).not.toContain(t("engine.interrupted", { destroy: "", again: "", status: "" }).slice(0, 30));
  });
});
