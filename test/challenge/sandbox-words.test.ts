/**
 * A challenge started in the sandbox says how to fix it where the learner can: the AWS CLI or `challenge fix`, never the
 * AWS console (it cannot see the sandbox; whatever is changed there is the learner's own AWS account). On AWS the
 * console stays one of the ways.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { startChallenge } from "../../src/challenge/run.js";
import { translator } from "../../src/i18n/messages.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

const CONSOLE = { en: /in the AWS console/, ja: /AWS コンソール、/ } as const;

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 120_000);

describe.each(["en", "ja"] as const)("challenge start (%s)", (lang) => {
  const t = translator(lang);

  it("in the sandbox: fix it with the AWS CLI or `challenge fix`, not in the console", async () => {
    const { ctx, host } = await copyLab(lab, lang);
    await startChallenge(ctx, "silent-door");
    const message = host.ofType("challenge")[0]!.message;
    expect(message).toContain(t("challenge.startedNoConsole"));
    expect(message).not.toMatch(CONSOLE[lang]);
  });

  it("on AWS: the console is still one of the ways", async () => {
    const { ctx, host } = await copyLab(lab, lang);
    await startChallenge({ ...ctx, clients: { ...ctx.clients, sandbox: undefined } }, "silent-door");
    expect(host.ofType("challenge")[0]!.message).toMatch(CONSOLE[lang]);
  });
});
