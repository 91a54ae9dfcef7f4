/**
 * A challenge started in the sandbox says how to fix it where the learner can: the AWS CLI or `challenge fix`, never the
 * AWS console (it cannot see the sandbox; whatever is changed there is the learner's own AWS account). On AWS the
 * console stays one of the ways. So do its graded hints and the diagnosis giving up shows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadChallenges } from "../../src/challenge/definitions.js";
import { checkChallenge, giveUp, startChallenge } from "../../src/challenge/run.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { translator } from "../../src/i18n/messages.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

const CONSOLE = { en: /in the AWS console/, ja: /AWS コンソール、/ } as const;
/** Any console's way: "EC2 console → …", "VPC コンソール → …". */
const ANY_CONSOLE = { en: /console/i, ja: /コンソール/ } as const;
const CHALLENGES = loadChallenges("privatelink").map((c) => c.id);

/** Every graded hint of challenge `id`, checked (and failed) until the last one. */
async function allHints(ctx: LessonContext, host: { ofType: (t: "challenge") => { status: string; message: string }[] }, id: string): Promise<string[]> {
  await startChallenge(ctx, id);
  for (let i = 0; i < 3; i++) await checkChallenge(ctx);
  return host.ofType("challenge").filter((e) => e.status === "broken").map((e) => e.message);
}

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

  it.each(CHALLENGES)("in the sandbox, no hint of %s sends the learner to a console", async (id) => {
    const { ctx, host } = await copyLab(lab, lang);
    const hints = await allHints(ctx, host, id);
    expect(hints).toHaveLength(3);
    for (const hint of hints) expect(hint).not.toMatch(ANY_CONSOLE[lang]);
  });

  it("wrong-number's last hint: in the sandbox the AWS CLI command alone; on AWS the EC2 console's way too", async () => {
    const sandbox = await copyLab(lab, lang);
    const last = (await allHints(sandbox.ctx, sandbox.host, "wrong-number")).at(-1)!;
    expect(last).toContain("aws elbv2 modify-listener");
    const aws = await copyLab(lab, lang);
    const onAws = { ...aws.ctx, clients: { ...aws.ctx.clients, sandbox: undefined } };
    expect((await allHints(onAws, aws.host, "wrong-number")).at(-1)).toMatch(ANY_CONSOLE[lang]);
  });

  it("giving up in the sandbox: the diagnosis gives the AWS CLI fix, no console path", async () => {
    const { ctx, host } = await copyLab(lab, lang);
    await startChallenge(ctx, "wrong-number");
    await giveUp(ctx);
    const first = host.ofType("diagnosis")[0]!.first!;
    expect(first.cli).toContain("modify-listener");
    expect(first.console).toBeUndefined();
  });
});
