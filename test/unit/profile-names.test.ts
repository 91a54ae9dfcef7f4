/**
 * AWS profile names as the AWS CLI has them: `aws configure --profile "my work"` makes one with a space (its config file
 * then says `[profile 'my work']`). `--profile` takes every name the AWS CLI can have, and refuses only what no profile
 * can be called (a line break: no section of the files can hold it) or what the lab could not print for every shell (a
 * double quote: cmd.exe cannot pass one inside an argument). Every printed command names the profile quoted for the
 * learner's shell, whether it came from `--profile` or AWS_PROFILE. The AWS SDK for JavaScript, which the lab runs on,
 * reads no such profile in either file: the learner is told that, not that the profile does not exist.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAwsClients } from "../../src/aws/clients.js";
import { translateAwsError } from "../../src/aws/error-translation.js";
import { clientsFor, openSession } from "../../src/commands/session.js";
import { validateInputs } from "../../src/commands/validate.js";
import { freshState } from "../../src/state/schema.js";
import { harness } from "../helpers/lesson-harness.js";
import { translator } from "../../src/i18n/messages.js";
import type { Shell } from "../../src/shell/render.js";
import { awsCommands, learnerCommand, type CommandPlace } from "../../src/shell/lab-command.js";
import { reportError } from "../../src/ui/error-report.js";

afterEach(() => vi.unstubAllEnvs());

const refusal = async (profile: string | undefined, env: NodeJS.ProcessEnv = {}) =>
  validateInputs(profile === undefined ? {} : { profile }, env).then(() => undefined, (e: unknown) => e);

describe("--profile takes the names the AWS CLI takes", () => {
  it.each(["my work", "Mike Dev Tenant.Administrator", "bob's", "dev#1", "a:b/c%d", "プロファイル"])("takes %j", async (name) => {
    expect(await refusal(name)).toBeUndefined();
  });

  it.each([
    ["a line break", "my\nwork", { en: /line break or another control character/, ja: /改行などの制御文字/ }],
    ["a double quote", 'say "hi"', { en: /double quote/, ja: /ダブルクォート/ }],
    ["nothing", "", { en: /empty/, ja: /空/ }],
  ] as const)("refuses %s, saying why (en, ja)", async (_, name, why) => {
    const err = await refusal(name);
    for (const lang of ["en", "ja"] as const) {
      const said = reportError(err, translator(lang));
      expect(said.key).toBe("guard.usage.badProfile");
      expect(said.exitCode).toBe(2);
      expect(said.message).toMatch(why[lang]);
    }
  });

  it("AWS_PROFILE holding a name no printed command can carry is said (on AWS), not left out silently", async () => {
    const bad = { AWS_PROFILE: 'say "hi"' };
    /** The clients of a lesson on AWS, as the lesson makes them (`profile`: given with --profile, saved). */
    const onAws = async (profile?: string) => {
      const h = harness({ opts: { sandbox: false } });
      h.env.env = { ...h.env.env, ...bad };
      const state = { ...freshState("alice", "ap-northeast-1", "aws"), ...(profile ? { profile } : {}) };
      return clientsFor(state, h.opts, h.env, (await openSession(h.opts, h.env)).io).then(() => undefined, (e: unknown) => e);
    };
    const err = await onAws();
    for (const lang of ["en", "ja"] as const) {
      const said = reportError(err, translator(lang));
      expect(said.key).toBe("guard.usage.badProfileEnv");
      expect(said.message).toContain("AWS_PROFILE");
      expect(said.message).toMatch(lang === "en" ? /double quote/ : /ダブルクォート/);
    }
    // With --profile given, AWS_PROFILE is not used; nor in the sandbox (`sandbox serve` included): nothing to say.
    expect(await onAws("work")).toBeUndefined();
    expect(await validateInputs({}, bad)).toBeUndefined();
  });
});

describe("printed commands name a profile with a space, quoted for the learner's shell", () => {
  const QUOTED: Record<Shell, string> = { bash: "'my work'", powershell: "'my work'", cmd: '"my work"' };
  const place = (shell: Shell, from: "flag" | "AWS_PROFILE"): CommandPlace => ({
    state: { backend: "aws", prefix: "alice", ...(from === "flag" ? { profile: "my work" } : {}) },
    ...(from === "AWS_PROFILE" ? { clients: { profile: "my work" } } : {}),
    io: { shell },
  });

  it.each(["bash", "powershell", "cmd"] as const)("%s: from --profile and from AWS_PROFILE alike", (shell) => {
    for (const from of ["flag", "AWS_PROFILE"] as const) {
      expect(learnerCommand("destroy", place(shell, from))).toBe(`npx privatelink-lab destroy --prefix alice --profile ${QUOTED[shell]}`);
      expect(awsCommands([["iam", "delete-role", "--role-name", "alice-ec2-role"]], place(shell, from))).toBe(`aws iam delete-role --role-name alice-ec2-role --profile ${QUOTED[shell]}`);
    }
  });

  it("a credentials error's fix names it quoted: `aws sso login --profile 'my work'`", () => {
    const err = Object.assign(new Error("Could not resolve credentials"), { name: "CredentialsProviderError" });
    for (const lang of ["en", "ja"] as const) {
      expect(reportError(translateAwsError(err, { profile: "my work", shell: "bash" }), translator(lang)).hint).toContain("`aws sso login --profile 'my work'`");
    }
  });
});

describe("a profile with a space, which the AWS SDK for JavaScript cannot read", () => {
  /** The files `aws configure --profile "my work"` writes (AWS CLI v2), and one plain profile. */
  function awsFiles(): void {
    const dir = mkdtempSync(join(tmpdir(), "pll-aws-files-"));
    writeFileSync(join(dir, "config"), "[profile 'my work']\nregion = eu-west-1\n\n[profile plain]\nregion = eu-west-3\n");
    writeFileSync(join(dir, "credentials"), "[my work]\naws_access_key_id = AKIAEXAMPLEEXAMPLE00\naws_secret_access_key = example\n");
    vi.stubEnv("AWS_CONFIG_FILE", join(dir, "config"));
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", join(dir, "credentials"));
    for (const name of ["AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) vi.stubEnv(name, undefined);
    // The SDK's last resort, the instance metadata service, is not asked from a test.
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
  }

  it("is said as unreadable by privatelink-lab (the AWS CLI reads it), with a way on; never that it does not exist (en, ja)", async () => {
    awsFiles();
    // Nothing is sent: the SDK finds no credentials before any request (the address would refuse anyway).
    const clients = await createAwsClients({ region: "eu-west-1", profile: "my work", endpointUrl: "http://127.0.0.1:9", maxAttempts: 1 });
    const err = await clients.sts.send(new (await import("@aws-sdk/client-sts")).GetCallerIdentityCommand({})).then(() => undefined, (e: unknown) => e);
    const en = reportError(err, translator("en"));
    expect(en.key).toBe("texts.profileUnread");
    expect(en.message).toContain("'my work'");
    expect(en.message).not.toMatch(/There is no AWS profile/);
    expect(en.hint).toContain("--profile my-work");
    const ja = reportError(err, translator("ja"));
    expect(ja.message).toContain("'my work'");
    expect(ja.hint).toContain("--profile my-work");
  });
});
