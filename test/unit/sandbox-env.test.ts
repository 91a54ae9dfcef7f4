/**
 * `sandbox env`: the lines a learner evaluates in a second terminal, for each shell; what it says
 * when no sandbox is served; the AWS CLI too old for AWS_ENDPOINT_URL; the served-address file.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseAwsCliVersion, readsEndpointUrl } from "../../src/aws/cli-version.js";
import { awsCliAdvice } from "../../src/aws/cli-version.js";
import { sandboxEnv, shellComment } from "../../src/commands/sandbox-env.js";
import type { Environment } from "../../src/commands/session.js";
import { LabError } from "../../src/errors.js";
import { translator } from "../../src/i18n/messages.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { publishServed, readServed, servedFile } from "../../src/sandbox/served-file.js";
import { defaultShell, loadCommand, shellLines } from "../../src/sandbox/shell-env.js";
import { secondTerminalShell } from "../../src/sandbox/shell-env.js";
import { BIN, freshLearner, runCli } from "../helpers/cli-process.js";

const TARGET = { url: "http://127.0.0.1:45678", region: "ap-northeast-1", accessKeyId: "PLLABTEST", secretAccessKey: "it's/a+secret" };

function env(extra: NodeJS.ProcessEnv = {}): { e: Environment; out: () => string; err: () => string } {
  const dir = mkdtempSync(join(tmpdir(), "pll-env-"));
  let out = "";
  let err = "";
  const stdout = new PassThrough() as unknown as NodeJS.WriteStream;
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream;
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  const e: Environment = {
    env: { LANG: "en_US.UTF-8", PATH: process.env.PATH, SHELL: "/bin/bash", PRIVATELINK_LAB_SANDBOX_FILE: join(dir, "sandbox", "account.json"), ...extra },
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    stdout,
    stderr,
    clock: new ManualClock(),
  };
  return { e, out: () => out, err: () => err };
}

describe("the lines for each shell", () => {
  it("bash: evaluated, they set exactly the endpoint, keys and both Region variables, and drop a profile", () => {
    const script = `export AWS_PROFILE=work AWS_SESSION_TOKEN=tok\neval "$(cat)"\nenv | grep '^AWS_' | sort`;
    const r = spawnSync("bash", ["-c", script], { input: shellLines("bash", TARGET).join("\n"), encoding: "utf8", env: { PATH: process.env.PATH } });
    expect(r.stdout.trim().split("\n")).toEqual([
      "AWS_ACCESS_KEY_ID=PLLABTEST",
      "AWS_DEFAULT_REGION=ap-northeast-1",
      "AWS_ENDPOINT_URL=http://127.0.0.1:45678",
      "AWS_REGION=ap-northeast-1",
      "AWS_SECRET_ACCESS_KEY=it's/a+secret",
    ]);
  });

  it("fish and PowerShell: their own syntax, quotes escaped", () => {
    expect(shellLines("fish", TARGET)).toContain("set -gx AWS_SECRET_ACCESS_KEY 'it\\'s/a+secret'");
    expect(shellLines("fish", TARGET)).toContain("set -e AWS_PROFILE");
    expect(shellLines("powershell", TARGET)).toContain("$env:AWS_SECRET_ACCESS_KEY = 'it''s/a+secret'");
    expect(shellLines("powershell", TARGET)).toContain("Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue");
  });

  it("the default shell follows $SHELL, and PowerShell on Windows without one", () => {
    expect(defaultShell({ SHELL: "/usr/bin/fish" }, "linux")).toBe("fish");
    expect(defaultShell({ SHELL: "/bin/zsh" }, "darwin")).toBe("zsh");
    expect(defaultShell({}, "win32")).toBe("powershell");
    expect(defaultShell({}, "linux")).toBe("bash");
  });

  it("in cmd.exe on Windows, the lines are cmd.exe's (as the lesson guesses it), not PowerShell's that cmd cannot run", () => {
    const system = "C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules";
    const cmdExe = { PSModulePath: system, ComSpec: "C:\\WINDOWS\\system32\\cmd.exe", PROMPT: "$P$G" };
    expect(defaultShell(cmdExe, "win32")).toBe("cmd");
    expect(shellLines(defaultShell(cmdExe, "win32"), TARGET)[0]).toBe('set "AWS_ENDPOINT_URL=http://127.0.0.1:45678"');
    expect(loadCommand(defaultShell(cmdExe, "win32"))).toBe("npx privatelink-lab sandbox env --shell cmd");
    // PowerShell (its user module folder in PSModulePath) keeps PowerShell's lines
    expect(defaultShell({ ...cmdExe, PSModulePath: `C:\\Users\\taro\\Documents\\WindowsPowerShell\\Modules;${system}` }, "win32")).toBe("powershell");
    // --shell bash in Git Bash on Windows: its second terminal is bash too
    expect(secondTerminalShell("bash", cmdExe, "win32")).toBe("bash");
  });
});

describe("the AWS CLI's version", () => {
  it("AWS_ENDPOINT_URL is read from 2.13 and 1.29 on", () => {
    const reads = (text: string) => readsEndpointUrl(parseAwsCliVersion(text)!);
    expect(reads("aws-cli/2.12.7 Python/3.11.4 Linux/6.1 exe/x86_64")).toBe(false);
    expect(reads("aws-cli/2.13.0 Python/3.11.4")).toBe(true);
    expect(reads("aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12")).toBe(false);
    expect(reads("aws-cli/1.28.9 Python/3.8")).toBe(false);
    expect(reads("aws-cli/1.29.0 Python/3.8")).toBe(true);
    expect(reads("aws-cli/1.45.11 Python/3.11.7 Linux/6.18 botocore/1.43.11")).toBe(true);
  });

  it("a CLI too old is told to add --endpoint-url, and that it fails safely", () => {
    const t = translator("en");
    const advice = awsCliAdvice(t, { found: true, version: parseAwsCliVersion("aws-cli/2.9.19")!, readsEndpointUrl: false }, TARGET.url);
    expect(advice).toContain("2.9.19");
    expect(advice).toContain(`--endpoint-url ${TARGET.url}`);
    expect(advice).toMatch(/refuses the sandbox's keys/);
    expect(awsCliAdvice(t, { found: true, version: parseAwsCliVersion("aws-cli/2.13.0")!, readsEndpointUrl: true }, TARGET.url)).toBeUndefined();
    expect(awsCliAdvice(translator("ja"), { found: false }, TARGET.url)).toMatch(/見つかりません/);
  });
});

describe("sandbox env", () => {
  it("with no sandbox served: only a command that fails on standard output (for the shell evaluating it), and how to start one", async () => {
    const { e, out } = env();
    const err = await sandboxEnv({}, e).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).key).toBe("sandbox-env.notServing");
    expect((err as LabError).exitCode).toBe(1);
    expect(translator("ja")("sandbox-env.notServing.hint")).toContain("sandbox serve");
    expect(out()).toBe("false\n");
  });

  it("with no sandbox served, `eval \"$(… sandbox env)\"` fails in bash, so `&& aws …` does not run", () => {
    const l = freshLearner({ SHELL: "/bin/bash" });
    const r = spawnSync("bash", ["-c", `eval "$("${process.execPath}" "${BIN}" sandbox env)"; echo "status $?"`], { env: l.env, encoding: "utf8" });
    expect(r.stdout).toBe("status 1\n");
    expect(r.stderr).toContain("sandbox serve");
    const bare = runCli(l, ["sandbox", "env", "--json"]);
    expect(bare.status).toBe(1);
    expect(JSON.parse(bare.stdout)).toMatchObject({ type: "error", key: "sandbox-env.notServing" }); // --json: no shell line
  });

  it("with one served: the lines for the learner's shell on standard output", async () => {
    const { e, out } = env({ SHELL: "/usr/bin/fish" });
    const unpublish = publishServed(servedFile(e.env), TARGET);
    try {
      await sandboxEnv({}, e);
      expect(out()).toContain("set -gx AWS_ENDPOINT_URL 'http://127.0.0.1:45678'");
      expect(out().split("\n").filter((l) => l && !l.startsWith("#") && !l.startsWith("set "))).toEqual([]);
    } finally {
      unpublish();
    }
    expect(existsSync(servedFile(e.env))).toBe(false);
    await expect(sandboxEnv({}, e)).rejects.toThrow("sandbox-env.notServing");
  });

  describe("for PowerShell on Windows (5.1 and 7), which reads a command's output in the console's code page, not UTF-8", () => {
    const system = "C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules";
    const windowsPowerShell = { LANG: "ja_JP.UTF-8", SHELL: undefined, PSModulePath: `C:\\Users\\taro\\Documents\\WindowsPowerShell\\Modules;${system}` };
    const pwsh7 = { ...windowsPowerShell, PSModulePath: `C:\\Users\\taro\\Documents\\PowerShell\\Modules;C:\\Program Files\\PowerShell\\Modules;c:\\program files\\powershell\\7\\Modules;${system}` };
    /** What `sandbox env` (or `--unset`) prints for PowerShell, a Japanese learner's, on Windows in this PowerShell. */
    async function printed(shellEnv: NodeJS.ProcessEnv, unset = false): Promise<string[]> {
      const { e, out } = env(shellEnv);
      e.platform = "win32";
      const unpublish = publishServed(servedFile(e.env), TARGET);
      try {
        await sandboxEnv({ ...(unset ? { unset: true } : {}) }, e);
      } finally {
        unpublish();
      }
      return out().trim().split("\n");
    }

    it.each([false, true])("the lines to evaluate are ASCII only: the comment is English (--unset: %s)", async (unset) => {
      const lines = await printed(windowsPowerShell, unset);
      expect(lines[1]).toMatch(unset ? /^Remove-Item Env:/ : /^\$env:AWS_ENDPOINT_URL = /);
      expect(lines.filter((l) => /[^\x20-\x7e]/.test(l))).toEqual([]);
      expect(lines[0]).toBe(`# ${translator("en")(unset ? "sandbox-env.unsetComment" : "sandbox-env.comment", { url: TARGET.url })}`);
    });

    it("PowerShell 7 (pwsh) on Windows gets the English comment too (it decodes in the console's code page as well)", async () => {
      expect((await printed(pwsh7))[0]).toBe(`# ${translator("en")("sandbox-env.comment", { url: TARGET.url })}`);
    });

    it("a room's name outside ASCII becomes ? in join's comment there, and stays as it is elsewhere", () => {
      const vars = { room: "部屋1", url: TARGET.url };
      expect(shellComment("powershell", { env: windowsPowerShell, platform: "win32" }, "ja", "room.join.comment", vars)).toBe(`# ${translator("en")("room.join.comment", { ...vars, room: "??1" })}`);
      expect(shellComment("powershell", { env: windowsPowerShell, platform: "linux" }, "ja", "room.join.comment", vars)).toBe(`# ${translator("ja")("room.join.comment", vars)}`);
    });
  });

  it("an unknown shell is a usage error", async () => {
    const { e } = env();
    publishServed(servedFile(e.env), TARGET)();
    await expect(sandboxEnv({ shell: "csh" }, e)).rejects.toMatchObject({ key: "sandbox-env.usage.badShell", exitCode: 2 });
  });
});

describe("two servers at once: a hands-on lesson served beside `sandbox serve`", () => {
  it("when the lesson stops, `sandbox env` points at `sandbox serve`, still running", async () => {
    const { e, out } = env();
    const path = servedFile(e.env);
    mkdirSync(dirname(path), { recursive: true });
    // Terminal A: `sandbox serve`, a live process of its own.
    const a = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      writeFileSync(path, JSON.stringify([{ ...TARGET, url: "http://127.0.0.1:40001", pid: a.pid, startedAt: "2026-01-01T00:00:00Z" }]), { mode: 0o600 });
      // Terminal B: the hands-on lesson serves the account too (here, this process); it is the newest.
      const stopLesson = publishServed(path, { ...TARGET, url: "http://127.0.0.1:40002" });
      expect(readServed(path)?.url).toBe("http://127.0.0.1:40002");
      expect(statSync(path).mode & 0o777).toBe(0o600);
      // "stop here": the lesson removes its own entry only.
      stopLesson();
      await sandboxEnv({}, e);
      expect(out()).toContain("AWS_ENDPOINT_URL='http://127.0.0.1:40001'");
    } finally {
      a.kill();
    }
    await new Promise((r) => a.once("exit", r));
    // A's process is gone: its entry serves nothing.
    await expect(sandboxEnv({}, e)).rejects.toThrow("sandbox-env.notServing");
  });

  it("a dead server's entry is dropped when another server publishes", () => {
    const { e } = env();
    const path = servedFile(e.env);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify([{ ...TARGET, url: "http://127.0.0.1:40003", pid: 2 ** 22 + 17, startedAt: "x" }]));
    const stop = publishServed(path, TARGET);
    expect(readFileSync(path, "utf8")).not.toContain("40003");
    stop();
    expect(existsSync(path)).toBe(false);
  });
});

describe("the served-address file", () => {
  it("is 0600, stale once its process is gone, and never read through a symlink", () => {
    const { e } = env();
    const path = servedFile(e.env);
    const unpublish = publishServed(path, TARGET);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readServed(path)?.url).toBe(TARGET.url);
    unpublish();
    // A process that no longer exists serves nothing.
    writeFileSync(path, JSON.stringify({ ...TARGET, pid: 2 ** 22 + 17, startedAt: "x" }));
    expect(readServed(path)).toBeUndefined();
    const other = join(mkdtempSync(join(tmpdir(), "pll-link-")), "served.json");
    writeFileSync(other, JSON.stringify({ ...TARGET, pid: process.pid, startedAt: "x" }));
    const link = join(mkdtempSync(join(tmpdir(), "pll-link-")), "served.json");
    symlinkSync(other, link);
    expect(readServed(other)?.url).toBe(TARGET.url);
    expect(readServed(link)).toBeUndefined();
  });
});

describe("sandbox env --shell cmd (Command Prompt, which has no eval: the lines are pasted)", () => {
  /** What cmd.exe does with a pasted `set "NAME=value"`: everything between the first `=` and the closing quote, literally. */
  const setLine = /^set "([A-Z_]+)=([^"%\r\n]*)"$/;

  it("prints a rem comment and set lines that keep &, |, <, >, ^, spaces and parentheses literal, and empties the profile", async () => {
    const { e, out } = env();
    const secret = "a&b|c<d>e^f (g)'h";
    const unpublish = publishServed(servedFile(e.env), { ...TARGET, secretAccessKey: secret });
    try {
      await sandboxEnv({ shell: "cmd" }, e);
    } finally {
      unpublish();
    }
    const [comment, ...lines] = out().trim().split("\n");
    expect(comment).toMatch(/^rem privatelink-lab sandbox at http:\/\/127\.0\.0\.1:45678 /);
    const sets = lines.map((l) => setLine.exec(l));
    expect(sets.every(Boolean), lines.join("\n")).toBe(true);
    expect(Object.fromEntries(sets.map((m) => [m![1], m![2]]))).toEqual({
      AWS_ENDPOINT_URL: "http://127.0.0.1:45678",
      AWS_ACCESS_KEY_ID: "PLLABTEST",
      AWS_SECRET_ACCESS_KEY: secret,
      AWS_REGION: "ap-northeast-1",
      AWS_DEFAULT_REGION: "ap-northeast-1",
      AWS_PROFILE: "",
      AWS_SESSION_TOKEN: "",
    });
  });

  it("refuses a value cmd.exe would expand or cut (a %, a double quote, a line break): nothing is printed", async () => {
    for (const bad of ["50%off%", 'say "hi"', "two\nlines"]) {
      const { e, out } = env();
      const unpublish = publishServed(servedFile(e.env), { ...TARGET, secretAccessKey: bad });
      try {
        await expect(sandboxEnv({ shell: "cmd" }, e)).rejects.toMatchObject({ key: "sandbox-env.cmdUnsafe", vars: { name: "AWS_SECRET_ACCESS_KEY" } });
      } finally {
        unpublish();
      }
      expect(out()).toBe("");
    }
    expect(translator("ja")("sandbox-env.cmdUnsafe.hint")).toContain("--shell powershell");
  });

  it("the usage error lists cmd among the shells", async () => {
    const { e } = env();
    publishServed(servedFile(e.env), TARGET)();
    await expect(sandboxEnv({ shell: "csh" }, e)).rejects.toMatchObject({ vars: { shells: "bash, zsh, fish, powershell, cmd" } });
  });
});

describe("the comment line above the lines", () => {
  it("bash: a line break in the served address stays inside the comment when evaluated", async () => {
    const { e, out } = env();
    const marker = join(mkdtempSync(join(tmpdir(), "pll-comment-")), "ran");
    const unpublish = publishServed(servedFile(e.env), { ...TARGET, url: `http://127.0.0.1:45678\ntouch ${marker}` });
    try {
      await sandboxEnv({ shell: "bash" }, e);
    } finally {
      unpublish();
    }
    expect(spawnSync("bash", ["-n"], { input: out(), encoding: "utf8" }).status).toBe(0);
    const r = spawnSync("bash", ["-c", 'eval "$(cat)"; printf %s "$AWS_ACCESS_KEY_ID"'], { input: out(), encoding: "utf8", env: { PATH: process.env.PATH } });
    expect(r.stdout).toBe("PLLABTEST");
    expect(existsSync(marker)).toBe(false);
  });
});
