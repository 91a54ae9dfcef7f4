/**
 * The content check (rustlings' `dev check`): every step of every lesson has both languages,
 * a title, concept, console path, CLI, at least two hints and a "done" text; notes and quiz
 * match across languages; placeholders are ones the engine fills; every UI string the engine
 * uses exists in every language.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifest, loadQuiz, loadStep, stepFileExists } from "../../src/content/lesson-content.js";
import { LANGS } from "../../src/i18n/lang.js";
import { loadMessages } from "../../src/i18n/messages.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { packageRoot } from "../../src/paths.js";

const root = packageRoot();
const lessons = readdirSync(join(root, "lessons"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "i18n")
  .map((d) => d.name);

const PLACEHOLDERS = new Set([
  "region", "prefix", "accountId", "az", "consumerStack", "providerStack", "consumerVpcId", "consumerSubnetId",
  "consumerInstanceId", "consumerInstanceIp", "consumerSgId", "providerVpcId", "providerSubnetId", "providerInstanceId",
  "nlbArn", "nlbName", "targetGroupArn", "serviceId", "serviceName", "endpointId", "endpointSgId", "dnsRegional",
  "dnsZonal", "costPerHour", "consumerTemplate", "providerTemplate",
]);

/** Note keys the engine's steps ask for (hands-on consequences and detections). */
function noteKeysUsedByCode(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const dir = join(root, "src", "lesson", "steps");
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), "utf8");
    const step = file.replace(/-form\.ts$|\.ts$/, "");
    const keys = [
      ...[...text.matchAll(/notes\.push\("([a-z-]+)"\)|note: "([a-z-]+)"/g)].map((m) => (m[1] ?? m[2])!),
      ...[...text.matchAll(/return (\["[^\]]*\])/g)].flatMap((m) => [...m[1]!.matchAll(/"([a-z-]+)"/g)].map((x) => x[1]!)),
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
      const all = [c.concept, c.console, c.cli, c.done, ...c.hints, ...Object.values(c.notes), ...Object.values(c.doneVariants)].join("\n");
      for (const m of all.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) expect(PLACEHOLDERS.has(m[1]!), `${id}/${lang} placeholder ${m[1]}`).toBe(true);
      return { notes: Object.keys(c.notes).sort(), doneVariants: Object.keys(c.doneVariants).sort(), hints: c.hints.length };
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
});

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
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(ja![key]!), key).toEqual(vars(en![key]!));
    }
  });
});
