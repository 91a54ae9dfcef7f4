/**
 * A command in brackets too wide for a row (a workshop room's `destroy` in the vCPU check's fix, at 80 columns) went on
 * rows of its own and left the closing bracket to start the next row: "）、別の…" or "), pick another…", or alone.
 * The brackets now hold words that stand for it ("(e.g. the command below),"), and the command follows them, whole;
 * where it fits, it stays in its brackets. Measured by display width, in both languages, at 80 and 120 columns.
 */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { fitToTerminal } from "../../src/ui/edge-text.js";
import type { LabEvent } from "../../src/ui/io-host.js";
import { loadPhrases } from "../../src/ui/line-breaks.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { displayWidth } from "../../src/ui/text-width.js";
import { wrap } from "../../src/ui/wrap.js";

const ROOM = "http://192.168.10.23:4580/room/tokyo-0612";
const DESTROY = `npx privatelink-lab destroy --prefix keep --endpoint-url ${ROOM}`;
const REQUEST = `aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-1216C47A --desired-value 8 --endpoint-url ${ROOM}`;
/** No row may start with these: a bracket that closes, or the punctuation after it. */
const STARTS_CLOSED = /^\s*[)）\]］」』】、。,.]/;

/** The command as pasted: its rows, from the one it starts on, joined where each continues with ` \`. */
function pasted(rows: string[], start: string): string | undefined {
  const at = rows.findIndex((r) => r.trimStart().startsWith(start));
  if (at < 0) return undefined;
  const cmd: string[] = [];
  for (const row of rows.slice(at)) {
    cmd.push(row.trim().replace(/ \\$/, ""));
    if (!row.endsWith(" \\")) break;
  }
  return cmd.join(" ");
}

describe.each(["en", "ja"] as const)("a command in brackets wider than the row (%s)", (lang) => {
  const t = translator(lang);
  const fix = t("doctor.quota.vcpusHeld.hint", { destroy: DESTROY, desired: "8", command: REQUEST });
  const below = t("render.commandBelow");

  for (const width of [80, 120]) {
    it(`at ${width} columns: no row starts with the closing bracket, each fits, and the command pastes whole`, async () => {
      const phrases = await loadPhrases(lang);
      const check = { type: "checks", checks: [{ id: "quota.vcpus", group: "quota", status: "fail", key: "doctor.quota.vcpusHeld", text: "vCPUs", fix }] } as LabEvent;
      const table = renderEvent(check, { c: new Chalk({ level: 0 }), t, width, markdown: (m) => m, phrases })!;
      const edge = fitToTerminal(`✖ ${fix}`, { isTTY: true, columns: width }, phrases, false, "bash", below);
      for (const out of [table, edge]) {
        const rows = out.split("\n");
        expect(rows.filter((r) => STARTS_CLOSED.test(r)), out).toEqual([]);
        expect(rows.filter((r) => displayWidth(r) > width), out).toEqual([]);
        const onRows = pasted(rows, "npx privatelink-lab destroy");
        if (onRows !== undefined) {
          // On rows of its own: whole, and named in its brackets.
          expect(onRows, out).toBe(DESTROY);
          expect(out).toContain(lang === "en" ? "(e.g. the command below)," : "（例：下のコマンド）、");
        } else {
          // It fits: in its brackets, the closing one right after it.
          expect(out).toContain(lang === "en" ? `\`${DESTROY}\`),` : `\`${DESTROY}\`）、`);
          expect(out).not.toContain(below);
        }
      }
      if (width === 80) expect(table).toContain(below);
    });
  }
});

describe("a name in Japanese brackets wider than the row", () => {
  it("goes whole on a row of its own with its brackets, never cut inside", async () => {
    const url = `${ROOM}/some/very/long/path/that/goes/on/and/on/and/on/forever`;
    const out = wrap(`ページを開いてください（${url}）。`, 80, { phrases: await loadPhrases("ja"), first: "→ ", rest: "  " });
    expect(out.split("\n"), out).toContain(`  （${url}）。`);
  });
});
