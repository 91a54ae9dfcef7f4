/**
 * The CLI's edges as a learner meets them (the built bundle): `--json` is JSON for every command
 * and every usage error, file problems exit 4, and the kernel's folders are refused at once.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, freshLearner, runCli } from "../helpers/cli-process.js";

/** Every stdout line parsed as JSON (a line that is not JSON fails the test). */
const events = (stdout: string) => stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

describe("--json is JSON, whatever the command", () => {
  it("templates --json: one event naming each file, in both languages", () => {
    for (const LANG of ["en_US.UTF-8", "ja_JP.UTF-8"]) {
      const r = runCli(freshLearner({ LANG }), ["templates", "--json"]);
      expect(r.status, r.stderr).toBe(0);
      const [e, ...more] = events(r.stdout);
      expect(more).toEqual([]);
      expect(e).toMatchObject({ type: "table", name: "templates" });
      const items = e!.items as { stack: string; file: string; path: string }[];
      expect(items.map((i) => [i.stack, i.file])).toEqual([["Consumer", "Consumer.yml"], ["Provider", "Provider.yml"]]);
      expect(items[0]!.path).toMatch(/templates[/\\]Consumer\.yml$/);
    }
  });

  it("templates --out DIR --json: the copies as data, no sentence", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-tpl-"));
    const r = runCli(freshLearner({ LANG: "ja_JP.UTF-8" }), ["templates", "--out", dir, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(events(r.stdout)).toMatchObject([{ type: "table", name: "copied", items: [{ file: "Consumer.yml", path: join(dir, "Consumer.yml") }, { file: "Provider.yml", path: join(dir, "Provider.yml") }] }]);
  });

  it("an unknown command with --json is an error event carrying the command probably meant", () => {
    for (const [LANG, words] of [["en_US.UTF-8", /Unknown command 'stauts'/], ["ja_JP.UTF-8", /'stauts' というコマンドはありません/]] as const) {
      const r = runCli(freshLearner({ LANG }), ["stauts", "--json"]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe("");
      const [e, ...more] = events(r.stdout);
      expect(more).toEqual([]);
      expect(e).toMatchObject({ type: "error", key: "guard.usage.unknownCommand", suggestion: "status" });
      expect(e!.message).toMatch(words);
    }
    const sub = events(runCli(freshLearner(), ["workshop", "plna", "--json"]).stdout);
    expect(sub[0]).toMatchObject({ type: "error", suggestion: "plan" });
    const none = events(runCli(freshLearner(), ["xyz", "--json"]).stdout);
    expect(none[0]).toMatchObject({ type: "error", key: "guard.usage.unknownCommand" });
    expect(none[0]).not.toHaveProperty("suggestion");
    // A short word two edits from a command is not that command: `challenge hint` is not `list`.
    const hint = events(runCli(freshLearner(), ["challenge", "hint", "--json"]).stdout);
    expect(hint[0]).not.toHaveProperty("suggestion");
    expect(hint[0]!.hint).toContain("`npx privatelink-lab challenge --help`");
  });

  it("without --json, the suggestion is said on the hint line", () => {
    const r = runCli(freshLearner(), ["stauts"]);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Did you mean `status`?");
    expect(r.stderr).toContain("See `npx privatelink-lab --help`");
  });
});

describe("an unknown option", () => {
  it("suggests the option probably meant, global or the command's own, in both languages and in --json", () => {
    expect(runCli(freshLearner(), ["--sandbx"]).stderr).toContain("Did you mean `--sandbox`?");
    expect(runCli(freshLearner({ LANG: "ja_JP.UTF-8" }), ["status", "--prefx", "abc"]).stderr).toContain("`--prefix` のことですか？");
    const r = runCli(freshLearner(), ["status", "--jsn", "--json"]);
    expect(r.status).toBe(2);
    expect(events(r.stdout)).toMatchObject([{ type: "error", key: "usage.unknownOption", suggestion: "--json" }]);
    expect(events(runCli(freshLearner(), ["--zzzzzz", "--json"]).stdout)[0]).not.toHaveProperty("suggestion");
  });
});

describe("what the learner typed, said back in a usage error", () => {
  it("has its control characters escaped, never sent to the terminal raw (a command, an option, a value)", () => {
    for (const args of [["st\x1b[31mtus"], ["--x\x1b]0;title\x07"], ["--lang", "x\x1b[2J"]]) {
      const r = runCli(freshLearner(), args);
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      expect(r.stderr).toContain("\\x1b");
    }
  });
});

describe("small usage messages", () => {
  it("a word that begins a command suggests that one: `stat` is `status`, not `start` (one letter away)", () => {
    expect(events(runCli(freshLearner(), ["stat", "--json"]).stdout)[0]).toMatchObject({ type: "error", suggestion: "status" });
    expect(runCli(freshLearner(), ["stat"]).stderr).toContain("Did you mean `status`?");
  });

  it("a prefix too short and in capitals says the whole rule, lowercase included, as a sentence of its own", () => {
    for (const [LANG, words] of [
      ["en_US.UTF-8", "The prefix 'AB' cannot be used. The prefix needs at least 3 characters: lowercase letters"],
      ["ja_JP.UTF-8", "プレフィックス「AB」は使えません。プレフィックスは 3 文字以上にしてください（使えるのは小文字の"],
    ] as const) {
      const r = runCli(freshLearner({ LANG }), ["status", "--prefix", "AB"]);
      expect(r.status).toBe(2);
      expect(r.stderr.replace(/\s*\n\s*/g, " ")).toContain(words);
    }
  });

  it("sandbox serve with a port that is not one is a usage error: exit 2, as the README says", () => {
    for (const port of ["99999", "abc"]) {
      const r = runCli(freshLearner(), ["sandbox", "serve", "--port", port]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`'${port}' is not a port`);
    }
  });
});

describe("templates --out: where a copy cannot go", () => {
  it("a file where the folder should be exits 4 (a file on this computer), as the README says", () => {
    const file = join(mkdtempSync(join(tmpdir(), "pll-tpl-")), "a-file");
    writeFileSync(file, "x");
    for (const LANG of ["en_US.UTF-8", "ja_JP.UTF-8"]) {
      const r = runCli(freshLearner({ LANG }), ["templates", "--out", file]);
      expect(r.status, r.stderr).toBe(4);
      expect(r.stderr).toContain(file);
    }
  });

  it("refuses the kernel's folders at once (Node's recursive mkdir never returns under /proc)", () => {
    for (const [LANG, words] of [["en_US.UTF-8", "system's own folders"], ["ja_JP.UTF-8", "システム専用"]] as const) {
      for (const dir of ["/proc/x", "/sys/x/y"]) {
        // (SIGKILL: a CLI spinning in mkdir ignores SIGTERM)
        const r = spawnSync(process.execPath, [BIN, "templates", "--out", dir], { env: freshLearner({ LANG }).env, encoding: "utf8", timeout: 20_000, killSignal: "SIGKILL" });
        expect(r.status, `${dir}: ${r.stderr}`).toBe(4);
        expect(r.stderr).toContain(words);
      }
    }
  });
});

/** A learner whose ~/.aws/config has the profile `work` (region ap-northeast-1) and no credentials anywhere. */
function withProfile(extra: NodeJS.ProcessEnv = {}) {
  const me = freshLearner(extra);
  mkdirSync(join(me.home, ".aws"));
  writeFileSync(join(me.home, ".aws", "config"), "[profile work]\nregion = ap-northeast-1\n");
  return me;
}
/** A loopback endpoint: the SDK looks for credentials before sending anything, and nothing is sent anywhere. */
const NOWHERE = ["--endpoint-url", "http://127.0.0.1:9"];

describe("a progress file that is a symbolic link", () => {
  it("is refused with exit 4, saying it is a link that is not followed (not 'too many links'), in both languages", () => {
    for (const [LANG, said, notSaid] of [["en_US.UTF-8", "it is a symbolic link", "too many"], ["ja_JP.UTF-8", "シンボリックリンクになっています", "多すぎます"]] as const) {
      const l = freshLearner({ LANG });
      expect(runCli(l, ["--sandbox", "--prefix", "abc", "step", "preflight"]).status).toBe(0);
      const file = join(l.stateDir, "participants", "abc.json");
      const elsewhere = join(mkdtempSync(join(tmpdir(), "pll-elsewhere-")), "abc.json");
      renameSync(file, elsewhere);
      symlinkSync(elsewhere, file);
      const r = runCli(l, ["--sandbox", "--prefix", "abc", "status"]);
      expect(r.status).toBe(4);
      const [message] = r.stderr.split("\n→");
      expect(message).toContain(said);
      expect(message).not.toContain(notSaid);
    }
  });
});

describe("doctor with an AWS profile", () => {
  it("names the learner's own profile in the fix, and exits 4 when it has no credentials (AWS never answered)", () => {
    for (const [LANG, words] of [["en_US.UTF-8", "No usable AWS credentials"], ["ja_JP.UTF-8", "認証情報"]] as const) {
      const r = runCli(withProfile({ LANG }), ["doctor", "--profile", "work", ...NOWHERE]);
      expect(r.status, r.stderr).toBe(4);
      expect(r.stderr).toContain(words);
      expect(r.stderr).toContain("aws sso login --profile work");
      expect(r.stderr).toContain("aws configure --profile work");
      expect(r.stderr).not.toContain("--profile default");
    }
    const json = runCli(withProfile(), ["doctor", "--profile", "work", "--json", ...NOWHERE]);
    expect(json.status).toBe(4);
    expect(events(json.stdout).at(-1)).toMatchObject({ type: "error", key: "aws.CredentialsProviderError", hint: expect.stringContaining("--profile work") });
  });

  it("uses the profile's own region when neither --region nor AWS_REGION names one, and says where the region came from", () => {
    const title = (me: ReturnType<typeof freshLearner>, ...args: string[]) => runCli(me, ["doctor", "--profile", "work", ...NOWHERE, ...args]).stdout.replace(/\s+/g, " ");
    // NOWHERE stands in for AWS, and doctor names what it checks: that endpoint (test/preflight/doctor-endpoint.test.ts).
    expect(title(withProfile())).toMatch(/Checking the endpoint http:\/\/127\.0\.0\.1:9 \(not AWS[^)]*\) in ap-northeast-1 \(the region of AWS profile work\)/);
    // Japanese wraps between phrases, and the join above turns that line break into a space wherever it falls.
    expect(title(withProfile({ LANG: "ja_JP.UTF-8" }))).toMatch(/ap-northeast-1 ?（AWS ?プロファイル ?work ?の ?リージョン）/);
    expect(title(withProfile({ AWS_REGION: "eu-west-1" }))).toContain("eu-west-1 (from AWS_REGION / AWS_DEFAULT_REGION)");
    expect(title(withProfile(), "--region", "us-west-2")).toContain("us-west-2 (--region)");
    // A profile without a region line: the tool's default, said so.
    expect(title(withProfile(), "--profile", "other")).toContain("us-east-1 (this tool's default");
  });
});

describe("small gaps", () => {
  it("a number out of range says the range allowed", () => {
    for (const [LANG, words] of [["en_US.UTF-8", "Use a whole number from 1 to 500."], ["ja_JP.UTF-8", "1 から 500 までの整数"]] as const) {
      for (const args of [["workshop", "plan", "--participants", "0", "--sandbox"], ["workshop", "handout", "--count", "0"]]) {
        const r = runCli(freshLearner({ LANG }), args);
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr.replace(/\s+/g, " ")).toContain(words);
      }
    }
    const hours = runCli(freshLearner(), ["workshop", "plan", "--participants", "2", "--hours", "0", "--sandbox"]);
    expect(hours.stderr.replace(/\s+/g, " ")).toContain("Use a number above 0, up to 240.");
  });

  it("--shell zsh is taken as bash (zsh reads the same commands; `sandbox env --shell zsh` prints bash's lines)", () => {
    const r = runCli(freshLearner(), ["step", "preflight", "--sandbox", "--yes", "--prefix", "zsh-user", "--shell", "zsh"]);
    expect(r.status, r.stderr).toBe(0);
    const bad = runCli(freshLearner(), ["step", "preflight", "--sandbox", "--yes", "--shell", "tcsh"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Allowed: bash, zsh, powershell, cmd.");
  });

  it("challenge --help lists no --mode (a challenge is neither guided nor hands-on)", () => {
    for (const args of [["challenge", "--help"], ["challenge", "list", "--help"], ["challenge", "start", "--help"]]) {
      const r = runCli(freshLearner(), args);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("--profile");
      expect(r.stdout).not.toContain("--mode");
    }
  });

  it("workshop --help shows how each learner joins the room, in both languages", () => {
    for (const [LANG, words] of [["en_US.UTF-8", "each learner"], ["ja_JP.UTF-8", "各受講者"]] as const) {
      const r = runCli(freshLearner({ LANG }), ["workshop", "--help"]);
      expect(r.stdout).toContain("npx privatelink-lab join http://");
      expect(r.stdout).toContain(words);
    }
    // Only the group's help: a subcommand's examples stay its own.
    expect(runCli(freshLearner(), ["workshop", "serve", "--help"]).stdout).not.toContain("privatelink-lab join");
  });

  it("challenge list on a fresh computer shows the catalogue (exit 0), each needing a finished lesson", () => {
    const r = runCli(freshLearner(), ["challenge", "list", "--sandbox"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("silent-door");
    expect(r.stdout.replace(/\s+/g, " ")).toContain("needs a finished lesson");
  });
});
