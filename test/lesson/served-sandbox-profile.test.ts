/**
 * A learner points the lesson at a served sandbox (`sandbox serve` on 127.0.0.1) with `--endpoint-url` and `--profile`.
 * The sandbox is not AWS: the header says so whatever the profile, and when the profile's keys are not the sandbox's own
 * (it accepts no other), the learner is told exactly that and how to get them — not that "AWS" does not recognise
 * their key. Nothing here reaches AWS: the served sandbox answers on this computer.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAwsClients } from "../../src/aws/clients.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { start } from "../../src/commands/start.js";
import { translator } from "../../src/i18n/messages.js";
import { backendLabel, lessonStarted } from "../../src/lesson/context.js";
import { learnerCommand } from "../../src/shell/lab-command.js";
import { serveSandbox, type ServedSandbox } from "../../src/sandbox/serve/server.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

type Lang = "en" | "ja";
const opened: ServedSandbox[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** A served sandbox, and AWS files with two profiles: `work` (an AWS key) and `lab` (the sandbox's own key pair). */
async function servedWithProfiles(lang: Lang) {
  const h = harness({ host: new RecordingHost(lang), opts: { lang } });
  const served = await serveSandbox({ sandbox: h.sandbox });
  opened.push(served);
  const dir = mkdtempSync(join(tmpdir(), "pll-aws-files-"));
  const { accessKeyId, secretAccessKey } = served.credentials;
  writeFileSync(join(dir, "credentials"), `[work]\naws_access_key_id = AKIAEXAMPLEEXAMPLE00\naws_secret_access_key = ${"w".repeat(40)}\n\n[lab]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`);
  writeFileSync(join(dir, "config"), "");
  vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", join(dir, "credentials"));
  vi.stubEnv("AWS_CONFIG_FILE", join(dir, "config"));
  for (const name of ["AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"]) vi.stubEnv(name, undefined);
  vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
  h.env.makeClients = (state) => createAwsClients({ region: state.region, endpointUrl: served.url, ...(state.profile ? { profile: state.profile } : {}), maxAttempts: 1 });
  h.env.env = { LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" };
  const { sandbox: _, ...rest } = h.opts;
  return { h, served, opts: (profile: string) => ({ ...rest, endpointUrl: served.url, profile }) };
}

describe.each<Lang>(["en", "ja"])("--endpoint-url at a served sandbox with --profile (%s)", (lang) => {
  const t = translator(lang);

  it("a profile whose keys the sandbox does not accept: said as the sandbox's, with how to get its keys", async () => {
    const { h, served, opts } = await servedWithProfiles(lang);
    const said = reportError(await start(opts("work"), h.env).then(() => undefined, (e: unknown) => e), t);
    expect(said.key).toBe("servedSandbox.keyRefused");
    expect(said.message).toContain(served.url);
    expect(said.message).not.toMatch(/AWS does not recognise|AWS があなたのアクセスキーを認識できません/);
    expect(said.message).toMatch(lang === "en" ? /accepts only its own keys/ : /自分の鍵しか受け付けません/);
    expect(said.hint).toContain("npx privatelink-lab sandbox env");
    expect(said.hint).toContain("--profile");
    // The header, said before the refusal, named the sandbox too.
    expect(h.host.ofType("lesson-started")[0]!.backend).toBe("sandbox");

    // As the hint says: the terminal given the sandbox's keys and address, the same command without --profile works
    // (the profile the first run saved is set aside, else the SDK would sign with it again).
    const keys = { AWS_ACCESS_KEY_ID: served.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: served.credentials.secretAccessKey, AWS_ENDPOINT_URL: served.url };
    for (const [k, v] of Object.entries(keys)) vi.stubEnv(k, v);
    h.env.env = { ...h.env.env, ...keys };
    const { profile: _, ...again } = opts("work");
    const ctx = await lessonContext(again, h.env, await openSession(again, h.env), false);
    expect(ctx.state.profile).toBeUndefined();
    expect(lessonStarted(ctx, lang).backend).toBe("sandbox");
    expect((await ctx.clients.sts.send(new (await import("@aws-sdk/client-sts")).GetCallerIdentityCommand({}))).Account).toBeDefined();
  });

  it("a profile holding the sandbox's own keys: the header says the sandbox, not AWS; printed commands keep the profile", async () => {
    const { h, opts } = await servedWithProfiles(lang);
    const ctx = await lessonContext(opts("lab"), h.env, await openSession(opts("lab"), h.env), false);
    expect(backendLabel(ctx)).toBe("sandbox");
    expect(lessonStarted(ctx, lang).backend).toBe("sandbox");
    expect((await ctx.clients.sts.send(new (await import("@aws-sdk/client-sts")).GetCallerIdentityCommand({}))).Account).toBeDefined();
    // The keys are the profile's, not the shell's: a command for a new terminal names it.
    expect(learnerCommand("", ctx)).toBe(`npx privatelink-lab --prefix alice --endpoint-url ${ctx.state.endpointUrl} --profile lab`);
  });
});

describe("--endpoint-url at something on this computer that is not a served sandbox, with --profile", () => {
  it("stays what it was: not called a sandbox", async () => {
    const { h, served, opts } = await servedWithProfiles("en");
    await served.close();
    opened.splice(0);
    const ctx = await lessonContext(opts("work"), h.env, await openSession(opts("work"), h.env), false);
    expect(backendLabel(ctx)).toBe("aws");
  });
});
