/**
 * Hands-on in the sandbox: what the learner pastes into a second terminal comes in the shell the lesson prints its
 * commands for (`--shell powershell` / `cmd`, Windows' own guess, fish from $SHELL), in both languages; and after a
 * rerun, one line says whether a terminal set up last time still reaches the sandbox or must be set up again.
 */
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Chalk } from "chalk";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GlobalOptions } from "../../src/commands/options.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { translator } from "../../src/i18n/messages.js";
import { closeDoor, learnerCanAct, secondTerminalReminder } from "../../src/lesson/learner-door.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import type { LabEvent } from "../../src/ui/io-host.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

type Lang = "en" | "ja";
type Served = Extract<LabEvent, { type: "served" }>;

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Opens the lesson's door to the learner's AWS CLI once, as a hands-on run does, and closes it: what was said, and the reminder under a step. */
async function serveOnce(h: Harness, opts: GlobalOptions = {}): Promise<{ served: Served; notices: string[]; reminder: string; text: string }> {
  const o = { ...h.opts, mode: "hands-on" as const, ...opts };
  const from = h.host.events.length;
  const ctx = await lessonContext(o, h.env, await openSession(o, h.env), false);
  expect(await learnerCanAct(ctx)).toBe(true);
  const reminder = secondTerminalReminder(ctx);
  // The setup's events (closing the lesson says its own line later: how the second terminal reaches AWS again).
  const events = h.host.events.slice(from);
  await closeDoor(ctx);
  const served = events.find((e): e is Served => e.type === "served")!;
  const notices = events.flatMap((e) => (e.type === "notice" ? [e.message] : []));
  const text = renderEvent(served, { c: new Chalk({ level: 0 }), t: ctx.t, width: 200, markdown: (md) => md }) ?? "";
  return { served, notices, reminder, text };
}

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
  it("nothing the first time; 'still works' at the same address and keys; 'moved' with the new address when the port is taken; 'back' once it is free again; the second terminal named once", async () => {
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

    // Something else answers the old port now: the sandbox moves, and the learner is told to set up again.
    const blocker: Server = createServer();
    const port = Number(new URL(first.served.url).port);
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const moved = await serveOnce(h, opts);
      expect(moved.served.url).not.toBe(first.served.url);
      expect(moved.served.lastTime).toBe("moved");
      expect(moved.text).toContain(moved.served.url);
      expect(moved.text).toMatch(lang === "en" ? /must be set up again/ : /実行し直してください/);
      expect(moved.text).not.toMatch(lang === "en" ? /still works/ : /そのまま使えます/);
      expect(secondTerminals(lang, moved)).toBe(1);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }

    // The usual port is free again: the sandbox is back on it, and no longer says its usual port was taken.
    const back = await serveOnce(h, opts);
    expect(back.served.url).toBe(first.served.url);
    expect(back.served.lastTime).toBe("movedBack");
    expect(back.text).toMatch(lang === "en" ? /back at its usual address/ : /いつもの .* に戻りました/);
    expect(back.text).not.toMatch(lang === "en" ? /port was taken, so/ : /使用中だったため/);
    expect(secondTerminals(lang, back)).toBe(1);
  });
});
