/**
 * The progress file of the participant used last here is lost, but the sandbox still has their build: the prefix
 * question offers that prefix, so Enter continues their lesson (read from the cloud) instead of starting another
 * beside it. With nothing of theirs in the sandbox, a fresh user's prefix is offered as before.
 */
import { rmSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GlobalOptions } from "../../src/commands/options.js";
import { openSession, participantState } from "../../src/commands/session.js";
import { step } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { defaultPrefix } from "../../src/participant.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

function withoutPrefix(opts: GlobalOptions): GlobalOptions {
  const { prefix: _, ...rest } = opts;
  return rest;
}

/** The learner runs `--sandbox` again and presses Enter at every question. */
async function enterAtEveryQuestion(h: Harness, lang: "en" | "ja"): Promise<{ prefix: string; host: RecordingHost }> {
  const host = new RecordingHost(lang, true);
  const env = { ...h.env, makeHost: () => host };
  const { state } = await participantState(withoutPrefix(h.opts), env, await openSession(h.opts, env), true);
  return { prefix: state.prefix, host };
}

describe.each(["en", "ja"] as const)("the prefix question after the progress file was lost (%s)", (lang) => {
  const t = translator(lang);

  it("offers the last prefix when the sandbox still has its build", async () => {
    const h = harness({ opts: { prefix: "qae", lang } });
    for (const id of ["preflight", "deploy"]) await step(id, h.opts, h.env);
    rmSync(join(h.stateDir, "participants", "qae.json"));
    const { prefix, host } = await enterAtEveryQuestion(h, lang);
    expect(host.questions).toContain(t("session.askPrefix"));
    expect(prefix).toBe("qae");
    const said = host.ofType("notice").map((n) => n.message);
    expect(said).toContain(t("stateFixes.last.inCloud", { path: join(h.stateDir, "last-participant"), found: "qae", problem: "" }));
  });

  it("offers a fresh user's prefix when the sandbox has nothing of the last one", async () => {
    const h = harness({ opts: { prefix: "qae", lang } });
    await step("preflight", h.opts, h.env);
    rmSync(join(h.stateDir, "participants", "qae.json"));
    expect((await enterAtEveryQuestion(h, lang)).prefix).toBe(defaultPrefix(userInfo().username));
  });
});
