/**
 * Lesson content is data: `lessons/<lesson>/manifest.yml` lists the steps; `steps/<id>/<lang>.md` has front matter
 * (title, summary) and `## concept|console|cli|hints|done|note: <key>` sections; the quiz is `quiz/<lang>.yml`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Lang } from "../i18n/lang.js";
import { packageRoot } from "../paths.js";
import { parseYaml } from "./yaml-data.js";
import { UnfilledValue } from "../i18n/messages.js";

interface Manifest {
  id: string;
  title: Record<string, string>;
  languages: string[];
  /** `deletes`: the step takes things away (the cleanup), so its waits speak of deletions. */
  steps: { id: string; deletes?: boolean }[];
}

export interface StepContent {
  id: string;
  title: string;
  summary: string;
  concept: string;
  console: string;
  cli: string;
  hints: string[];
  done: string;
  /** `## done: <variant>`: what happened when the learner took another path (e.g. no acceptance). */
  doneVariants: Record<string, string>;
  /** `## concept: <variant>`: the concept as the cloud makes it true (e.g. a service without acceptance). */
  conceptVariants: Record<string, string>;
  /** `## console: <variant>` and `## cli: <variant>`: the way to do it as the cloud is now (e.g. a cleanup half done). */
  consoleVariants: Record<string, string>;
  cliVariants: Record<string, string>;
  /** `## hints: <variant>`: the hints as the cloud is now (nothing already being deleted is to be deleted again). */
  hintVariants: Record<string, string[]>;
  notes: Record<string, string>;
  /** Front matter `teaches:`: notes shown on every path once the step is done (guided and hands-on). */
  teaches: string[];
}

interface QuizQuestion {
  id: string;
  question: string;
  choices: string[];
  answer: number;
  explanation: string;
  /** What the learner's path must have shown for the question to be asked: `<step>` (its concept) or `<step>/<note>`. */
  needs?: string[];
}

export function lessonDir(lesson: string): string {
  return join(packageRoot(), "lessons", lesson);
}

/** A file of the lesson's content, e.g. `lessonText(lesson, "quiz", "en.yml")`. */
export function lessonText(lesson: string, ...path: string[]): string {
  return readFileSync(join(lessonDir(lesson), ...path), "utf8");
}

export function loadManifest(lesson: string): Manifest {
  return parseYaml(lessonText(lesson, "manifest.yml")) as Manifest;
}

/** Whether the manifest says this step deletes (`deletes: true`). */
export function stepDeletes(lesson: string, id: string): boolean {
  return loadManifest(lesson).steps.some((s) => s.id === id && s.deletes === true);
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n?/;

/** A step file's YAML front matter (undefined: none) and the Markdown after it. */
export function frontMatter(text: string): { yaml: string | undefined; body: string } {
  const normalized = text.replace(/\r\n/g, "\n");
  const fm = FRONT_MATTER.exec(normalized);
  return { yaml: fm ? (fm[1] ?? "") : undefined, body: fm ? normalized.slice(fm[0].length) : normalized };
}

/** Splits a step file into its front matter and keyword sections. */
export function parseStepMarkdown(id: string, text: string): StepContent {
  const { yaml, body } = frontMatter(text);
  const meta = (yaml !== undefined ? parseYaml(yaml) : {}) as { title?: string; summary?: string; teaches?: string[] };
  const sections: Record<string, string> = {};
  let current: string | undefined;
  const lines: string[] = [];
  const flush = () => {
    if (current !== undefined) sections[current] = lines.join("\n").trim();
    lines.length = 0;
  };
  let inFence = false;
  for (const line of body.split("\n")) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence ? /^##\s+(.+?)\s*$/.exec(line) : null;
    if (heading) {
      flush();
      current = heading[1]!.trim().toLowerCase();
    } else {
      lines.push(line);
    }
  }
  flush();
  const notes: Record<string, string> = {};
  const doneVariants: Record<string, string> = {};
  const conceptVariants: Record<string, string> = {};
  const consoleVariants: Record<string, string> = {};
  const cliVariants: Record<string, string> = {};
  const hintTexts: Record<string, string> = {};
  const kinds: Record<string, Record<string, string>> = { note: notes, done: doneVariants, concept: conceptVariants, console: consoleVariants, cli: cliVariants, hints: hintTexts };
  for (const [key, value] of Object.entries(sections)) {
    const m = /^(note|done|concept|console|cli|hints):\s*(.+)$/.exec(key);
    if (m) kinds[m[1]!]![m[2]!.trim()] = value;
  }
  return {
    id,
    title: meta.title ?? id,
    summary: meta.summary ?? "",
    concept: sections.concept ?? "",
    console: sections.console ?? "",
    cli: sections.cli ?? "",
    hints: parseList(sections.hints ?? ""),
    done: sections.done ?? "",
    doneVariants,
    conceptVariants,
    consoleVariants,
    cliVariants,
    hintVariants: Object.fromEntries(Object.entries(hintTexts).map(([k, v]) => [k, parseList(v)])),
    notes,
    teaches: meta.teaches ?? [],
  };
}

/** Top-level `- ` / `1. ` list items (continuation lines kept with their item). */
function parseList(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^(?:[-*]|\d+\.)\s+(.*)$/.exec(line);
    if (m) items.push(m[1]!);
    else if (items.length > 0 && line.trim()) items[items.length - 1] += "\n" + line.trim();
  }
  return items;
}

export function loadStep(lesson: string, stepId: string, lang: Lang): StepContent {
  return parseStepMarkdown(stepId, lessonText(lesson, "steps", stepId, `${lang}.md`));
}

export function stepFileExists(lesson: string, stepId: string, lang: string): boolean {
  return existsSync(join(lessonDir(lesson), "steps", stepId, `${lang}.md`));
}

export function loadQuiz(lesson: string, lang: Lang): QuizQuestion[] {
  return parseYaml(lessonText(lesson, "quiz", `${lang}.yml`)) as QuizQuestion[];
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

const CONSOLE_PASSAGE = /<console>([\s\S]*?)<\/console>/g;

/**
 * A passage between `<console>` and `</console>` gives the AWS console's way: kept (without the marks) where the
 * learner's console sees the account, left out where it cannot (the sandbox), so the text names only ways that work.
 */
export function consolePassages(text: string, consoleSeesAccount: boolean): string {
  return text.replace(CONSOLE_PASSAGE, (_m, passage: string) => (consoleSeesAccount ? passage : ""));
}

/** Fills `{{name}}`; a name without a value is refused (UnfilledValue): a screen must never show `{{name}}`. */
export function fillPlaceholders(text: string, vars: Record<string, string | undefined>, where = "lesson text"): string {
  const missing = unfilledPlaceholders(text, vars);
  if (missing.length > 0) throw new UnfilledValue(where, missing);
  return text.replace(PLACEHOLDER, (_m, name: string) => vars[name] ?? "");
}

/** Fills `{{name}}`, or undefined when a value is missing (for text that may be left out). */
export function fillIfKnown(text: string, vars: Record<string, string | undefined>): string | undefined {
  return unfilledPlaceholders(text, vars).length > 0 ? undefined : fillPlaceholders(text, vars);
}

/** The `{{names}}` a text needs that `vars` has no value for (a screen would show `<name>`). */
export function unfilledPlaceholders(text: string, vars: Record<string, string | undefined>): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => vars[name] === undefined);
}
