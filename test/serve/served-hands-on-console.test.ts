/**
 * Hands-on where the real AWS Management Console cannot see the account: the lesson pointed with
 * --endpoint-url at a served sandbox (as a workshop room's `join` points a shell at the room, or
 * `sandbox env` at `sandbox serve`), through the product's own AWS clients over HTTP. A learner who
 * followed the console's path there would build in their own AWS account, billed, where the tool
 * never looks: so the header offers the forms and the AWS CLI only, "show how" gives the AWS CLI
 * and says why the console is left out, and "verify" names the AWS CLI alone. On AWS the console
 * stays one of the learner's ways.
 */
import { Chalk } from "chalk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAwsClients } from "../../src/aws/clients.js";
import { lessonContext, openSession, participantState } from "../../src/commands/session.js";
import { translator } from "../../src/i18n/messages.js";
import { lessonStarted, type LessonContext } from "../../src/lesson/context.js";
import { runLesson } from "../../src/lesson/engine.js";
import { serveSandbox, type ServedSandbox } from "../../src/sandbox/serve/server.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { harness } from "../helpers/lesson-harness.js";
import { UnfoldingLearner } from "../helpers/unfolding-learner.js";

type Lang = "en" | "ja";
const REGION = "ap-northeast-1";
/** Step 0's console path (top right of the Management Console) and any other text sending the learner there. */
const REAL_CONSOLE = { en: /Management Console, choose|real console|\(console or AWS CLI\)/, ja: /マネジメントコンソール右上|本物のコンソール|コンソールまたは AWS CLI/ } as const;

const opened: ServedSandbox[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** The header line as the terminal prints it. */
function header(ctx: LessonContext, lang: Lang): string {
  return renderEvent(lessonStarted(ctx, lang), { c: new Chalk({ level: 0 }), t: translator(lang), width: 200, markdown: (md) => md })!;
}

/**
 * A learner's first run (no mode chosen unless `mode`): on the AWS backend at a served sandbox (`--endpoint-url`, with the
 * keys `sandbox env` or a room's `join` puts in the shell), on AWS itself (keys of an account, never used: the harness's
 * clients answer), or with `--sandbox`.
 */
async function learnerAt(lang: Lang, at: "served" | "aws" | "sandbox", mode?: string) {
  const learner = new UnfoldingLearner(lang);
  const h = harness({ host: learner, opts: { lang } });
  let endpointUrl: string | undefined;
  if (at === "served") {
    const served = await serveSandbox({ sandbox: h.sandbox });
    opened.push(served);
    endpointUrl = served.url;
    vi.stubEnv("AWS_ACCESS_KEY_ID", served.credentials.accessKeyId);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", served.credentials.secretAccessKey);
    vi.stubEnv("AWS_PROFILE", undefined);
    h.env.makeClients = (state) => createAwsClients({ region: state.region, endpointUrl: served.url, maxAttempts: 1 });
  }
  const keys = at === "aws" ? { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "s".repeat(40) } : {};
  h.env.env = { LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8", AWS_REGION: REGION, ...keys };
  const { mode: _, ...rest } = h.opts;
  const opts = { ...rest, sandbox: at === "sandbox", region: REGION, yes: false, ...(mode ? { mode } : {}), ...(endpointUrl ? { endpointUrl } : {}) };
  return { h, learner, opts };
}

/** A hands-on lesson on the AWS backend at a served sandbox, or on AWS itself (in-process clients with no sandbox, as AWS's). */
async function handsOn(lang: Lang, at: "served" | "aws"): Promise<{ ctx: LessonContext; learner: UnfoldingLearner }> {
  const { h, learner, opts } = await learnerAt(lang, at, "hands-on");
  const ctx = await lessonContext(opts, h.env, await openSession(opts, h.env), false);
  return { ctx: at === "aws" ? { ...ctx, clients: { ...ctx.clients, sandbox: undefined } } : ctx, learner };
}

describe.each(["en", "ja"] as const)("hands-on (%s)", (lang) => {
  const t = translator(lang);

  it("at a served sandbox (--endpoint-url, as in a workshop room): the forms and the AWS CLI, never the real console", { timeout: 120_000 }, async () => {
    const { ctx, learner } = await handsOn(lang, "served");
    expect(ctx.state.backend).toBe("aws");
    expect(header(ctx, lang)).toContain(t("mode.hands-on.noConsole"));
    await runLesson(ctx, { only: "preflight" });
    await runLesson(ctx, { only: "deploy" });
    expect(learner.ofType("step-finished").map((e) => e.step)).toEqual(["preflight", "deploy"]);
    // Each step's reference was unfolded: the AWS CLI is there, the console's path is not, and why is said.
    expect(learner.ofType("explain").filter((e) => e.section === "cli").map((e) => e.step)).toEqual(["preflight", "deploy"]);
    expect(learner.ofType("explain").filter((e) => e.section === "console")).toEqual([]);
    expect(learner.ofType("notice").filter((n) => n.message === t("engine.noRealConsole"))).toHaveLength(2);
    expect(learner.offered).toContain(t("engine.showCli"));
    expect(learner.offered).toContain(t("sandbox-env.lesson.doVerify"));
    expect(learner.screen()).not.toMatch(REAL_CONSOLE[lang]);
  });

  it("on AWS: the real console is still one of the learner's ways, and its path is shown", { timeout: 120_000 }, async () => {
    const { ctx, learner } = await handsOn(lang, "aws");
    expect(ctx.state.backend).toBe("aws");
    expect(header(ctx, lang)).toContain(t("mode.hands-on"));
    await runLesson(ctx, { only: "preflight" });
    await runLesson(ctx, { only: "deploy" });
    expect(learner.ofType("explain").filter((e) => e.section === "console").map((e) => e.step)).toEqual(["preflight", "deploy"]);
    expect(learner.offered).toContain(t("engine.showReference"));
    expect(learner.offered).toContain(t("engine.doVerify"));
    expect(learner.screen()).toMatch(REAL_CONSOLE[lang]);
    expect(learner.ofType("notice").map((n) => n.message)).not.toContain(t("engine.noRealConsole"));
  });

  it("the first run's question which way to learn offers the real console only on AWS", { timeout: 120_000 }, async () => {
    for (const at of ["served", "aws", "sandbox"] as const) {
      const { h, learner, opts } = await learnerAt(lang, at);
      await participantState(opts, h.env, await openSession(opts, h.env), true);
      const hands = at === "aws" ? t("mode.hands-on") : t("mode.hands-on.noConsole");
      expect(learner.offered, at).toContain(hands);
      expect(learner.offered, at).not.toContain(at === "aws" ? t("mode.hands-on.noConsole") : t("mode.hands-on"));
    }
  });
});
