/**
 * The content check (rustlings' `dev check`): every step of every lesson has both languages,
 * a title, concept, console path, CLI, at least two hints and a "done" text; notes and quiz
 * match across languages; placeholders are ones the engine fills, and are filled on every path
 * (with and without a progress file); the quiz asks only what the lesson teaches first; each
 * abbreviation is spelled out where it first appears; Japanese follows lessons/JA-CHECKLIST.md;
 * every UI string the engine uses exists in every language.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadManifest, loadQuiz, loadStep, stepFileExists, unfilledPlaceholders } from "../../src/content/lesson-content.js";
import { LANGS } from "../../src/i18n/lang.js";
import { loadMessages, placeholderNames } from "../../src/i18n/messages.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { PLACEHOLDER_NAMES } from "../../src/lesson/vars.js";
import { packageRoot } from "../../src/paths.js";
import { jaRules } from "../helpers/ja-rules.js";
import { allTexts, loadGlossary, prose, stepTextsInOrder } from "../helpers/lesson-texts.js";
import { LESSON_PATHS } from "../helpers/lesson-paths.js";
import { valuesAlong, type StepValues } from "../helpers/path-vars.js";

const root = packageRoot();
const lessons = readdirSync(join(root, "lessons"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "i18n")
  .map((d) => d.name);

const PLACEHOLDERS = new Set<string>(PLACEHOLDER_NAMES);

/** Note keys the engine's steps ask for (hands-on consequences and detections). */
function noteKeysUsedByCode(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const dir = join(root, "src", "lesson", "steps");
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), "utf8");
    const step = file.replace(/-form\.ts$|\.ts$/, "");
    const keys = [
      ...[...text.matchAll(/notes\.push\("([a-z-]+)"\)|note: "([a-z-]+)"/g)].map((m) => (m[1] ?? m[2])!),
      ...[...text.matchAll(/(?:return|teaches:) (\["[^\]]*\])/g)].flatMap((m) => [...m[1]!.matchAll(/"([a-z-]+)"/g)].map((x) => x[1]!)),
    ];
    if (keys.length) used.set(step === "accept" ? "accept" : step, keys);
  }
  return used;
}

describe.each(lessons)("lesson %s", (lesson) => {
  const manifest = loadManifest(lesson);

  it("declares both languages and only steps the engine has", () => {
    expect(manifest.languages.sort()).toEqual([...LANGS].sort());
    expect(manifest.steps.map((s) => s.id)).toEqual(STEPS.map((s) => s.id));
  });

  it.each(manifest.steps.map((s) => s.id))("step %s is complete in every language", (id) => {
    const shapes = LANGS.map((lang) => {
      expect(stepFileExists(lesson, id, lang), `${id}/${lang}.md`).toBe(true);
      const c = loadStep(lesson, id, lang);
      expect(c.title, `${id}/${lang} title`).not.toBe(id);
      for (const section of ["concept", "console", "cli", "done"] as const) expect(c[section].trim(), `${id}/${lang} ${section}`).not.toBe("");
      expect(c.hints.length, `${id}/${lang} hints`).toBeGreaterThanOrEqual(2);
      for (const h of c.hints) expect(h.trim()).not.toBe("");
      const all = [c.concept, c.console, c.cli, c.done, ...c.hints, ...Object.values(c.notes), ...Object.values(c.doneVariants), ...Object.values(c.conceptVariants), ...Object.values(c.consoleVariants), ...Object.values(c.cliVariants)].join("\n");
      for (const m of all.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) expect(PLACEHOLDERS.has(m[1]!), `${id}/${lang} placeholder ${m[1]}`).toBe(true);
      for (const key of c.teaches) expect(c.notes[key], `${id}/${lang} teaches ${key}`).toBeTruthy();
      return { notes: Object.keys(c.notes).sort(), doneVariants: Object.keys(c.doneVariants).sort(), conceptVariants: Object.keys(c.conceptVariants).sort(), consoleVariants: Object.keys(c.consoleVariants).sort(), cliVariants: Object.keys(c.cliVariants).sort(), hints: c.hints.length, teaches: c.teaches };
    });
    expect(shapes[0]).toEqual(shapes[1]);
  });

  it("has every note the engine asks for, in every language", () => {
    for (const [step, keys] of noteKeysUsedByCode()) {
      if (!manifest.steps.some((s) => s.id === step)) continue;
      for (const lang of LANGS) {
        const notes = loadStep(lesson, step, lang).notes;
        for (const key of keys) expect(notes[key], `${step}/${lang} note ${key}`).toBeTruthy();
      }
    }
  });

  it("has a quiz of at least five questions that agrees across languages", () => {
    const [ja, en] = LANGS.map((lang) => loadQuiz(lesson, lang));
    expect(en!.length).toBeGreaterThanOrEqual(5);
    expect(ja!.map((q) => [q.id, q.answer, q.choices.length])).toEqual(en!.map((q) => [q.id, q.answer, q.choices.length]));
    for (const q of [...ja!, ...en!]) {
      expect(q.answer).toBeGreaterThanOrEqual(0);
      expect(q.answer).toBeLessThan(q.choices.length);
      expect(q.explanation.trim()).not.toBe("");
    }
  });

  it("asks only what the lesson teaches before the quiz, on every path that runs the step", () => {
    const order = manifest.steps.map((s) => s.id);
    const [ja, en] = LANGS.map((lang) => loadQuiz(lesson, lang));
    expect(ja!.map((q) => q.needs)).toEqual(en!.map((q) => q.needs));
    for (const q of en!) {
      expect(q.needs?.length ?? 0, `${q.id} names what teaches it`).toBeGreaterThan(0);
      for (const need of q.needs ?? []) {
        const [step, note] = need.split("/") as [string, string | undefined];
        expect(order.indexOf(step), `${q.id}: ${need} is a step`).toBeGreaterThanOrEqual(0);
        expect(order.indexOf(step), `${q.id}: ${need} comes before the quiz`).toBeLessThan(order.indexOf("review"));
        for (const lang of LANGS) if (note) expect(loadStep(lesson, step, lang).teaches, `${q.id}: ${need} is taught on every path (${lang})`).toContain(note);
      }
    }
  });

  it.each([...LANGS])("spells out each abbreviation where it first appears (%s)", (lang) => {
    const texts = stepTextsInOrder(lesson, lang);
    const terms = loadGlossary(lesson, lang).filter((g) => g.abbr && g.spelledOut);
    expect(terms.map((g) => g.abbr)).toEqual(expect.arrayContaining(["NLB", "ENI", "AZ"]));
    for (const g of terms) {
      const first = texts.find((t) => new RegExp(`\\b${g.abbr}\\b`).test(t.text));
      expect(first?.text, `${g.abbr} first appears in ${first?.where}, without "${g.spelledOut}"`).toContain(g.spelledOut);
    }
  });

  it("has one glossary with the same terms in every language", () => {
    const [ja, en] = LANGS.map((lang) => loadGlossary(lesson, lang).map((g) => [g.id, g.abbr ?? ""]));
    expect(ja).toEqual(en);
  });

  it("follows the Japanese reader's checklist (lessons/JA-CHECKLIST.md)", () => {
    const rules = jaRules(loadGlossary(lesson, "ja"));
    const problems = allTexts(lesson, "ja").flatMap((t) =>
      rules.filter((r) => !r.skip?.(t.where)).flatMap((r) => r.find(prose(t.text)).map((found) => `${t.where}: ${r.id}: ${found}`)),
    );
    expect(problems).toEqual([]);
  });
});

describe.each(lessons)("lesson %s: every text is filled on every path", (lesson) => {
  const runs: { path: string; values: StepValues[] }[] = [];
  beforeAll(async () => {
    for (const path of LESSON_PATHS) runs.push({ path: path.name, values: await valuesAlong(path) });
  }, 60_000);

  it.each([...LANGS])("in %s, with and without a progress file", (lang) => {
    const problems: string[] = [];
    const check = (where: string, text: string, varsList: Record<string, string | undefined>[]) => {
      varsList.forEach((vars, i) => {
        const left = unfilledPlaceholders(text, vars);
        if (left.length) problems.push(`${where}${i ? " (no progress file)" : ""}: <${left.join(">, <")}>`);
      });
    };
    const shownDone = new Set<string>();
    for (const { path, values } of runs) {
      for (const v of values) {
        const c = loadStep(lesson, v.step, lang);
        const at = `${path} · ${v.step}`;
        for (const [section, text] of [["title", c.title], ["concept", c.concept], ["console", c.console], ["cli", c.cli], ...c.hints.map((h, i) => [`hint ${i + 1}`, h])] as const) check(`${at}/${section}`, text, v.before);
        for (const [key, text] of Object.entries(c.notes)) check(`${at}/note:${key}`, text, v.after);
        for (const done of v.done) {
          check(`${at}/${done}`, c.doneVariants[done] ?? c.done, v.after);
          shownDone.add(`${v.step}/${done in c.doneVariants ? done : "done"}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Every done text is reached by some path, so none escapes this check.
    const all = manifest(lesson).steps.flatMap(({ id }) => ["done", ...Object.keys(loadStep(lesson, id, lang).doneVariants)].map((d) => `${id}/${d}`));
    expect(all.filter((d) => !shownDone.has(d))).toEqual([]);
  });
});

function manifest(lesson: string) {
  return loadManifest(lesson);
}

describe("UI strings", () => {
  const used = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "sandbox") walk(p);
      } else if (p.endsWith(".ts")) {
        const text = readFileSync(p, "utf8");
        for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z][\w.-]+)"|LabError\(\s*"([a-zA-Z][\w.-]+)"|(?:why|label): "([a-zA-Z][\w.-]+)"/g)) {
          used.add((m[1] ?? m[2] ?? m[3])!);
        }
      }
    }
  };
  walk(join(root, "src"));

  it.each([...LANGS])("every key the engine uses exists in %s", (lang) => {
    const table = loadMessages(lang);
    const missing = [...used].filter((k) => !(k in table));
    expect(missing).toEqual([]);
  });

  it("both languages have the same keys and placeholders", () => {
    const [ja, en] = LANGS.map((l) => loadMessages(l));
    expect(Object.keys(ja!).sort()).toEqual(Object.keys(en!).sort());
    for (const key of Object.keys(en!)) {
      const vars = (s: string) => [...new Set(placeholderNames(s))].sort(); // `{n:learner}` names n
      expect(vars(ja![key]!), key).toEqual(vars(en![key]!));
    }
  });
});
