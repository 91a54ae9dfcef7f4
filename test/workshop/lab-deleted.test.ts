/**
 * A deleted lab, as the facilitator sees it: one deleted after the lesson was finished (its curl through the endpoint
 * had brought back the Provider's page, and Run Command keeps that) is "finished, cleaned up", counted as finished;
 * one deleted before that is "deleted before the end", or "at step N" when a watch saw it. In the terminal's table (both
 * languages), in `--json` (`deletion`, `finished`: fields, not drawn text) and on the live page. Once AWS no longer
 * lists the lab's instance (an hour after) and no watch saw it, the cloud cannot tell, and the seat says only so.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { workshopCleanup } from "../../src/commands/workshop/cleanup.js";
import { openFacilitator } from "../../src/commands/workshop/open.js";
import { workshopRehearse } from "../../src/commands/workshop/rehearse.js";
import { workshopStatus } from "../../src/commands/workshop/status.js";
import { translator } from "../../src/i18n/messages.js";
import { StepMemory } from "../../src/workshop/participant-progress.js";
import { roomData, readStatus } from "../../src/workshop/room-data.js";
import { roomFragment } from "../../src/workshop/room-page/render.js";
import { statusRows } from "../../src/workshop/status-format.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { csvCells } from "../helpers/csv-cells.js";

const TWO_HOURS = 2 * 3600_000;

/** team-01 finished the lesson (curl through the endpoint), team-02 waits for acceptance (step 6); then the facilitator deletes every lab. */
async function room(): Promise<Harness> {
  // At AWS's own pace: a terminated instance stays listed for an hour, as on AWS.
  const h = harness({ speed: 1 });
  await workshopRehearse({ ...h.opts, participants: "2", prefixBase: "team" }, h.env);
  return h;
}

async function seats(h: Harness, lang?: "ja"): Promise<Map<string, string>> {
  await workshopStatus({ ...h.opts, once: true, ...(lang ? { lang } : {}) }, h.env);
  return new Map(h.host.ofType("table").at(-1)!.rows.slice(1).map((r) => [r[0]!.replace(/^!?\s*/, "").trim(), r[1]!]));
}

async function json(h: Harness): Promise<{ totals: { finished: number }; participants: { prefix: string; phase: string; finished: boolean; deletion?: string; step: string | null }[] }> {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d: Buffer) => (text += d.toString()));
  h.env.stdout = out as unknown as NodeJS.WriteStream;
  await workshopStatus({ ...h.opts, json: true }, h.env);
  return JSON.parse(text) as never;
}

const cells = csvCells;

async function csv(h: Harness): Promise<string> {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d: Buffer) => (text += d.toString()));
  h.env.stdout = out as unknown as NodeJS.WriteStream;
  await workshopStatus({ ...h.opts, csv: true }, h.env);
  return text;
}

describe("workshop status tells a lab finished and cleaned up from one deleted midway", () => {
  it("from the cloud: Run Command's history of the lab's instance, while AWS lists it", async () => {
    const h = await room();
    await workshopCleanup({ ...h.opts, all: true, yes: true }, h.env);
    const en = await seats(h);
    expect(en.get("team-01")).toBe("✔ finished, cleaned up");
    expect(en.get("team-02")).toBe("✕ lab deleted before the end");
    expect(h.host.ofType("notice").some((n) => n.message.startsWith("2 participants · 1 finished ·"))).toBe(true);
    const ja = await seats(h, "ja");
    expect(ja.get("team-01")).toBe("✔ 完了、片付け済み");
    expect(ja.get("team-02")).toBe("✕ 完了前にラボを削除");
    const doc = await json(h);
    expect(doc.totals.finished).toBe(1);
    // The spreadsheet a facilitator exports says it too, in its own column.
    const rows = (await csv(h)).trim().split("\n").map(cells);
    const col = rows[0]!.indexOf("deletion");
    expect(col).toBeGreaterThan(-1);
    expect(rows.slice(1).map((r) => [r[0], r[col]])).toEqual([["team-01", "after-finish"], ["team-02", "midway"]]);
    expect(doc.participants.map((p) => [p.prefix, p.phase, p.finished, p.deletion])).toEqual([
      ["team-01", "cleaned-up", true, "after-finish"],
      ["team-02", "cleaned-up", false, "midway"],
    ]);

    // Two hours on, AWS lists neither instance: nothing left says how the labs ended, and the seats say only that they are deleted.
    h.clock.advance(TWO_HOURS);
    const later = await seats(h);
    expect([later.get("team-01"), later.get("team-02")]).toEqual(["✕ lab deleted", "✕ lab deleted"]);
    expect((await json(h)).participants.map((p) => [p.finished, p.deletion])).toEqual([[false, "unknown"], [false, "unknown"]]);
  }, 60_000);

  it("from a watch that saw the labs: the step a lab was deleted at, on the terminal and the live page", async () => {
    const h = await room();
    const f = await openFacilitator(h.opts, h.env);
    const memory = new StepMemory();
    await readStatus(f, memory);
    await workshopCleanup({ ...h.opts, all: true, yes: true }, h.env);
    // Even once the cloud can no longer tell.
    h.clock.advance(TWO_HOURS);
    const status = await readStatus(f, memory);
    const row = (lang: "en" | "ja", prefix: string) => statusRows(status, translator(lang), lang).find((r) => r[0]!.includes(prefix))![1];
    expect(row("en", "team-01")).toBe("✔ finished, cleaned up");
    expect(row("en", "team-02")).toBe("✕ lab deleted at step 6");
    expect(row("ja", "team-02")).toBe("✕ ステップ 6 でラボを削除");
    const data = roomData(status, translator("en"));
    expect(data.participants.map((p) => [p.prefix, p.deletion, p.step, p.finished])).toEqual([
      ["team-01", "after-finish", "cleanup", true],
      ["team-02", "midway", "accept", false],
    ]);
    const page = roomFragment({ data }, { lang: "en" });
    expect(page).toContain('<span class="num">✔</span> finished, cleaned up');
    expect(page).toContain('<span class="num">✕</span> lab deleted at step 6');
    expect(page).toMatch(/<article class="card finished" data-prefix="team-01"/);
    const ja = roomFragment({ data: roomData(status, translator("ja")) }, { lang: "ja" });
    expect(ja).toContain("完了、片付け済み");
    expect(ja).toContain("ステップ 6 でラボを削除");
  }, 60_000);
});
