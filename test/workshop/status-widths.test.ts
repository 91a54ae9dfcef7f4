/** `workshop status`: a step's title takes the width the terminal has (measured by display width), cut only when it must be. */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { loadStep } from "../../src/content/lesson-content.js";
import { translator } from "../../src/i18n/messages.js";
import { displayWidth } from "../../src/ui/text-width.js";
import { liveFrame } from "../../src/workshop/live-screen.js";
import type { RoomStatus } from "../../src/workshop/room-status.js";
import { statusRows } from "../../src/workshop/status-format.js";

const seat = (prefix: string, step: string, stepIndex: number) =>
  ({ prefix, phase: "on-step", step, stepIndex, finished: false, why: "x", whyVars: {}, observed: true, minutesOnStep: 7, signals: [], perHourUsd: 0, costSoFarUsd: 0 });
const room = {
  at: 0,
  region: "ap-northeast-1",
  backend: "sandbox",
  totals: { participants: 2, notStarted: 0, finished: 0, flagged: 0, perHourUsd: 0, costSoFarUsd: 0 },
  participants: [seat("team-01", "endpoint-service", 3), seat("team-02", "cleanup", 9)],
} as unknown as RoomStatus;

const title = (step: string, lang: "en" | "ja") => loadStep("privatelink", step, lang).title;

describe("workshop status's step column", () => {
  it.each(["en", "ja"] as const)("(%s) at 120 columns shows every step's title whole", (lang) => {
    const frame = liveFrame(room, { t: translator(lang), lang, c: new Chalk({ level: 0 }), columns: 120, rows: 40, intervalSeconds: 10, timeZone: "UTC" });
    for (const line of frame.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(120);
    expect(frame).toContain(`3/9 ${title("endpoint-service", lang)}`);
    expect(frame).toContain(`9/9 ${title("cleanup", lang)}`);
    expect(frame).not.toContain("…");
    // The snapshot (`--once`) gets the same cells.
    const rows = statusRows(room, translator(lang), lang, 120);
    expect(rows.map((r) => r[1])).toContain(`9/9 ${title("cleanup", lang)}`);
  });

  it.each(["en", "ja"] as const)("(%s) at 80 columns uses the width there is: a title cut only by what the line cannot hold", (lang) => {
    const frame = liveFrame(room, { t: translator(lang), lang, c: new Chalk({ level: 0 }), columns: 80, rows: 40, intervalSeconds: 10, timeZone: "UTC" });
    const lines = frame.split("\n");
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    // "3/9 提供する側：エンドポイントサービスを作る" (44 columns) fits whole at 80.
    expect(frame).toContain(`3/9 ${title("endpoint-service", lang)}`);
    // The longest title is cut, but only at the line's end: the row still uses nearly all 80 columns (indent and gaps aside).
    const cut = lines.find((l) => l.includes("9/9"))!;
    if (cut.includes("…")) expect(displayWidth(cut.trimEnd())).toBeGreaterThanOrEqual(70);
  });
});
