/**
 * The hands-on menu on an 80×24 terminal, as a learner meets it in the sandbox: each choice keeps
 * its digit on every step and after "show" (a learner who pressed the digit they learned on step 1
 * gets what it said there), and the line that points a second terminal at the sandbox is on screen
 * at the first hands-on question and under the commands "show" prints.
 */
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner } from "../helpers/cli-process.js";
import { menuUnder, nextQuestion, TmuxSession } from "../helpers/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const HOW = { en: "How do you want to do this step?", ja: "このステップをどう進めますか？" };
const SHOW = { en: /Firstshowhow/, ja: /手順を見る/ };
const GUIDED = { en: /Letthetool/, ja: /ツールに任せる/ };
const ENV_LINE = /eval "\$\(npx privatelink-lab sandbox env\)"/;

describe("hands-on menu in the sandbox, 80×24", () => {
  it.each(["en", "ja"] as const)("%s: one digit per choice on every step; the sandbox env line when it is needed", async (lang) => {
    const me = freshLearner({ LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" });
    const s = new TmuxSession(me, ["--sandbox", "--sandbox-speed", "instant", "--prefix", "menu", "--mode", "hands-on"], { cols: 80, rows: 24 });
    sessions.push(s);
    const menus: { step: number; shown: boolean; items: Map<string, number> }[] = [];
    const envAt: string[] = [];
    let last = "";
    let showed = false;
    const deadline = Date.now() + 120_000;
    while (menus.filter((m) => !m.shown).length < 3) {
      const { visible, prompt } = await nextQuestion(s, last, deadline);
      last = visible;
      if (!prompt.includes(HOW[lang])) {
        s.keys("Enter");
        continue;
      }
      const step = (s.screen().match(/(Step|ステップ) \d+\/\d+ /g) ?? []).length;
      const items = menuUnder(visible, HOW[lang]);
      const after = menus.some((m) => m.step === step);
      menus.push({ step, shown: after, items });
      if (ENV_LINE.test(visible)) envAt.push(after ? "after show" : `step ${step}`);
      const digitOf = (re: RegExp) => String([...items].find(([label]) => re.test(label))?.[1]);
      if (!showed) {
        showed = true;
        s.keys(digitOf(SHOW[lang])); // unfold the console / CLI reference once
      } else s.keys(digitOf(GUIDED[lang]));
    }
    // One digit per choice, whatever the step and whether "show" is still offered.
    const seen = new Map<string, Set<number>>();
    for (const m of menus) for (const [label, n] of m.items) (seen.get(label) ?? seen.set(label, new Set()).get(label)!).add(n);
    const moved = [...seen].filter(([, ns]) => ns.size > 1).map(([label, ns]) => `${label}: ${[...ns].join(", ")}`);
    expect(moved, menus.map((m) => [...m.items].map(([l, n]) => `${n} ${l}`).join(" · ")).join("\n")).toEqual([]);
    expect(menus.some((m) => m.items.size === 4), "a step with a form was reached").toBe(true);
    // The line for the second terminal: at the first hands-on question, and under the commands "show" prints.
    expect(envAt.slice(0, 2)).toEqual([`step ${menus[0]!.step}`, "after show"]);
    // Not on every screen: later questions go without it.
    expect(envAt.length).toBe(2);
  }, 150_000);
});
