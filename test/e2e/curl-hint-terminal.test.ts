/**
 * The curl step's hint 2, and its notes that name the endpoint (`nlb-dns` after curling the NLB's
 * own name from the form, `regional-zonal` after the endpoint's name worked), in a real terminal
 * (tmux) at 80×24 and 120×40, in both languages: the endpoint's DNS name stands alone on its line,
 * after a sentence that ends with a colon — at 120 columns within the width, at 80 as one line the
 * terminal folds (capture-pane -J joins it back), so it copies whole — and no other line is wider
 * than the terminal, measured by display width.
 */
import { afterAll, describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";
import { linesTooWide, TmuxSession } from "../helpers/tmux.js";
import { displayWidth } from "../../src/ui/text-width.js";

const PREFIX = ["--sandbox", "--sandbox-speed", "instant", "--prefix", "hint"];
const me = freshLearner();
const sessions: TmuxSession[] = [];
afterAll(() => {
  for (const s of sessions.splice(0)) s.close();
});

describe("curl hint 2 on a terminal", () => {
  it("is built up to the step before curl", () => {
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept"]) {
      const r = runCli(me, ["step", id, ...PREFIX, "--mode", "guided", "-y"]);
      expect(r.status, `${id}: ${r.stderr}`).toBe(0);
    }
  }, 120_000);

  for (const lang of ["en", "ja"] as const) {
    for (const [cols, rows] of [[80, 24], [120, 40]] as const) {
      it(`${lang}, ${cols}×${rows}: the DNS name alone on its line, nothing wider than the terminal`, async () => {
        const learner = { ...me, env: { ...me.env, LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" } };
        const s = new TmuxSession(learner, ["step", "curl", ...PREFIX, "--mode", "hands-on"], { cols, rows });
        sessions.push(s);
        // (Closed before the next size or language: the running lesson holds the participant's lock.)
        try {
          await readHint(s, lang, cols);
        } finally {
          s.close();
        }
      }, 90_000);
    }
  }
});

async function readHint(s: TmuxSession, lang: "en" | "ja", cols: number): Promise<void> {
  const how = lang === "ja" ? /このステップをどう進めますか？\n/ : /How do you want to do this step\?\n/;
  // First the lines for a second terminal, and a question to go on.
  await s.waitFor(/eval "\$\(npx privatelink-lab sandbox env\)"[\s\S]*\n\? /, 30_000);
  s.keys("Enter");
  // "1": verify, twice — nothing was done, so hint 1, then hint 2.
  await s.waitFor(how, 30_000);
  s.keys("1");
  await s.waitFor(lang === "ja" ? /ヒント 1\/3[\s\S]*\n\? / : /Hint 1\/3[\s\S]*\n\? /, 30_000);
  s.keys("1");
  const screen = await s.waitFor(lang === "ja" ? /ヒント 2\/3[\s\S]*\n\? / : /Hint 2\/3[\s\S]*\n\? /, 30_000);
  const hint = screen.slice(screen.lastIndexOf(lang === "ja" ? "ヒント 2/3" : "Hint 2/3"));
  const lines = hint.split("\n");
  const names = lines.filter((l) => /^vpce-\S+\.vpce\.amazonaws\.com$/.test(l.trim()));
  expect(names, hint).toHaveLength(1);
  expect(lines.filter((l) => l.includes("vpce-svc-")), hint).toEqual(names);
  if (cols >= 100) expect(displayWidth(names[0]!)).toBeLessThanOrEqual(cols);
  expect(linesTooWide(hint, cols)).toEqual([]);
}

const SIZES = [[80, 24], [120, 40]] as const;
/** A learner of their own per language and size: the form's curl through the endpoint finishes the step once. */
const noteLearners = new Map(["en", "ja"].flatMap((lang) => SIZES.map(([cols]) => [`${lang}${cols}`, freshLearner()] as const)));
const NOTES = {
  // (Patterns: the note's first words, not the form's item that names the NLB's own name too.)
  en: { nlb: "You tried the NLB's own DNS name", zonal: "An endpoint has two kinds of DNS name", zonalEnd: "point to the same IP." },
  ja: { nlb: "NLB 自身の DNS 名[（に]", zonal: "エンドポイントには 2 種類の DNS 名があります", zonalEnd: "を指します。" },
};

describe("the curl step's notes on a terminal", () => {
  it("is built up to the step before curl, for each language and size", () => {
    for (const learner of noteLearners.values()) {
      for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept"]) {
        const r = runCli(learner, ["step", id, ...PREFIX, "--mode", "guided", "-y"]);
        expect(r.status, `${id}: ${r.stderr}`).toBe(0);
      }
    }
  }, 300_000);

  for (const lang of ["en", "ja"] as const) {
    for (const [cols, rows] of SIZES) {
      it(`${lang}, ${cols}×${rows}: nlb-dns, then regional-zonal, each name alone on its line after a colon`, async () => {
        const learner = noteLearners.get(`${lang}${cols}`)!;
        const s = new TmuxSession({ ...learner, env: { ...learner.env, LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" } }, ["step", "curl", ...PREFIX, "--mode", "hands-on"], { cols, rows });
        sessions.push(s);
        try {
          const how = lang === "ja" ? /このステップをどう進めますか？/ : /How do you want to do this step\?/;
          const which = lang === "ja" ? /どの DNS 名に curl しますか/ : /Which DNS name do you curl/;
          await s.waitFor(/eval "\$\(npx privatelink-lab sandbox env\)"[\s\S]*\n\? /, 30_000);
          s.keys("Enter");
          await s.waitFor(how, 30_000);
          // The form (4), the NLB's own name (third in the list): refused, and the note says why.
          s.keys("4");
          await s.waitFor(which, 30_000);
          s.keys("Down", "Down", "Enter");
          const nlb = await s.waitFor(new RegExp(`${NOTES[lang].nlb}[\\s\\S]*vpce-svc-[\\s\\S]*\\n\\? `), 60_000);
          checkNote(nlb.slice([...nlb.matchAll(new RegExp(NOTES[lang].nlb, "g"))].at(-1)!.index), 1, cols);
          // Back at the question: the form again, the regional name (the default): it works, and the note names both.
          await s.waitFor(new RegExp(`(${how.source})[\\s\\S]*\\1`), 30_000);
          s.keys("4");
          await s.waitFor(new RegExp(`(${which.source})[\\s\\S]*\\1`), 30_000);
          s.keys("Enter");
          const ok = await s.waitFor(new RegExp(`${NOTES[lang].zonal}[\\s\\S]*${NOTES[lang].zonalEnd}`), 60_000);
          const note = ok.slice(ok.lastIndexOf(NOTES[lang].zonal));
          checkNote(note.slice(0, note.indexOf(NOTES[lang].zonalEnd)), 2, cols);
        } finally {
          s.close();
        }
      }, 120_000);
    }
  }
});

/** The endpoint's names in a note: `count` of them, each whole and alone on its line after a line ending with a colon; nothing wider than the terminal. */
function checkNote(note: string, count: number, cols: number): void {
  const lines = note.split("\n");
  const at = lines.flatMap((l, i) => (l.includes("vpce-svc-") ? [i] : [])).slice(0, count);
  expect(at, note).toHaveLength(count);
  for (const i of at) {
    expect(lines[i]!.trim(), note).toMatch(/^`?vpce-\S+\.vpce\.amazonaws\.com`?$/);
    expect(lines[i - 1]!.trimEnd(), note).toMatch(/[:：]$/);
    if (cols >= 100) expect(displayWidth(lines[i]!)).toBeLessThanOrEqual(cols);
  }
  expect(linesTooWide(lines.slice(0, at.at(-1)! + 1).join("\n"), cols)).toEqual([]);
}
