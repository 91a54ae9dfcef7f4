/**
 * Stopped in the sandbox (Ctrl-C, or "0 Stop here"), the lesson names the command that continues THIS lesson: with the
 * learner's prefix and `--sandbox`, as its delete command does. A bare `npx privatelink-lab` would follow the AWS
 * credentials in the shell whenever the progress file is lost or damaged, and build the lesson again on AWS.
 */
import { describe, expect, it } from "vitest";
import { start } from "../../src/commands/start.js";
import { LabError } from "../../src/errors.js";
import { translator } from "../../src/i18n/messages.js";
import { interruptNotice } from "../../src/interrupt-notice.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const CONTINUE = "`npx privatelink-lab --prefix alice --sandbox`";

const ctrlC = () => {
  throw Object.assign(new Error("User force closed the prompt"), { name: "ExitPromptError" });
};

describe.each(["en", "ja"] as const)("stopped in the sandbox, the lesson says how to continue it (%s)", (lang) => {
  const t = translator(lang);

  it("Ctrl-C: the notice names the command with the prefix and --sandbox", async () => {
    const host = new RecordingHost(lang, true, [{ match: t("engine.runAsk"), value: ctrlC }]);
    const h = harness({ host, opts: { lang, mode: "guided", yes: false } });
    await expect(start(h.opts, h.env)).rejects.toMatchObject({ name: "ExitPromptError" });
    const notice = t(...interruptNotice());
    expect(notice).toContain(CONTINUE);
    expect(notice).toContain("npx privatelink-lab destroy --prefix alice --sandbox");
  });

  it("0 Stop here: the pause names the same command", async () => {
    const host = new RecordingHost(lang, true, [{ match: t("engine.runAsk"), value: "stop" }]);
    const h = harness({ host, opts: { lang, mode: "guided", yes: false } });
    const err: unknown = await start(h.opts, h.env).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    const said = reportError(err, t);
    expect(said.key).toBe("engine.paused");
    expect(said.message).toContain(CONTINUE);
  });
});
