/**
 * A lesson run with `--endpoint-url` (an emulator, a served sandbox): the commands it prints for later
 * (delete what is left, run diagnose again) keep that flag, so pasted into another terminal they reach
 * the same place, not the learner's own AWS account. The sandbox's keep `--sandbox` as before.
 */
import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/commands/diagnose.js";
import { reportCostOnExit } from "../../src/commands/leaving.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const URL = "http://127.0.0.1:4566";

/** Preflight and deploy done at `--endpoint-url URL` (or in the sandbox): the stacks are up, no endpoint yet. */
async function deployed(lang: "en" | "ja", target: "endpoint" | "sandbox") {
  const opts = target === "endpoint" ? { sandbox: false, endpointUrl: URL, lang } : { lang };
  const h = harness({ host: new RecordingHost(lang), opts });
  for (const id of ["preflight", "deploy"]) await stepCommand(id, h.opts, h.env);
  return h;
}

async function leavingAdvice(h: Awaited<ReturnType<typeof deployed>>): Promise<string> {
  const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
  await reportCostOnExit(ctx);
  return h.host.ofType("notice").at(-1)!.message;
}

async function diagnoseHint(h: Awaited<ReturnType<typeof deployed>>, lang: "en" | "ja"): Promise<string> {
  const err = await diagnose(h.opts, h.env).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, "a path without its endpoint is broken").toBeDefined();
  return reportError(err, translator(lang)).hint ?? "";
}

describe.each(["en", "ja"] as const)("a lesson run with --endpoint-url (%s)", (lang) => {
  it("leaving with resources up names the delete command with the same --endpoint-url", async () => {
    const h = await deployed(lang, "endpoint");
    expect(await leavingAdvice(h)).toContain(`\`npx privatelink-lab destroy --prefix alice --endpoint-url ${URL}\``);
  });

  it("diagnose says to run `diagnose --endpoint-url …` again, not a bare `diagnose`", async () => {
    const h = await deployed(lang, "endpoint");
    expect(await diagnoseHint(h, lang)).toContain(`\`npx privatelink-lab diagnose --endpoint-url ${URL}\``);
  });

  it("in the sandbox both keep --sandbox instead", async () => {
    const h = await deployed(lang, "sandbox");
    expect(await leavingAdvice(h)).toContain("`npx privatelink-lab destroy --prefix alice --sandbox`");
    expect(await diagnoseHint(h, lang)).toContain("`npx privatelink-lab diagnose --sandbox`");
  });
});
