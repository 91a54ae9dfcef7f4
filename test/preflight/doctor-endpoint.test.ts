/**
 * `doctor --endpoint-url` at something that is not AWS (a served sandbox, an emulator) says what it checks: that
 * endpoint, by its address, not "AWS" (on AWS it still says AWS: test/e2e/edges-cli.test.ts).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAwsClients } from "../../src/aws/clients.js";
import { doctor } from "../../src/commands/doctor.js";
import { serveSandbox, type ServedSandbox } from "../../src/sandbox/serve/server.js";
import { harness } from "../helpers/lesson-harness.js";

type Lang = "en" | "ja";
const opened: ServedSandbox[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** doctor's first line, pointed with --endpoint-url at a served sandbox; `sandboxKeys`: the shell has its keys (`sandbox env`), else it looks like any emulator. */
async function title(lang: Lang, sandboxKeys: boolean): Promise<{ url: string; line: string }> {
  const h = harness({ opts: { lang } });
  const served = await serveSandbox({ sandbox: h.sandbox });
  opened.push(served);
  vi.stubEnv("AWS_ACCESS_KEY_ID", served.credentials.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", served.credentials.secretAccessKey);
  vi.stubEnv("AWS_PROFILE", undefined);
  h.env.makeClients = (state) => createAwsClients({ region: state.region, endpointUrl: served.url, maxAttempts: 1 });
  const keys = sandboxKeys ? { AWS_ACCESS_KEY_ID: served.credentials.accessKeyId } : {};
  h.env.env = { LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8", ...keys };
  const { sandbox: _, ...opts } = h.opts;
  await doctor({ ...opts, endpointUrl: served.url }, h.env);
  return { url: served.url, line: h.host.ofType("notice")[0]!.message };
}

describe.each<Lang>(["en", "ja"])("doctor --endpoint-url (%s)", (lang) => {
  it("names the endpoint it checks, not AWS", async () => {
    const emulator = await title(lang, false);
    expect(emulator.line).toContain(emulator.url);
    expect(emulator.line).not.toMatch(lang === "en" ? /Checking AWS/ : /点検先：AWS、/);
    expect(emulator.line).toMatch(lang === "en" ? /not AWS/ : /AWS ではなく/);
    const served = await title(lang, true);
    expect(served.line).toContain(served.url);
    expect(served.line).toMatch(lang === "en" ? /Checking the sandbox served at/ : /点検先：http:\/\/127\.0\.0\.1:\d+ で公開中のサンドボックス/);
  });
});
