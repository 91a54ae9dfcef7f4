/**
 * `status` right after a lesson was killed (its lock left behind): it says the last run ended without finishing and that
 * what it shows is the cloud as it is now; it does not say it is "continuing", which a command that only reads never does.
 */
import { writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { status } from "../../src/commands/status.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

describe.each(["en", "ja"] as const)("status after a killed lesson (%s)", (lang) => {
  it("says the last run ended and shows the cloud, without claiming to continue", async () => {
    const t = translator(lang);
    const h = harness({ opts: { prefix: "killed", mode: "guided", lang } });
    for (const id of ["preflight", "deploy"]) await stepCommand(id, h.opts, h.env);
    // The lesson's process was SIGKILLed: its lock names a process that is gone.
    const dead = { pid: 999_999, startedAt: 1, host: hostname() };
    writeFileSync(join(h.stateDir, "participants", "killed.lock"), JSON.stringify(dead));

    const host = new RecordingHost(lang);
    await status(h.opts, { ...h.env, makeHost: () => host });
    const said = host.ofType("notice").map((n) => n.message);
    const vars = { pid: dead.pid, started: "1970-01-01 00:00:00 UTC" };
    expect(said).toContain(t("guard.lock.tookOverRead", vars));
    expect(said).not.toContain(t("guard.lock.tookOver", vars));
    expect(host.ofType("status")).toHaveLength(1);
  });
});
