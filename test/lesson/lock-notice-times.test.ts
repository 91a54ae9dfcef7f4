/**
 * The two things said about another privatelink-lab holding a learner's lesson (it is working on it now: guard.busy;
 * it ended without finishing: guard.lock.tookOver) give its start time the same readable way.
 */
import { writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const STARTED = Date.UTC(2026, 11, 7, 9, 30, 5);
const SAID = "2026-12-07 09:30:05 UTC";

describe.each(["en", "ja"] as const)("lock notices (%s)", (lang) => {
  it("say when the other process started the same way, busy or taken over", async () => {
    const h = harness({ opts: { prefix: "locked", mode: "guided", lang } });
    await stepCommand("preflight", h.opts, h.env);
    const lock = join(h.stateDir, "participants", "locked.lock");

    // Still working (on another computer sharing this folder): refused.
    writeFileSync(lock, JSON.stringify({ pid: 4242, startedAt: STARTED, host: `${hostname()}-other` }));
    const busy = await stepCommand("deploy", h.opts, h.env).catch((e: unknown) => e);
    const busyText = reportError(busy, translator(lang)).message;

    // Gone without finishing (killed): taken over, with a notice.
    writeFileSync(lock, JSON.stringify({ pid: 999_999, startedAt: STARTED, host: hostname() }));
    const host = new RecordingHost(lang);
    await stepCommand("deploy", h.opts, { ...h.env, makeHost: () => host });
    const tookOver = host.ofType("notice").map((n) => n.message).find((m) => m.includes("999999"));

    for (const text of [busyText, tookOver]) {
      expect(text).toContain(SAID);
      expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
    }
  });
});
