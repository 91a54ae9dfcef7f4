/** `workshop status` on a terminal: why a learner is flagged is wrapped, never cut (issue 22). */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { displayWidth } from "../../src/ui/text-width.js";
import { liveFrame } from "../../src/workshop/live-screen.js";
import type { RoomStatus } from "../../src/workshop/room-status.js";

const reason = "ROLLBACK_COMPLETE";
const status = {
  at: 0,
  region: "us-east-1",
  backend: "sandbox",
  totals: { participants: 1, notStarted: 0, finished: 0, flagged: 1, perHourUsd: 0.1, costSoFarUsd: 0.2 },
  participants: [
    {
      prefix: "team-07",
      phase: "on-step",
      step: "deploy",
      stepIndex: 1,
      finished: false,
      why: "detect.deploy.todo",
      whyVars: {},
      observed: true,
      minutesOnStep: 12,
      signals: [{ kind: "stack-failed", stack: "team-07-consumer-stack", status: reason }, { kind: "endpoint-rejected", id: "vpce-0123456789abcdef0", state: "rejected" }],
      perHourUsd: 0.1,
      costSoFarUsd: 0.2,
    },
  ],
} as unknown as RoomStatus;

describe("the live table", () => {
  it.each([80, 120])("at %i columns keeps the whole reason, wrapped under its column", (columns) => {
    const frame = liveFrame(status, { t: translator("en"), lang: "en", c: new Chalk({ level: 0 }), columns, rows: 40, intervalSeconds: 5 });
    for (const line of frame.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    const text = frame.replace(/\s+/g, " ");
    expect(text).toContain(reason);
    expect(text).toContain("vpce-0123456789abcdef0 rejected");
    // Only the step's title is shortened (by design, to keep the table narrow); nothing else is cut.
    expect(frame.split("\n").filter((l) => l.includes("…") && !l.includes("1/9"))).toEqual([]);
  });
});

describe("the live header", () => {
  it.each(["en", "ja"] as const)("(%s) at 80 columns shows how to quit, whole, and the time on the facilitator's clock with its zone", (lang) => {
    const frame = liveFrame({ ...status, region: "ap-northeast-1", at: Date.UTC(2026, 11, 6, 12, 5, 9) } as RoomStatus, { t: translator(lang), lang, c: new Chalk({ level: 0 }), columns: 80, rows: 24, intervalSeconds: 10, timeZone: "Asia/Tokyo" });
    const top = frame.split("\n").slice(0, 2);
    for (const line of top) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(top.join("\n")).not.toContain("…");
    expect(top.join("\n")).toContain(lang === "ja" ? "q で終了" : "q to quit");
    expect(top[0]).toContain(lang === "ja" ? "21:05:09 JST" : "21:05:09 GMT+9");
    expect(top[0]).not.toContain("UTC");
  });
});

describe("the live screen on a short terminal", () => {
  it.each(["en", "ja"] as const)("(%s) fits its rows with every reason wrapped: the title and header stay on screen, the rest is counted", (lang) => {
    const seats = Array.from({ length: 10 }, (_, i) => ({ ...status.participants[0]!, prefix: `team-${String(i + 1).padStart(2, "0")}` }));
    const many = { ...status, participants: seats, totals: { ...status.totals, participants: 10, flagged: 10 } } as RoomStatus;
    const frame = liveFrame(many, { t: translator(lang), lang, c: new Chalk({ level: 0 }), columns: 80, rows: 24, intervalSeconds: 10 });
    const lines = frame.split("\n");
    // The line under the frame holds the cursor: a frame of 24 lines would scroll its title off a 24-line terminal.
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(lines[0]).toContain("privatelink-lab workshop");
    expect(lines[2]).toContain(lang === "ja" ? "受講者" : "Participant");
    // The learners left out are counted, and each one shown keeps its whole reason.
    const shown = lines.filter((l) => /^! team-\d\d /.test(l)).length;
    expect(shown).toBeGreaterThan(0);
    expect(frame).toContain(lang === "ja" ? `ほか ${10 - shown} 人` : `… and ${10 - shown} more`);
  });
});

describe("the live table with a challenge running", () => {
  const seat = (prefix: string, phase: string, step: string, stepIndex: number, over: object = {}) =>
    ({ prefix, phase, step, stepIndex, finished: phase === "finished", why: "x", whyVars: {}, observed: false, minutesOnStep: 12, signals: [], perHourUsd: 0.1, costSoFarUsd: 0.2, ...over });
  const room = (backend: "aws" | "sandbox") =>
    ({
      at: 0,
      region: "us-east-1",
      backend,
      totals: { participants: 4, notStarted: 1, finished: 1, flagged: 1, perHourUsd: 0.2, costSoFarUsd: 0.4 },
      participants: [
        seat("team-01", "on-step", "endpoint-service", 3, { challenge: { id: "wrong-number", state: "broken" }, signals: [{ kind: "slow", minutes: 40, usual: 11 }] }),
        seat("team-02", "cleaned-up", "cleanup", 9, { challenge: { id: "single-az", state: "fixed" } }),
        seat("team-03", "not-started", "deploy", 1),
        seat("team-04", "on-step", "interface-endpoint", 4),
      ],
    }) as unknown as RoomStatus;
  const cases = (["en", "ja"] as const).flatMap((lang) => (["aws", "sandbox"] as const).flatMap((backend) => [80, 120].map((columns) => [lang, backend, columns] as const)));
  it.each(cases)("(%s, %s) at %i columns shows every challenge whole, and the Japanese table is laid out like the English one", (lang, backend, columns) => {
    const frame = liveFrame(room(backend), { t: translator(lang), lang, c: new Chalk({ level: 0 }), columns, rows: 40, intervalSeconds: 10, timeZone: "UTC" });
    for (const line of frame.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    const t = translator(lang);
    expect(frame).toContain(`wrong-number ✖ ${t("workshop.challenge.state.broken")}`);
    expect(frame).toContain(`single-az ✔ ${t("workshop.challenge.state.fixed")}`);
    expect(frame).toContain(t("workshop.status.col.challenge"));
    // Only step titles are shortened.
    expect(frame.split("\n").filter((l) => l.includes("…") && !/\d\/9 /.test(l))).toEqual([]);
    // Same shape in both languages: as many lines, each row's cells on the same lines.
    const other = liveFrame(room(backend), { t: translator(lang === "ja" ? "en" : "ja"), lang: lang === "ja" ? "en" : "ja", c: new Chalk({ level: 0 }), columns, rows: 40, intervalSeconds: 10, timeZone: "UTC" });
    const rowLines = (f: string) => f.split("\n").slice(2, 12).map((l) => (/team-\d\d/.exec(l)?.[0] ?? (l.trim() ? "·" : ""))).join(",");
    expect(rowLines(frame)).toBe(rowLines(other));
    // Every seat, whether started or not; cost columns only where it is billed.
    expect(frame).toContain(`- ${t("roster.notStarted")}`);
    expect(frame).toContain(`✕ ${t("roster.cleanedUp")}`);
    expect(frame.includes(t("workshop.status.col.perHour"))).toBe(backend === "aws");
  });
});
