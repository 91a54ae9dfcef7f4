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
  totals: { participants: 1, finished: 0, flagged: 1, perHourUsd: 0.1, costSoFarUsd: 0.2 },
  participants: [
    {
      prefix: "team-07",
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
