/**
 * In the sandbox the cost texts say what AWS would bill (nothing is billed here), the running total says it is
 * counted by the started hour, and Ctrl-C at a quiz question leaves the continue/delete advice to the one
 * interrupted notice instead of saying it twice.
 */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { start } from "../../src/commands/start.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { interruptNotice } from "../../src/interrupt-notice.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost, type Answer } from "../helpers/recording-host.js";

const BUILT = ["preflight", "deploy", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl", "review"];

async function built(lang: "en" | "ja", answers: { match: string; value: Answer }[] = [], steps = BUILT) {
  const h = harness({ host: new RecordingHost(lang, false, answers), opts: { lang } });
  for (const id of steps) await stepCommand(id, h.opts, h.env);
  return h;
}

describe.each(["en", "ja"] as const)("the sandbox's cost words (%s)", (lang) => {
  const t = translator(lang);

  it("keeping the resources says what AWS would charge, and names the delete command with --sandbox", async () => {
    const h = await built(lang, [{ match: t("cleanup.confirm"), value: false }]);
    await stepCommand("cleanup", h.opts, h.env);
    const kept = h.host.ofType("notice").at(-1)!.message;
    expect(kept).toContain(lang === "en" ? "On AWS it would cost" : "AWS 上なら");
    expect(kept).toContain("npx privatelink-lab destroy --prefix alice --sandbox");
    const cost = h.host.ofType("cost").at(-1)!;
    const said = (renderEvent(cost, { c: new Chalk({ level: 0 }), t, width: 1000, markdown: (md) => md }) ?? "").replace(/\s*\n\s*/g, lang === "en" ? " " : "");
    expect(said).toContain(lang === "en" ? "On AWS, what is still there would have cost" : "AWS 上なら、今も残っているものについて、ここまでの");
    expect(said).toMatch(lang === "en" ? /started hour/ : /開始した 1 時間単位/);
  });

  it("the cleanup's closing words say nothing was billed here, and what AWS would bill", async () => {
    const h = await built(lang);
    await stepCommand("cleanup", h.opts, h.env);
    const done = h.host.ofType("explain").filter((e) => e.step === "cleanup" && e.section === "done").at(-1)!;
    expect(done.markdown).toContain(lang === "en" ? "In the sandbox nothing was billed" : "サンドボックスなので課金はありません");
  });

  it("Ctrl-C at a quiz question: the advice to continue or delete is left to the interrupted notice, said once", async () => {
    const stop = () => {
      throw Object.assign(new Error("User force closed the prompt"), { name: "ExitPromptError" });
    };
    const h = await built(lang, [{ match: t("quiz.question", { n: 1, total: 5 }).slice(0, 2), value: stop }], BUILT.slice(0, -1));
    await expect(start(h.opts, h.env)).rejects.toMatchObject({ name: "ExitPromptError" });
    const notices = h.host.ofType("notice").map((n) => n.message);
    expect(notices.filter((m) => m.includes("destroy --prefix alice"))).toEqual([]);
    expect(h.host.ofType("cost").length).toBeGreaterThan(0);
    expect(t(...interruptNotice())).toContain("npx privatelink-lab destroy --prefix alice --sandbox");
  });
});
