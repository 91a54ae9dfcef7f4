/** UI strings live as data in `lessons/i18n/<lang>.yml`: flat keys, `{name}` placeholders. */
import { join } from "node:path";
import { createRequire } from "node:module";
import { packageRoot } from "../paths.js";
import type { Lang } from "./lang.js";
// (node:fs not by an ES import, which would load its lazy streams and promises: see ui/text-width.ts)
const { existsSync, readFileSync, statSync } = process.getBuiltinModule("node:fs");

export type Vars = Record<string, string | number>;
export type Translate = (key: string, vars?: Vars) => string;

const cache = new Map<Lang, Record<string, string>>();

/** The build writes each as flat JSON (dist/i18n/<lang>.json) so a start parses no YAML; in a checkout a JSON older than its YAML is ignored. */
export function loadMessages(lang: Lang): Record<string, string> {
  let table = cache.get(lang);
  if (!table) {
    const yml = join(packageRoot(), "lessons", "i18n", `${lang}.yml`);
    const json = join(packageRoot(), "dist", "i18n", `${lang}.json`);
    // An installed package (no src/, no YAML parser) trusts its JSON whatever the unpacked files' times.
    const installed = !existsSync(join(packageRoot(), "src"));
    if (existsSync(json) && (installed || statSync(json).mtimeMs >= statSync(yml).mtimeMs)) {
      table = JSON.parse(readFileSync(json, "utf8")) as Record<string, string>;
    } else {
      // The YAML parser is loaded only here, not on the built CLI's usual path.
      const { parse } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
      table = flattenMessages(parse(readFileSync(yml, "utf8")));
    }
    cache.set(lang, table);
  }
  return table;
}

export function flattenMessages(value: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenMessages(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined && value !== null) {
    out[prefix] = String(value);
  }
  return out;
}

/** A `{name}` given no value: a screen must never print a placeholder, so it is our bug (test/unit/unfilled-values.test.ts). */
export class UnfilledValue extends Error {
  constructor(readonly key: string, readonly names: string[]) {
    super(`unfilled ${names.map((n) => `{${n}}`).join(", ")} in "${key}"`);
    this.name = "UnfilledValue";
  }
}

const PLACEHOLDER = /\{(\w+)(?::([\w ]+))?\}/g;

/** Fills `{name}` (a missing value is refused); `{n:learner}` is a count with its noun, plural unless 1. */
export function fill(text: string, vars: Vars = {}, key = text): string {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (m, name: string, noun: string | undefined) => {
    const value = (vars as Record<string, string | number | undefined | null>)[name];
    if (value === undefined || value === null) {
      missing.push(name);
      return m;
    }
    return noun === undefined ? String(value) : `${value} ${noun}${Number(value) === 1 ? "" : "s"}`;
  });
  if (missing.length > 0) throw new UnfilledValue(key, missing);
  return out;
}

export function placeholderNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** A translator for one language; an unknown key falls back to English, then to the key itself. */
export function translator(lang: Lang): Translate {
  const table = loadMessages(lang);
  return (key, vars) => {
    const text = table[key] ?? (lang === "en" ? undefined : loadMessages("en")[key]);
    return fill(text ?? key, vars, key);
  };
}
