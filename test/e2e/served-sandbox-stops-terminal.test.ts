/**
 * Hands-on in the sandbox, in a real terminal (tmux), with `sandbox serve` running in another process: the learner
 * unfolds the step's commands and goes to type them in their second terminal; meanwhile that `sandbox serve` is stopped
 * (Ctrl-C in its terminal). Without the learner pressing anything, the lesson says so in their language, under the
 * question it then asks again, and its own server answers at the same address (their second terminal goes on working).
 */
import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { sandboxAnswers } from "../../src/sandbox/serve/running.js";
import { freshLearner, spawnServe, type CliEnv } from "../helpers/cli-process.js";
import { menuUnder, nextQuestion, TmuxSession } from "../helpers/tmux.js";

type Lang = "en" | "ja";
const HOW = { en: "How do you want to do this step?", ja: "このステップをどう進めますか？" };
const SHOW = { en: /Firstshowhow/, ja: /手順を見る/ };
const VERIFY = { en: /verify$/, ja: /確認する$/ };
const VERIFY_SHOWN = { en: "I did it myself", ja: "自分で実行した" };

const sessions: TmuxSession[] = [];
const servers: ChildProcess[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  for (const p of servers.splice(0)) p.kill("SIGKILL");
});

/** `sandbox serve --json` for the learner's account, in its own process: its address once it listens. */
async function serve(me: CliEnv): Promise<{ url: string; stop: () => Promise<void> }> {
  const { server, event } = await spawnServe(me.env);
  servers.push(server);
  const ended = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  return { url: event.url, stop: () => (server.kill("SIGINT"), ended) };
}

/** The digit of the hands-on choice whose label (whitespace dropped) matches, in the menu under the last question. */
function digitOf(visible: string, how: string, label: RegExp): string {
  return String([...menuUnder(visible, how)].find(([l]) => label.test(l))![1]);
}

/** Text as compared on screen: without the spaces and line breaks the wrapping adds, or the code marks. */
const flat = (text: string) => text.replace(/[\s`]+/g, "");

/** Waits until the screen shows `said` with the question `asked` under it; returns the screen. */
async function saidThenAsked(s: TmuxSession, said: string, asked: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const screen = s.screen();
    const at = flat(screen).indexOf(said);
    if (at >= 0 && flat(screen).indexOf(asked, at) > at) return screen;
    if (Date.now() > deadline) throw new Error(`timed out waiting for the notice\n--- screen ---\n${screen.split("\n").slice(-40).join("\n")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Goes on (Enter) at every other question until `how` is asked. */
async function untilAsked(s: TmuxSession, how: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (let last = ""; ; ) {
    const { visible, prompt } = await nextQuestion(s, last, deadline);
    if (prompt.includes(how)) return;
    last = visible;
    s.keys("Enter");
  }
}

describe.each<Lang>(["en", "ja"])("the `sandbox serve` stops while the learner types the shown commands, in a terminal (%s)", (lang) => {
  it("says so at once under the question, asks it again, and answers at the same address", async () => {
    const me = freshLearner({ LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" });
    const served = await serve(me);
    const s = new TmuxSession(me, ["--sandbox", "--sandbox-speed", "instant", "--prefix", "gone", "--mode", "hands-on"], { cols: 100, rows: 40 });
    sessions.push(s);
    const question = HOW[lang].replace(/[?？]/g, "\\$&");
    const how = new RegExp(`\\n\\? ${question}`);
    // The lines for a second terminal (the `sandbox serve` is used), then on to the first step the learner does.
    await untilAsked(s, HOW[lang]);
    s.keys(digitOf(s.visible(), HOW[lang], SHOW[lang]));
    // The commands are shown, and the question asked again: the learner is away, typing them.
    await s.waitFor(new RegExp(`✔ ${question}[\\s\\S]*${how.source}`), 30_000);
    const before = s.count(how);
    await served.stop();

    // Said once, below the question it put away, with the question asked again under it.
    const t = translator(lang);
    const said = flat(t("sandbox-env.lesson.serveStopped", { url: served.url }) + t("sandbox-env.lesson.servedInstead"));
    const screen = await saidThenAsked(s, said, flat(`? ${HOW[lang]}`));
    expect(flat(screen).split(said).length - 1, screen).toBe(1);
    expect(s.count(how)).toBe(before + 1);
    // The learner's terminal still reaches the account, at the same address: the lesson serves it there now.
    expect(await sandboxAnswers(served.url)).toBe(true);
    // The question asked again takes the learner's keys: verify, then (nothing done yet, no "not yet") asked again.
    s.keys(digitOf(s.visible(), HOW[lang], VERIFY[lang]));
    await s.waitFor(new RegExp(`✔ ${question} ${VERIFY_SHOWN[lang]}[\\s\\S]*${how.source}`), 30_000);
    s.keys("C-c");
    await s.waitFor(/\[exit \d+\]/, 30_000);
    // Closed with the lesson.
    expect(await sandboxAnswers(served.url)).toBe(false);
  }, 180_000);
});
