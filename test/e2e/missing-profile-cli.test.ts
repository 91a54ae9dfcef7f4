/**
 * `--profile NAME` for a profile neither shared file has: the learner is told it does not exist
 * (files named as resolved, the profiles there listed, how to create it) in their language — the
 * SDK's English sentence only as the cause. The files are temp files named by AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE; the endpoint is loopback and nothing is ever sent.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";

const NOWHERE = ["--endpoint-url", "http://127.0.0.1:9"];
const SDK_SENTENCE = "Could not load credentials from any providers";

/** A learner whose shared files live at unusual paths; `config`/`credentials` undefined: that file does not exist. */
function learner(lang: string, config?: string, credentials?: string) {
  const dir = mkdtempSync(join(tmpdir(), "pll-aws-"));
  const files = { AWS_CONFIG_FILE: join(dir, "my-config"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "my-creds") };
  if (config !== undefined) writeFileSync(files.AWS_CONFIG_FILE, config);
  if (credentials !== undefined) writeFileSync(files.AWS_SHARED_CREDENTIALS_FILE, credentials);
  return { me: freshLearner({ LANG: lang, ...files }), ...files };
}

/** What the learner reads, as one line (the terminal wrapper's line breaks undone). */
const flat = (s: string) => s.replace(/\s+/g, " ");
/** The error's message line: everything before the hint (→) and the cause. */
const messageOf = (stderr: string) => flat(stderr.slice(stderr.indexOf("✖"), stderr.indexOf("→")));

describe("a --profile that no shared file has", () => {
  const CONFIG = "[default]\nregion = us-east-1\n[profile work]\nregion = ap-northeast-1\n[sso-session corp]\nsso_region = us-east-1\n";
  const CREDS = "[ci]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n";

  for (const [lang, missing, listed] of [
    ["en_US.UTF-8", "There is no AWS profile named nosuch", "The profiles there are: default, work, ci."],
    ["ja_JP.UTF-8", "nosuch という名前の AWS プロファイルはありません", "そこにあるプロファイル：default, work, ci。"],
  ] as const) {
    it(`doctor says the profile does not exist, names both files and lists the profiles there (${lang})`, () => {
      const { me, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE } = learner(lang, CONFIG, CREDS);
      const r = runCli(me, ["doctor", "--profile", "nosuch", ...NOWHERE]);
      expect(r.status, r.stderr).toBe(4);
      const message = messageOf(r.stderr);
      expect(message).toContain(missing);
      expect(message).toContain(AWS_CONFIG_FILE);
      expect(message).toContain(AWS_SHARED_CREDENTIALS_FILE);
      expect(message).toContain(listed);
      expect(message).not.toContain("sso-session");
      expect(message).not.toContain(SDK_SENTENCE);
      expect(flat(r.stderr)).toContain("`aws configure --profile nosuch`");
    });
  }

  it("other commands given the same --profile say the same (status, --json)", () => {
    const { me } = learner("en_US.UTF-8", CONFIG, CREDS);
    const r = runCli(me, ["status", "--profile", "nosuch", "--json", ...NOWHERE]);
    expect(r.status, r.stderr).toBe(4);
    const last = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}") as { key?: string; message?: string; hint?: string; detail?: string };
    expect(last).toMatchObject({ key: "texts.noProfile", hint: expect.stringContaining("aws configure --profile nosuch") });
    expect(last.message).not.toContain(SDK_SENTENCE);
    // The SDK's sentence stays as the cause, not as the message.
    expect(last.detail).toContain(SDK_SENTENCE);
  });

  it("AWS_PROFILE naming a missing profile is told the same way", () => {
    const { me } = learner("en_US.UTF-8", CONFIG, CREDS);
    const r = runCli({ ...me, env: { ...me.env, AWS_PROFILE: "nosuch" } }, ["doctor", ...NOWHERE]);
    expect(r.status, r.stderr).toBe(4);
    expect(messageOf(r.stderr)).toContain("There is no AWS profile named nosuch");
  });

  it("with no shared files at all, says there are no profiles (both languages)", () => {
    for (const [lang, words] of [["en_US.UTF-8", "they hold no profiles at all"], ["ja_JP.UTF-8", "プロファイルが一つもありません"]] as const) {
      const { me } = learner(lang);
      const r = runCli(me, ["doctor", "--profile", "nosuch", ...NOWHERE]);
      expect(r.status, r.stderr).toBe(4);
      expect(messageOf(r.stderr)).toContain(words);
      expect(flat(r.stderr)).toContain("`aws configure --profile nosuch`");
    }
  });

  it("a profile that exists but has no credentials is still told as that, not as missing", () => {
    const { me } = learner("en_US.UTF-8", CONFIG, CREDS);
    const r = runCli(me, ["doctor", "--profile", "work", ...NOWHERE]);
    expect(r.status, r.stderr).toBe(4);
    expect(flat(r.stderr)).toContain("No usable AWS credentials were found for the AWS profile work");
    expect(flat(r.stderr)).not.toContain("There is no AWS profile");
  });
});
