/**
 * `status`'s "Next" line names this learner's own commands (their prefix, and `--sandbox` or their endpoint), as the
 * Ctrl-C notice and the goodbye do (continueCommand), so that it goes on with the same lesson; the JSON `next.command`
 * stays the bare command (data).
 */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { status } from "../../src/commands/status.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { loadPhrases } from "../../src/ui/line-breaks.js";
import { displayWidth } from "../../src/ui/text-width.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

async function statusScreen(lang: "en" | "ja", steps: string[], destroyed = false) {
  const h = harness({ host: new RecordingHost(lang), opts: { prefix: "kim", mode: "guided", lang, yes: true } });
  for (const id of steps) await stepCommand(id, h.opts, h.env);
  if (destroyed) await destroy(h.opts, h.env);
  await status(h.opts, h.env);
  const report = h.host.ofType("status").at(-1)!;
  const screen = renderEvent(report, { c: new Chalk({ level: 0 }), t: translator(lang), width: 200, markdown: (md) => md })!;
  // The Next sentence is the screen's last: from its "i " mark to the end, its wrapped lines joined.
  const lines = screen.split("\n");
  const from = lines.map((l) => l.startsWith("i ")).lastIndexOf(true);
  return { report, next: lines.slice(from).map((l) => l.trim()).join(" ") };
}

describe("status's Next line", () => {
  it.each(["en", "ja"] as const)("%s: names the learner's whole command to continue, and to run the step", async (lang) => {
    const { report, next } = await statusScreen(lang, ["preflight"]);
    expect(next).toContain("`npx privatelink-lab --prefix kim --sandbox`");
    expect(next).toContain("`npx privatelink-lab step deploy --prefix kim --sandbox`");
    expect(next).not.toContain("`npx privatelink-lab`");
    expect(report.next).toMatchObject({ step: "deploy", command: "npx privatelink-lab" });
  });

  it.each(["en", "ja"] as const)("%s: after the lab was deleted midway, names the learner's whole command to build it again", async (lang) => {
    const { report, next } = await statusScreen(lang, ["preflight", "deploy"], true);
    expect(next).toContain("`npx privatelink-lab --restart --prefix kim --sandbox`");
    expect(report.next).toMatchObject({ step: "preflight", command: "npx privatelink-lab --restart" });
  });
});

describe("status's Next line at 80 columns", () => {
  it.each(["en", "ja"] as const)("%s: leaves no short fragment alone on a row", async (lang) => {
    const h = harness({ host: new RecordingHost(lang), opts: { prefix: "pl-root", mode: "guided", lang, yes: true } });
    await stepCommand("preflight", h.opts, h.env);
    await status(h.opts, h.env);
    const report = h.host.ofType("status").at(-1)!;
    const phrases = lang === "ja" ? await loadPhrases("ja") : undefined;
    const screen = renderEvent(report, { c: new Chalk({ level: 0 }), t: translator(lang), width: 80, markdown: (md) => md, ...(phrases ? { phrases } : {}) })!;
    const lines = screen.split("\n");
    const next = lines.slice(lines.map((l) => l.startsWith("i ")).lastIndexOf(true));
    // No row but the last is a stray few words (e.g. "ステップだけを" alone, its sentence going on under it).
    for (const row of next.slice(0, -1)) expect(displayWidth(row.trim()), next.join("\n")).toBeGreaterThan(30);
  });
});
