/**
 * The facilitator's tables say what their columns are: `workshop rehearse` (how many learners are
 * on which step) and `workshop cleanup --dry-run` (what would be deleted, whose) start with a row
 * of headers in the facilitator's language, lined up with the columns by display width (a
 * Japanese header is two columns a character), as `workshop status` and `plan` do.
 */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { workshopCleanup } from "../../src/commands/workshop/cleanup.js";
import { workshopRehearse } from "../../src/commands/workshop/rehearse.js";
import { translator } from "../../src/i18n/messages.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { displayWidth } from "../../src/ui/text-width.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

/** The display columns at which a line's cells (text runs two spaces or more apart) start. */
function cellStarts(line: string): number[] {
  return [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => displayWidth(line.slice(0, m.index)));
}

/** The last table the command showed, as an 80-column terminal without colour draws it. */
function lastTable(host: RecordingHost, lang: "en" | "ja"): string[] {
  const table = host.ofType("table").at(-1)!;
  return renderEvent(table, { c: new Chalk({ level: 0 }), t: translator(lang), width: 80, markdown: (md) => md })!.split("\n");
}

describe.each(["en", "ja"] as const)("the workshop's tables have headers (%s)", (lang) => {
  const t = translator(lang);

  it("workshop rehearse: how many participants, and the step, above the rows and lined up with them", async () => {
    const h = harness({ host: new RecordingHost(lang), opts: { lang } });
    await workshopRehearse({ ...h.opts, participants: "4", prefixBase: "team" }, h.env);
    const [header, ...rows] = lastTable(h.host, lang);
    expect(header!.trim().split(/ {2,}/), header).toEqual([t("workshop.rehearse.col.count"), t("workshop.rehearse.col.step")]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(cellStarts(row).slice(0, 2), [header, row].join("\n")).toEqual(cellStarts(header!));
  }, 60_000);

  it("workshop cleanup --dry-run: participant, kind (in the language), id and name, lined up with the rows", async () => {
    const h = harness({ host: new RecordingHost(lang), opts: { lang } });
    await workshopRehearse({ ...h.opts, participants: "2", prefixBase: "team" }, h.env);
    await workshopCleanup({ ...h.opts, all: true, dryRun: true }, h.env);
    const lines = lastTable(h.host, lang);
    const [participant, kind, id, name] = ["participant", "kind", "id", "name"].map((c) => t(`workshop.cleanup.col.${c}`));
    // The ids (ARNs) are too wide for 80 columns beside the others: they and the names go under the row, and so do their headers.
    expect(lines.slice(0, 2).map((l) => l.trim().split(/ {2,}/)), lines.join("\n")).toEqual([[participant, kind], [id, name]]);
    const rows = lines.filter((l) => /^ {2}team-0\d/.test(l));
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(cellStarts(row), [lines[0], row].join("\n")).toEqual(cellStarts(lines[0]!));
    expect(rows.some((r) => r.includes(t("render.kind.stack")))).toBe(true);
  }, 60_000);
});
