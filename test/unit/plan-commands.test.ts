/** `workshop plan` piped at 80 columns: the quota commands still paste (each shell's continuation). */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { workshopPlan } from "../../src/commands/workshop/plan.js";
import { translator } from "../../src/i18n/messages.js";
import type { LabEvent } from "../../src/ui/io-host.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { displayWidth } from "../../src/ui/text-width.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

describe("a table of commands", () => {
  it.each([60, 80])("at %i columns wraps each command with ` \\` so it pastes as one", (width) => {
    const command = "aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-1216C47A --desired-value 84 --region ap-northeast-1";
    const out = renderEvent({ type: "table", rows: [[command]], commands: "bash" }, { c: new Chalk({ level: 0 }), t: translator("en"), width, markdown: (m) => m }) ?? "";
    const lines = out.split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/ \\$/);
    expect(out.replace(/ \\\n\s*/g, " ").trim()).toBe(command);
  });

  it.each([
    ["powershell", " `"],
    ["cmd", " ^"],
  ] as const)("in %s continues each wrapped line as that shell does (%j), never with ` \\`", (shell, cont) => {
    const command = "aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-1216C47A --desired-value 84 --region ap-northeast-1";
    const out = renderEvent({ type: "table", rows: [[command]], commands: shell }, { c: new Chalk({ level: 0 }), t: translator("en"), width: 60, markdown: (m) => m }) ?? "";
    const lines = out.split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(0, -1)) expect(l.endsWith(cont), l).toBe(true);
    expect(out).not.toContain("\\");
    expect(lines.map((l) => l.trim()).join(" ").replaceAll(cont.trim() + " ", "")).toBe(command);
  });
});

describe("the plan's quota table piped at 80 columns", () => {
  it.each(["en", "ja"] as const)("keeps its columns aligned (%s)", async (lang) => {
    const host = new RecordingHost(lang);
    const h = harness({ host, opts: { lang } });
    await workshopPlan({ ...h.opts, participants: "20" }, h.env);
    const table = host.events.find((e): e is Extract<LabEvent, { type: "table" }> => e.type === "table" && !e.commands)!;
    const t = translator(lang);
    const out = renderEvent(table, { c: new Chalk({ level: 0 }), t, width: 80, markdown: (m) => m }) ?? "";
    const lines = out.split("\n");
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(80);
    // Each row's verdict (its last cell) starts in the column of the header's last cell.
    const lastCell = (row: string[]) => row[row.length - 1]!;
    const column = (line: string, cell: string) => displayWidth(line.slice(0, line.lastIndexOf(cell)));
    const header = lines[0]!;
    const at = column(header, lastCell(table.rows[0]!));
    for (const row of table.rows.slice(1)) {
      const line = lines.find((l) => l.includes(lastCell(row)) && l.includes(row[1]!))!;
      expect(line, row.join(" | ")).toBeDefined();
      expect(column(line, lastCell(row)), line).toBe(at);
    }
  });
});
