/**
 * The way back: a shell pointed at a sandbox or a workshop gets AWS back with `sandbox env --unset` (every variable the
 * setting lines set is removed, in each shell), and the learner is told so where they finish (the lesson's end, `sandbox
 * serve`'s stop, the workshop's handout); a command meant for AWS that AWS_ENDPOINT_URL sends to this computer says so
 * once, with that line. The shell is guessed as on Windows when the platform says win32 (PowerShell, not bash).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sandboxEnv } from "../../src/commands/sandbox-env.js";
import { sandboxServe } from "../../src/commands/sandbox-serve.js";
import { lessonContext, openSession, type Environment } from "../../src/commands/session.js";
import { translator } from "../../src/i18n/messages.js";
import { interruptNotice } from "../../src/interrupt-notice.js";
import { closeDoor, learnerCanAct } from "../../src/lesson/learner-door.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { publishServed, servedFile } from "../../src/sandbox/served-file.js";
import { shellLines, unsetLines, variables } from "../../src/sandbox/shell-env.js";
import { roomHandoutMarkdown } from "../../src/workshop/handout.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";
import { noticesIn, portOf, startServe } from "../helpers/served-lesson.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import { sandboxCredentials } from "../../src/sandbox/serve/credentials.js";

type Lang = "en" | "ja";
const TARGET = { url: "http://127.0.0.1:45678", region: "ap-northeast-1", accessKeyId: "PLLABTEST", secretAccessKey: "it's/a+secret" };
const UNSET_BASH = 'eval "$(npx privatelink-lab sandbox env --unset)"';
const UNSET_POWERSHELL = "npx privatelink-lab sandbox env --unset --shell powershell | Out-String | iex";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** An environment for `sandbox env`, its standard output kept. */
function envFor(vars: NodeJS.ProcessEnv, platform?: NodeJS.Platform): { e: Environment; out: () => string } {
  let out = "";
  const stdout = new PassThrough() as unknown as NodeJS.WriteStream;
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  const dir = mkdtempSync(join(tmpdir(), "pll-back-"));
  const e: Environment = {
    env: { LANG: "en_US.UTF-8", PATH: process.env.PATH, PRIVATELINK_LAB_SANDBOX_FILE: join(dir, "account.json"), ...vars },
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    stdout,
    stderr: new PassThrough() as unknown as NodeJS.WriteStream,
    clock: new ManualClock(),
    ...(platform ? { platform } : {}),
  };
  return { e, out: () => out };
}

/** bash, with the learner's own variables set, after evaluating `lines`: its AWS_ variables. */
function awsVariablesAfter(...lines: string[][]): string[] {
  const script = `export AWS_PROFILE=work AWS_PAGER=\nfor f in "$@"; do eval "$f"; done\nenv | grep '^AWS_' | sort`;
  const r = spawnSync("bash", ["-c", script, "bash", ...lines.map((l) => l.join("\n"))], { encoding: "utf8", env: { PATH: process.env.PATH } });
  return r.stdout.trim().split("\n").filter(Boolean);
}

describe("sandbox env --unset", () => {
  it("bash: evaluated after the setting lines, every variable they set is gone (the learner's own others stay)", async () => {
    const { e, out } = envFor({ SHELL: "/bin/bash" });
    // No sandbox is served: the way back must not need one.
    await sandboxEnv({ unset: true }, e);
    expect(awsVariablesAfter(shellLines("bash", TARGET), [out()])).toEqual(["AWS_PAGER="]);
    // What the setting lines set, each one: nothing is left pointing at the sandbox.
    expect(awsVariablesAfter(shellLines("bash", TARGET))).toEqual(expect.arrayContaining(variables(TARGET).map(([k, v]) => `${k}=${v}`)));
  });

  it("fish, PowerShell and cmd.exe: each removes every variable the setting lines set, in its own syntax", () => {
    const names = variables(TARGET).map(([k]) => k);
    expect(unsetLines("fish")).toEqual(names.map((k) => `set -e ${k}`));
    expect(unsetLines("powershell")).toEqual(names.map((k) => `Remove-Item Env:${k} -ErrorAction SilentlyContinue`));
    expect(unsetLines("cmd")).toEqual(names.map((k) => `set "${k}="`));
  });

  it("--json: the variables it removes and the lines, as data", async () => {
    const { e, out } = envFor({ SHELL: "/usr/bin/fish" });
    await sandboxEnv({ unset: true, json: true }, e);
    const data = JSON.parse(out()) as { type: string; shell: string; unset: string[]; lines: string[] };
    expect(data).toMatchObject({ type: "sandbox-env-unset", shell: "fish", unset: variables(TARGET).map(([k]) => k) });
    expect(data.lines).toEqual(unsetLines("fish"));
  });
});

describe("Windows has no $SHELL: the guess there is PowerShell, and Command Prompt is named", () => {
  it("sandbox env on win32 without $SHELL prints PowerShell's lines; elsewhere bash's", async () => {
    const win = envFor({}, "win32");
    publishServed(servedFile(win.e.env), TARGET);
    await sandboxEnv({}, win.e);
    expect(win.out()).toContain("$env:AWS_ENDPOINT_URL = 'http://127.0.0.1:45678'");
    expect(win.out()).not.toContain("export ");

    const linux = envFor({}, "linux");
    publishServed(servedFile(linux.e.env), TARGET);
    await sandboxEnv({}, linux.e);
    expect(linux.out()).toContain("export AWS_ENDPOINT_URL='http://127.0.0.1:45678'");
  });

  it.each<Lang>(["en", "ja"])("sandbox serve on win32 (%s): PowerShell's line, cmd's, and the stop message's way back in PowerShell", async (lang) => {
    const h = harness();
    const host = new RecordingHost();
    const env = { LANG: "en_US.UTF-8", PRIVATELINK_LAB_SANDBOX_FILE: join(mkdtempSync(join(tmpdir(), "pll-serve-")), "account.json") };
    await sandboxServe({ port: "0", lang }, { ...h.env, env, platform: "win32", makeHost: () => host }, Promise.resolve());
    const t = translator(lang);
    const said = host.ofType("notice").map((n) => n.message);
    expect(said).toContain(t("sandbox-env.serveNextWindows", { load: "npx privatelink-lab sandbox env --shell powershell | Out-String | iex", cmd: "npx privatelink-lab sandbox env --shell cmd" }));
    expect(said.join("\n")).not.toContain('eval "$(');
    const [key, vars] = interruptNotice();
    expect(key).toBe("serve.stopped");
    expect(t(key, vars)).toContain(UNSET_POWERSHELL);
  });

  it("sandbox serve elsewhere: $SHELL's line, and its way back", async () => {
    const h = harness();
    const host = new RecordingHost();
    const env = { LANG: "en_US.UTF-8", SHELL: "/bin/zsh", PRIVATELINK_LAB_SANDBOX_FILE: join(mkdtempSync(join(tmpdir(), "pll-serve-")), "account.json") };
    await sandboxServe({ port: "0" }, { ...h.env, env, platform: "linux", makeHost: () => host }, Promise.resolve());
    expect(host.ofType("notice").map((n) => n.message)).toContain(translator("en")("sandbox-env.serveNext", { load: 'eval "$(npx privatelink-lab sandbox env)"' }));
    expect(translator("en")(...interruptNotice())).toContain(UNSET_BASH);
  });
});

describe.each<Lang>(["en", "ja"])("where the learner finishes (%s)", (lang) => {
  it("a hands-on lesson that served the sandbox says, as it closes it, how the second terminal gets AWS back", async () => {
    vi.stubEnv("SHELL", "/bin/bash");
    const h = harness();
    const o = { ...h.opts, mode: "hands-on" as const, lang };
    const ctx = await lessonContext(o, h.env, await openSession(o, h.env), false);
    expect(await learnerCanAct(ctx)).toBe(true);
    const closed = translator(lang)("sandbox-env.lesson.closed", { unset: UNSET_BASH });
    expect(h.host.ofType("notice").map((n) => n.message)).not.toContain(closed);
    await closeDoor(ctx);
    expect(h.host.ofType("notice").map((n) => n.message)).toContain(closed);
  });

  it("a lesson that served nothing (guided) says nothing about it", async () => {
    const h = harness();
    const o = { ...h.opts, lang };
    const ctx = await lessonContext(o, h.env, await openSession(o, h.env), false);
    await closeDoor(ctx);
    expect(h.host.ofType("notice").map((n) => n.message).join("\n")).not.toContain("--unset");
  });

  it("the workshop room's handout ends with the way back", () => {
    const md = roomHandoutMarkdown({ room: "room", region: "ap-northeast-1", sheets: [{ prefix: "team-01", joinUrl: "http://10.0.0.5:4510/join/Ab3dEf6hJk9mNp4q" }] });
    expect(md).toContain(translator(lang)("room.handout.leave", { unset: UNSET_BASH }));
  });
});

describe("a command meant for AWS that AWS_ENDPOINT_URL sends to this computer", () => {
  /** A learner whose terminal still carries the sandbox's setting lines; what opening a command said. */
  async function opened(env: NodeJS.ProcessEnv, opts: { endpointUrl?: string; lang?: Lang } = {}, platform?: NodeJS.Platform, h = harness({ opts: { sandbox: false, ...opts } })): Promise<string[]> {
    const from = h.host.events.length;
    h.env.env = { ...h.env.env, AWS_ACCESS_KEY_ID: "PLLABTEST", AWS_SECRET_ACCESS_KEY: "secret", ...env };
    if (platform) h.env.platform = platform;
    const o = { ...h.opts, sandbox: undefined };
    await lessonContext(o, h.env, await openSession(o, h.env), false, "read", "look");
    return noticesIn(h.host.events.slice(from));
  }

  it.each<Lang>(["en", "ja"])("says once which variable sends it there, and the line that undoes it (%s)", async (lang) => {
    const said = await opened({ AWS_ENDPOINT_URL: "http://127.0.0.1:4566", SHELL: "/bin/bash" }, { lang });
    const line = translator(lang)("session.endpointFromEnv", { url: "http://127.0.0.1:4566", unset: UNSET_BASH });
    expect(said.filter((m) => m === line)).toHaveLength(1);
    expect(line).toContain("AWS_ENDPOINT_URL");
  });

  it("on Windows without $SHELL, the line is PowerShell's", async () => {
    const said = await opened({ AWS_ENDPOINT_URL: "http://localhost:4566" }, {}, "win32");
    expect(said.join("\n")).toContain(UNSET_POWERSHELL);
  });

  it("says nothing when --endpoint-url asks for it, or when the endpoint is not this computer", async () => {
    expect((await opened({ AWS_ENDPOINT_URL: "http://127.0.0.1:4566" }, { endpointUrl: "http://127.0.0.1:4566" })).join("\n")).not.toContain("AWS_ENDPOINT_URL");
    expect((await opened({ AWS_ENDPOINT_URL: "http://10.0.0.5:4510" })).join("\n")).not.toContain("AWS_ENDPOINT_URL");
    expect((await opened({})).join("\n")).not.toContain("AWS_ENDPOINT_URL");
  });

  it.each<Lang>(["en", "ja"])("says nothing when it is this account's sandbox, served and answering there; warns once it stopped (%s)", async (lang) => {
    const dir = mkdtempSync(join(tmpdir(), "pll-back-served-"));
    const h = harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state"), opts: { sandbox: false, lang } });
    const serve = await startServe(h, dir);
    // The terminal as `sandbox env` set it up.
    const keys = sandboxCredentials(join(dir, "account.db"));
    const env = { AWS_ENDPOINT_URL: serve.url, AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey, SHELL: "/bin/bash" };
    const warning = translator(lang)("session.endpointFromEnv", { url: serve.url, unset: UNSET_BASH });
    try {
      expect(await opened(env, { lang }, undefined, h)).not.toContain(warning);
      // Another loopback port, not where this account is served: still said.
      const elsewhere = `http://127.0.0.1:${portOf(serve.url) === 4566 ? 4567 : 4566}`;
      expect((await opened({ ...env, AWS_ENDPOINT_URL: elsewhere }, { lang }, undefined, h)).join("\n")).toContain("AWS_ENDPOINT_URL");
    } finally {
      await serve.stop();
    }
    // Stopped: the terminal's setting now reaches nothing, and the learner hears why.
    expect(await opened(env, { lang }, undefined, h)).toContain(warning);
  });
});
