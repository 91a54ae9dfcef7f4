/**
 * UI strings (everything the engine says that is not lesson content) live as data in
 * `lessons/i18n/<lang>.yml`: flat keys, `{name}` placeholders. Adding a language adds a file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { packageRoot } from "../paths.js";
import type { Lang } from "./lang.js";

export type Vars = Record<string, string | number>;
export type Translate = (key: string, vars?: Vars) => string;

const cache = new Map<Lang, Record<string, string>>();

function flatten(prefix: string, value: unknown, out: Record<string, string>): void {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  } else if (value !== undefined && value !== null) {
    out[prefix] = String(value);
  }
}

export function loadMessages(lang: Lang): Record<string, string> {
  let table = cache.get(lang);
  if (!table) {
    table = {};
    flatten("", parse(readFileSync(join(packageRoot(), "lessons", "i18n", `${lang}.yml`), "utf8")), table);
    cache.set(lang, table);
  }
  return table;
}

export function fill(text: string, vars: Vars = {}): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A translator for one language; an unknown key falls back to English, then to the key itself. */
export function translator(lang: Lang): Translate {
  const table = loadMessages(lang);
  return (key, vars) => {
    const text = table[key] ?? (lang === "en" ? undefined : loadMessages("en")[key]);
    return fill(text ?? key, vars);
  };
}
