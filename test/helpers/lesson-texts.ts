/**
 * Every text a learner can read, in the order a first run shows it (per step: title, concept,
 * console, CLI, the notes it teaches, done; then hints, situational notes and done variants),
 * plus the quiz, the glossary and the UI strings. The content check reads lessons through this.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { lessonDir, loadManifest, loadQuiz, loadStep } from "../../src/content/lesson-content.js";
import type { Lang } from "../../src/i18n/lang.js";
import { loadMessages } from "../../src/i18n/messages.js";
import { loadChallenges, loadChallengeText } from "../../src/challenge/definitions.js";
import { loadDiagnoseText } from "../../src/diagnose/text.js";

export interface Text {
  where: string;
  text: string;
}

export interface GlossaryEntry {
  id: string;
  term: string;
  definition: string;
  abbr?: string;
  spelledOut?: string;
  avoid?: string[];
}

export function loadGlossary(lesson: string, lang: Lang): GlossaryEntry[] {
  return parse(readFileSync(join(lessonDir(lesson), "glossary", `${lang}.yml`), "utf8")) as GlossaryEntry[];
}

/** The step texts in the order a first, guided run shows them (then what only some paths show). */
export function stepTextsInOrder(lesson: string, lang: Lang): Text[] {
  const first: Text[] = [];
  const later: Text[] = [];
  for (const { id } of loadManifest(lesson).steps) {
    const c = loadStep(lesson, id, lang);
    first.push({ where: `${id}/title`, text: c.title }, { where: `${id}/concept`, text: c.concept }, { where: `${id}/console`, text: c.console }, { where: `${id}/cli`, text: c.cli });
    for (const key of c.teaches) first.push({ where: `${id}/note:${key}`, text: c.notes[key] ?? "" });
    first.push({ where: `${id}/done`, text: c.done });
    c.hints.forEach((h, i) => later.push({ where: `${id}/hint ${i + 1}`, text: h }));
    for (const [key, text] of Object.entries(c.notes)) if (!c.teaches.includes(key)) later.push({ where: `${id}/note:${key}`, text });
    for (const [key, text] of Object.entries(c.doneVariants)) later.push({ where: `${id}/done:${key}`, text });
    for (const [key, text] of Object.entries(c.conceptVariants)) later.push({ where: `${id}/concept:${key}`, text });
    for (const [key, text] of Object.entries(c.consoleVariants)) later.push({ where: `${id}/console:${key}`, text });
    for (const [key, text] of Object.entries(c.cliVariants)) later.push({ where: `${id}/cli:${key}`, text });
    for (const [key, hints] of Object.entries(c.hintVariants)) hints.forEach((h, i) => later.push({ where: `${id}/hints:${key} ${i + 1}`, text: h }));
    later.push({ where: `${id}/summary`, text: c.summary });
  }
  return [...first, ...later];
}

/** What `diagnose` says of each link and problem, and each challenge's texts. */
function diagnoseAndChallenges(lesson: string, lang: Lang): Text[] {
  const d = loadDiagnoseText(lesson, lang);
  const diagnose = Object.entries(d.links).flatMap(([id, l]) => [l.name, ...Object.values(l.problems).flatMap((p) => [p.what, p.why, p.console ?? "", p.cli ?? ""])].map((text) => ({ where: `diagnose/${id}`, text })));
  const challenges = loadChallenges(lesson).flatMap((c) => {
    const t = loadChallengeText(lesson, c.id, lang);
    return [t.title, t.summary, t.story, ...t.hints, t.explain].map((text) => ({ where: `challenges/${c.id}`, text }));
  });
  return [...diagnose, ...challenges];
}

/** Every text of the lesson and the UI in one language: steps, quiz, glossary, diagnose, challenges, UI strings. */
export function allTexts(lesson: string, lang: Lang): Text[] {
  const quiz = loadQuiz(lesson, lang).flatMap((q) => [q.question, ...q.choices, q.explanation].map((text) => ({ where: `quiz/${q.id}`, text })));
  const glossary = loadGlossary(lesson, lang).flatMap((g) => [g.term, g.definition].map((text) => ({ where: `glossary/${g.id}`, text })));
  const ui = Object.entries(loadMessages(lang)).map(([key, text]) => ({ where: `i18n/${key}`, text }));
  return [...stepTextsInOrder(lesson, lang), ...quiz, ...glossary, ...diagnoseAndChallenges(lesson, lang), ...ui];
}

/** Prose only: code blocks and `inline code` are commands and ids, not Japanese text. */
export function prose(text: string): string {
  return text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
}
