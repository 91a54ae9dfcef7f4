/**
 * The whole lesson on real terminals of two sizes (80×24 and 120×40), in Japanese and English,
 * guided and hands-on with wrong choices: no line is wider than the terminal (measured by display
 * width on tmux's own screen, so a line the terminal had to fold counts as too wide, but a lone
 * unbroken token such as an ARN, printed whole for the terminal to fold), and the step's
 * concept is still on screen when the lesson asks to go on.
 */
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner } from "../helpers/cli-process.js";
import { linesTooWide, TmuxSession } from "../helpers/tmux.js";
import { loadQuiz, loadStep } from "../../src/content/lesson-content.js";

/** `<name>` for every `{{name}}` the lesson content uses: shown on screen, it is an unfilled value. */
function placeholderPattern(lang: "ja" | "en"): RegExp {
  const names = new Set<string>();
  for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl", "review", "cleanup"]) {
    const c = loadStep("privatelink", id, lang);
    const text = [c.concept, c.console, c.cli, c.done, ...c.hints, ...Object.values(c.notes), ...Object.values(c.doneVariants)].join("\n");
    for (const m of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) names.add(m[1]!);
  }
  return new RegExp(`<(${[...names].join("|")})>|\\{\\{\\s*\\w+\\s*\\}\\}`);
}

const squeeze = (text: string): string => text.replace(/\s+/g, "");

/** The first plain words of a note (up to its first Markdown mark or value), as they appear on screen. */
function opening(markdown: string): string {
  const first = markdown.trim().split("\n")[0] ?? "";
  return squeeze(first.split(/[*`{[(（]/)[0] ?? "");
}

/** Quiz questions shown on screen whose teaching (a step's note) never appeared before them. */
function untaughtQuestions(screen: string, lang: "ja" | "en"): string[] {
  const flat = squeeze(screen);
  const problems: string[] = [];
  for (const q of loadQuiz("privatelink", lang)) {
    const asked = flat.indexOf(squeeze(q.question).slice(0, 20));
    if (asked < 0) continue;
    for (const need of q.needs ?? []) {
      const [step, note] = need.split("/");
      if (!note) continue;
      const text = loadStep("privatelink", step!, lang).notes[note] ?? "";
      const start = opening(text);
      if (start.length < 6) continue;
      const at = flat.indexOf(start);
      if (at < 0 || at > asked) problems.push(`${q.id} needs ${need} ("${start}")`);
    }
  }
  return problems;
}

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

interface Run {
  lang: "ja" | "en";
  cols: number;
  rows: number;
  mode: "guided" | "hands-on";
}

const TEXT = {
  en: { runAsk: "Run this step now?", howToDo: "How do you want to do this step?", ruleType: "Inbound rule: type", serviceName: "Service name", show: /First show how/ },
  ja: { runAsk: "このステップをいま実行しますか？", howToDo: "このステップをどう進めますか？", ruleType: "インバウンドルール", serviceName: "サービス名", show: /手順を見る/ },
};

/** The question waiting for an answer (inquirer marks it with "?" until answered). */
function pendingPrompt(visible: string): string | undefined {
  return [...visible.trimEnd().split("\n")].reverse().find((l) => /^\? /.test(l))?.slice(2);
}

async function playLesson(s: TmuxSession, run: Run): Promise<{ prompts: string[]; conceptCut: string[] }> {
  const text = TEXT[run.lang];
  const prompts: string[] = [];
  const conceptCut: string[] = [];
  let ruleTypes = 0;
  let showedReference = false;
  let lastScreen = "";
  let checkedStep = -1;
  const deadline = Date.now() + 150_000;
  for (;;) {
    // The screen first, then the whole history: two captures, and the lesson may print between them
    // (before its first question, while starting). Taken in this order, a question seen waiting on the
    // screen is in the history too, with everything printed before it (it waits for its answer).
    const visible = s.visible();
    const all = s.screen();
    if (/\[exit \d+\]/.test(all)) return { prompts, conceptCut };
    const prompt = pendingPrompt(visible);
    if (prompt !== undefined && visible !== lastScreen) {
      lastScreen = visible;
      prompts.push(prompt);
      // The first question of each step: its title bar (" Step n/9 ") is still on screen, so the
      // concept under it is too. (A question asked again after the reference or a hint may not.)
      const steps = (all.match(/(Step|ステップ) \d+\/\d+ /g) ?? []).length;
      if ((prompt.startsWith(text.runAsk) || prompt.startsWith(text.howToDo)) && steps !== checkedStep) {
        checkedStep = steps;
        if (!/(Step|ステップ) \d+\/\d+ /.test(visible)) conceptCut.push(prompt + "\n" + all.slice(-4000));
      }
      if (run.mode === "hands-on" && prompt.startsWith(text.serviceName)) {
        const name = /com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]+/.exec(all)?.[0] ?? "";
        s.type(name);
        s.keys("Enter");
      } else if (run.mode === "hands-on" && prompt.startsWith(text.ruleType)) {
        ruleTypes += 1;
        s.keys(...(ruleTypes === 1 ? ["Down", "Enter"] : ["Enter"])); // first HTTPS (wrong), then HTTP
      } else if (!showedReference && prompt.startsWith(text.runAsk) && text.show.test(visible)) {
        showedReference = true; // unfold the console / CLI reference once (answer 2)
        s.keys("2");
      } else s.keys("Enter");
    }
    if (Date.now() > deadline) throw new Error(`timed out; prompts: ${prompts.join(" | ")}\n${visible}`);
    await new Promise((r) => setTimeout(r, 80));
  }
}

// Every language, at every size, in every mode.
const RUNS: Run[] = (["ja", "en"] as const).flatMap((lang) =>
  ([[80, 24], [120, 40]] as const).flatMap(([cols, rows]) => (["guided", "hands-on"] as const).map((mode) => ({ lang, cols, rows, mode }))),
);

describe("the whole lesson fits the terminal", () => {
  it.each(RUNS)("$lang, $cols×$rows, $mode", async (run) => {
    const me = freshLearner({ LANG: run.lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" });
    const s = new TmuxSession(me, ["--sandbox", "--sandbox-speed", "instant", "--prefix", "scr", "--mode", run.mode], { cols: run.cols, rows: run.rows });
    sessions.push(s);
    const { prompts, conceptCut } = await playLesson(s, run);
    const screen = s.screen();
    expect(screen, screen.slice(-3000)).toContain("[exit 0]");
    expect(prompts.length).toBeGreaterThan(10);
    const tooWide = linesTooWide(screen, run.cols);
    expect(tooWide, `lines wider than ${run.cols} columns`).toEqual([]);
    expect(conceptCut, "asked to run a step after its concept scrolled away").toEqual([]);
    // LANG names the language and --sandbox needs no Region: neither is asked.
    expect(prompts.filter((p) => /Language|言語|Region|リージョン$/.test(p))).toEqual([]);
    expect(screen.split("\n").filter((l) => /^\$ /.test(l)), "a line that looks like a shell prompt").toEqual([]);
    if (run.lang === "ja") expect(screen).not.toMatch(/navigate|• ⏎ select|\(Y\/n\)/); // inquirer's words, translated
    expect(screen.match(placeholderPattern(run.lang))?.[0], "an unfilled value on screen").toBeUndefined();
    expect(untaughtQuestions(screen, run.lang), "quiz questions asked before their note was shown").toEqual([]);
  }, 180_000);
});
