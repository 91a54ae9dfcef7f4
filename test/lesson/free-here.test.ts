/**
 * In the sandbox or a workshop room nothing is billed, and the lesson says so: step 0 gives what
 * it would cost on AWS and that it is free here, the header names the sandbox. Real AWS is never
 * called free: only a key AWS never issues (`PLLAB…`, set by `join` / `sandbox env`) makes a
 * served endpoint count as a sandbox.
 */
import { describe, expect, it } from "vitest";
import { start } from "../../src/commands/start.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { backendLabel, freeHere } from "../../src/lesson/context.js";
import { runLesson } from "../../src/lesson/engine.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const text = (host: RecordingHost, section: string) => host.ofType("explain").find((e) => e.step === "preflight" && e.section === section)!.markdown;
const concept = (h: ReturnType<typeof harness>) => text(h.host, "concept");
/** Step 0's closing text: free here, never that charges stop when you delete (nothing is charged). */
const FREE_DONE = { en: /nothing is billed/, ja: /請求は発生しません/ } as const;
const BILLS = /charges stop when|課金は全部消したときに止まります/;

describe("step 0 in the sandbox", () => {
  it.each([["en", /On AWS it would cost about \$0\.\d{3} an hour while it runs; here, in the sandbox, it is free\./], ["ja", /AWS なら 1 時間あたり約 \$0\.\d{3} かかりますが、サンドボックスでは無料です。/]] as const)(
    "(%s) says what it would cost on AWS, and that it is free here; never that this account bills",
    async (lang, said) => {
      const h = harness({ host: new RecordingHost(lang), opts: { lang, region: "us-east-1" } });
      await start(h.opts, h.env);
      expect(concept(h)).toMatch(said);
      expect(concept(h)).not.toMatch(/pays for them|料金が請求される/);
      expect(text(h.host, "done")).toMatch(FREE_DONE[lang]);
      expect(text(h.host, "done")).not.toMatch(BILLS);
      expect(h.host.ofType("lesson-started")[0]!.backend).toBe("sandbox");
    },
  );
});

describe("a shell joined to a workshop room", () => {
  async function served(env: NodeJS.ProcessEnv, profile?: string, lang: "en" | "ja" = "en") {
    const h = harness({ host: new RecordingHost(lang), opts: { sandbox: false, endpointUrl: undefined } });
    h.env.env = { LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8", ...env };
    const opts = { ...h.opts, sandbox: false, ...(profile ? { profile } : {}) };
    const s = await openSession(opts, h.env);
    const ctx = await lessonContext(opts, h.env, s, false);
    // The harness's clients are in-process: what is tested is what the shell says.
    return { ctx: { ...ctx, clients: { ...ctx.clients, sandbox: undefined } }, host: h.host };
  }
  async function context(env: NodeJS.ProcessEnv, profile?: string) {
    const { ctx } = await served(env, profile);
    return { free: freeHere(ctx), label: backendLabel(ctx) };
  }
  const ROOM = { AWS_ENDPOINT_URL: "http://10.0.0.5:8787", AWS_REGION: "ap-northeast-1", AWS_SECRET_ACCESS_KEY: "s".repeat(40) };

  it("is a sandbox when `join` set it (a PLLAB key and the room's endpoint): free, and named so", async () => {
    expect(await context({ ...ROOM, AWS_ACCESS_KEY_ID: "PLLABTEAM01KEY0000" })).toEqual({ free: true, label: "sandbox" });
  });

  it.each(["en", "ja"] as const)("(%s) step 0 closes saying the room bills nothing, not that charges stop when you delete", async (lang) => {
    const { ctx, host } = await served({ ...ROOM, AWS_ACCESS_KEY_ID: "PLLABTEAM01KEY0000" }, undefined, lang);
    await runLesson(ctx, { only: "preflight" });
    expect(text(host, "done")).toMatch(FREE_DONE[lang]);
    expect(text(host, "done")).not.toMatch(BILLS);
  });

  it("is AWS, billed, with an AWS key, even through an endpoint URL, or with a profile", async () => {
    expect(await context({ ...ROOM, AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE" })).toEqual({ free: false, label: "aws" });
    expect(await context({ AWS_REGION: "ap-northeast-1", AWS_ACCESS_KEY_ID: "PLLABTEAM01KEY0000", AWS_SECRET_ACCESS_KEY: "s".repeat(40) })).toEqual({ free: false, label: "aws" });
    expect(await context({ ...ROOM, AWS_ACCESS_KEY_ID: "PLLABTEAM01KEY0000" }, "work")).toEqual({ free: false, label: "aws" });
  });
});
