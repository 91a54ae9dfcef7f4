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
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const concept = (h: ReturnType<typeof harness>) => h.host.ofType("explain").find((e) => e.step === "preflight" && e.section === "concept")!.markdown;

describe("step 0 in the sandbox", () => {
  it.each([["en", /On AWS it would cost about \$0\.\d{3} an hour while it runs; here, in the sandbox, it is free\./], ["ja", /AWS なら 1 時間あたり約 \$0\.\d{3} かかりますが、サンドボックスでは無料です。/]] as const)(
    "(%s) says what it would cost on AWS, and that it is free here; never that this account bills",
    async (lang, said) => {
      const h = harness({ host: new RecordingHost(lang), opts: { lang, region: "us-east-1" } });
      await start(h.opts, h.env);
      expect(concept(h)).toMatch(said);
      expect(concept(h)).not.toMatch(/pays for them|料金が請求される/);
      expect(h.host.ofType("lesson-started")[0]!.backend).toBe("sandbox");
    },
  );
});

describe("a shell joined to a workshop room", () => {
  async function context(env: NodeJS.ProcessEnv, profile?: string) {
    const h = harness({ opts: { sandbox: false, endpointUrl: undefined } });
    h.env.env = { LANG: "en_US.UTF-8", ...env };
    const opts = { ...h.opts, sandbox: false, ...(profile ? { profile } : {}) };
    const s = await openSession(opts, h.env);
    const ctx = await lessonContext(opts, h.env, s, false);
    // The harness's clients are in-process: what is tested is what the shell says.
    const served = { ...ctx, clients: { ...ctx.clients, sandbox: undefined } };
    return { free: freeHere(served), label: backendLabel(served) };
  }
  const ROOM = { AWS_ENDPOINT_URL: "http://10.0.0.5:8787", AWS_REGION: "ap-northeast-1", AWS_SECRET_ACCESS_KEY: "s".repeat(40) };

  it("is a sandbox when `join` set it (a PLLAB key and the room's endpoint): free, and named so", async () => {
    expect(await context({ ...ROOM, AWS_ACCESS_KEY_ID: "PLLABTEAM01KEY0000" })).toEqual({ free: true, label: "sandbox" });
  });

  it("is AWS, billed, with an AWS key, even through an endpoint URL, or with a profile", async () => {
    expect(await context({ ...ROOM, AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE" })).toEqual({ free: false, label: "aws" });
    expect(await context({ AWS_REGION: "ap-northeast-1", AWS_ACCESS_KEY_ID: "PLLABTEAM01KEY0000", AWS_SECRET_ACCESS_KEY: "s".repeat(40) })).toEqual({ free: false, label: "aws" });
    expect(await context({ ...ROOM, AWS_ACCESS_KEY_ID: "PLLABTEAM01KEY0000" }, "work")).toEqual({ free: false, label: "aws" });
  });
});
