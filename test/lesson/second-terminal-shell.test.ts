/**
 * Hands-on in the sandbox: what the learner pastes into a second terminal comes in the shell the lesson prints its
 * commands for (`--shell powershell` / `cmd`, Windows' own guess, fish from $SHELL), in both languages; and after a
 * rerun, one line says whether a terminal set up last time still reaches the sandbox or must be set up again.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GlobalOptions } from "../../src/commands/options.js";
import { sandboxEnv } from "../../src/commands/sandbox-env.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { translator } from "../../src/i18n/messages.js";
import { closeDoor, learnerCanAct, remindSecondTerminal, secondTerminalReminder } from "../../src/lesson/learner-door.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import { sandboxAnswers } from "../../src/sandbox/serve/running.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { block, portOf, serveOnce, startServe, type Lang, type Served } from "../helpers/served-lesson.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

const POSIX = /eval "\$\(|^export |^unset /m;

describe.each<Lang>(["en", "ja"])("the second terminal's setup in the lesson's shell (%s)", (lang) => {
  it("--shell powershell: the line to run and the lines to paste are PowerShell's", async () => {
    const { served, text, reminder } = await serveOnce(harness(), { shell: "powershell", lang });
    expect(served.shell).toBe("powershell");
    expect(text).toContain("npx privatelink-lab sandbox env --shell powershell | Out-String | iex");
    expect(text).toMatch(/^\$env:AWS_ENDPOINT_URL = 'http:\/\/127\.0\.0\.1:\d+'$/m);
    expect(text).toContain("Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue");
    expect(text).not.toMatch(POSIX);
    expect(reminder).toContain("npx privatelink-lab sandbox env --shell powershell | Out-String | iex");
    expect(reminder).not.toContain("eval");
  });

  it("--shell cmd: no line to run (cmd.exe has no eval), the set lines to paste", async () => {
    const { served, text, reminder } = await serveOnce(harness(), { shell: "cmd", lang });
    expect(served.shell).toBe("cmd");
    expect(text).toMatch(/^set "AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+"$/m);
    expect(text).toContain('set "AWS_PROFILE="');
    expect(text).toContain(translator(lang)("sandbox-env.lesson.servingPaste", { url: served.url }));
    expect(text).not.toContain(translator(lang)("sandbox-env.lesson.orPaste"));
    expect(text).not.toMatch(POSIX);
    expect(text).not.toContain("Out-String");
    // Under a step: the command that prints the lines, and to paste them.
    expect(reminder).toBe(translator(lang)("handsOnFixes.secondTerminalPaste", { load: "npx privatelink-lab sandbox env --shell cmd" }));
  });

  it("bash lessons in fish ($SHELL): fish's `| source` and `set -gx`", async () => {
    vi.stubEnv("SHELL", "/usr/bin/fish");
    const { served, text, reminder } = await serveOnce(harness(), { lang });
    expect(served.shell).toBe("fish");
    expect(text).toContain("npx privatelink-lab sandbox env --shell fish | source");
    expect(text).toMatch(/^set -gx AWS_ENDPOINT_URL 'http:\/\/127\.0\.0\.1:\d+'$/m);
    expect(reminder).toContain("| source");
  });
});

describe("without --shell on Windows, the setup follows the same guess as the lesson's commands", () => {
  it("Command Prompt (PROMPT set) → cmd lines; PowerShell (its user module folder) → PowerShell lines", async () => {
    const cmd = harness();
    cmd.env.platform = "win32";
    cmd.env.env = { ...cmd.env.env, PROMPT: "$P$G", PSModulePath: "C:\\Program Files\\WindowsPowerShell\\Modules" };
    expect((await serveOnce(cmd)).served.shell).toBe("cmd");

    const ps = harness();
    ps.env.platform = "win32";
    ps.env.env = { ...ps.env.env, PROMPT: "$P$G", PSModulePath: "C:\\Users\\ana\\Documents\\WindowsPowerShell\\Modules;C:\\Program Files\\WindowsPowerShell\\Modules" };
    const { served, text } = await serveOnce(ps);
    expect(served.shell).toBe("powershell");
    expect(text).toContain("| Out-String | iex");
  });
});

/** How often the setup's words name the second terminal (the lines to run or paste left out). */
function secondTerminals(lang: Lang, served: { text: string; notices: string[] }): number {
  const words = [...served.notices, served.text.replace(/```[^`]*```/g, "")].join("\n");
  return (words.match(lang === "en" ? /second terminal/g : /2 つ目のターミナル/g) ?? []).length;
}

describe.each<Lang>(["en", "ja"])("a rerun says whether the second terminal from last time still works (%s)", (lang) => {
  it("nothing the first time; 'still works' at the same address and keys; 'moved' with the new address when the port is taken, then kept there; 'back' on the usual port once the new one is taken; the second terminal named once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-rerun-"));
    const h = harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state") });
    const opts = { lang };

    const first = await serveOnce(h, opts);
    expect(first.served.lastTime).toBeUndefined();
    expect(first.text).not.toMatch(lang === "en" ? /last time/ : /前回/);
    expect(secondTerminals(lang, first)).toBe(1);

    const again = await serveOnce(h, opts);
    expect(again.served.url).toBe(first.served.url);
    expect(again.served.lines).toEqual(first.served.lines);
    expect(again.served.lastTime).toBe("same");
    expect(again.text).toMatch(lang === "en" ? /a second terminal you set up then still works/ : /前回設定した 2 つ目のターミナルはそのまま使えます/);
    // The last lesson's end said to run `sandbox env --unset` there: a terminal that did is pointed at AWS again.
    expect(again.text).toContain("sandbox env --unset");
    expect(secondTerminals(lang, again)).toBe(1);

    // Something else answers the usual port now: the sandbox moves, and the learner is told to set up again.
    const usual = await block(portOf(first.served.url));
    let moved: Awaited<ReturnType<typeof serveOnce>>;
    try {
      moved = await serveOnce(h, opts);
      expect(moved.served.url).not.toBe(first.served.url);
      expect(moved.served.lastTime).toBe("moved");
      expect(moved.text).toContain(moved.served.url);
      expect(moved.text).toMatch(lang === "en" ? /must be set up again/ : /実行し直してください/);
      expect(moved.text).not.toMatch(lang === "en" ? /still works/ : /そのまま使えます/);
      expect(secondTerminals(lang, moved)).toBe(1);

      // Run again, the usual port still taken: the address the learner was given last time, not yet another one.
      const kept = await serveOnce(h, opts);
      expect(kept.served.url).toBe(moved.served.url);
      expect(kept.served.lastTime).toBe("same");
    } finally {
      await usual.free();
    }

    // The usual port is free again, and so is the one given last time: the sandbox stays where the learner's terminal points.
    const stays = await serveOnce(h, opts);
    expect(stays.served.url).toBe(moved.served.url);
    expect(stays.served.lastTime).toBe("same");

    // The one given last time is taken now: the sandbox is back on its usual port, and no longer says that port was taken.
    const taken = await block(portOf(moved.served.url));
    try {
      const back = await serveOnce(h, opts);
      expect(back.served.url).toBe(first.served.url);
      expect(back.served.lastTime).toBe("movedBack");
      expect(back.text).toMatch(lang === "en" ? /back at its usual address/ : /いつもの .* に戻りました/);
      expect(back.text).not.toMatch(lang === "en" ? /port was taken, so/ : /使用中だったため/);
      expect(secondTerminals(lang, back)).toBe(1);
    } finally {
      await taken.free();
    }
    // Seven runs of the lesson's server, one after the other.
  }, 120_000);
});

/** The Region `sandbox env` gives a second terminal now. */
async function sandboxEnvRegion(h: Harness): Promise<string> {
  let out = "";
  const stdout = new PassThrough();
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  await sandboxEnv({ json: true }, { ...h.env, stdout: stdout as unknown as NodeJS.WriteStream });
  return (JSON.parse(out) as { region: string }).region;
}

describe.each<Lang>(["en", "ja"])("with `sandbox serve` running for the account, the lesson uses it (%s)", (lang) => {
  it("each run gives its address, says the second terminal pointed there is set already, and leaves it serving", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-running-"));
    const h = harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state") });
    const serve = await startServe(h, dir, { port: "0", region: "ap-northeast-1" });
    try {
      for (const run of [await serveOnce(h, { lang }), await serveOnce(h, { lang })]) {
        expect(run.served.url).toBe(serve.url);
        expect(run.served.lastTime).toBe("running");
        expect(run.served.lines).toContain(`export AWS_ENDPOINT_URL='${serve.url}'`);
        expect(run.text).toMatch(lang === "en" ? /is already set: nothing to paste/ : /設定済みなので、貼り付け直す必要はありません/);
        expect(run.text).toContain("sandbox serve");
        expect(secondTerminals(lang, run)).toBe(1);
        // The lesson's end stops nothing: no "the sandbox stopped", and `sandbox serve` still answers.
        expect(run.closing).toEqual([]);
        expect(await sandboxAnswers(serve.url)).toBe(true);
      }
    } finally {
      await serve.stop();
    }
    // Stopped: the lesson serves the account itself, at the address the learner has.
    const alone = await serveOnce(h, { lang });
    expect(alone.served.url).toBe(serve.url);
    expect(alone.served.lastTime).toBe("same");
    expect(alone.closing).toHaveLength(1);
  });

  it("started for another Region: the lesson says to set the second terminal up again, and `sandbox env` gives the lesson's Region while it runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-running-"));
    const h = harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state") });
    const serve = await startServe(h, dir, { port: "0", region: "eu-west-1" });
    try {
      const run = await serveOnce(h, { lang }, async () => expect(await sandboxEnvRegion(h)).toBe("ap-northeast-1"));
      expect(run.served.url).toBe(serve.url);
      expect(run.served.lastTime).toBe("runningOtherRegion");
      expect(run.text).toContain("ap-northeast-1");
      expect(run.text).toMatch(lang === "en" ? /must be set up again/ : /設定し直しが必要です/);
      expect(run.closing).toEqual([]);
      expect(await sandboxEnvRegion(h)).toBe("eu-west-1");
    } finally {
      await serve.stop();
    }
  });
});

/** One hands-on run that reaches a step: is the reminder under it said (asked twice, as a learner unfolds two steps)? */
async function remindedIn(h: Harness, opts: GlobalOptions): Promise<{ url: string; said: number }> {
  const o = { ...h.opts, mode: "hands-on" as const, ...opts };
  const ctx = await lessonContext(o, h.env, await openSession(o, h.env), false);
  const from = h.host.events.length;
  expect(await learnerCanAct(ctx)).toBe(true);
  remindSecondTerminal(ctx, true);
  remindSecondTerminal(ctx, true);
  const events = h.host.events.slice(from);
  await closeDoor(ctx);
  const reminder = secondTerminalReminder(ctx);
  const url = events.find((e): e is Served => e.type === "served")!.url;
  return { url, said: events.filter((e) => e.type === "notice" && e.message === reminder).length };
}

describe.each<Lang>(["en", "ja"])("the reminder under a step's commands across runs (%s)", (lang) => {
  it("is said in the run that first shows it, not on a rerun at the same address, and again once the address moved", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-remind-"));
    const h = harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state") });
    const first = await remindedIn(h, { lang });
    expect(first.said).toBe(2);
    expect((await remindedIn(h, { lang })).said).toBe(0);
    const usual = await block(portOf(first.url));
    try {
      const moved = await remindedIn(h, { lang });
      expect(moved.url).not.toBe(first.url);
      expect(moved.said).toBe(2);
      // Kept at the new address: a terminal set up there still works.
      expect((await remindedIn(h, { lang })).said).toBe(0);
    } finally {
      await usual.free();
    }
  });
});
