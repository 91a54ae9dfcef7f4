/**
 * The machine-checkable part of lessons/JA-CHECKLIST.md: what a Japanese reader must never meet.
 * Each rule takes prose (code already removed) and returns what it found.
 */
import type { GlossaryEntry } from "./lesson-texts.js";

/** Kana and kanji (not punctuation such as 、。・「」（）). */
const JA = "[\\u3041-\\u3096\\u30a1-\\u30fa\\u30fc\\u4e00-\\u9fff]";

export interface JaRule {
  id: string;
  /** Where a rule does not apply: keys whose layout another tool owns (commander's help). */
  skip?: (where: string) => boolean;
  find(text: string): string[];
}

const matches = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[0]);

export function jaRules(glossary: GlossaryEntry[]): JaRule[] {
  return [
    {
      id: "glossary term (use the console's word)",
      find: (text) => glossary.flatMap((g) => (g.avoid ?? []).flatMap((a) => matches(new RegExp(a, "g"), text).map((m) => `${m} → ${g.term}`))),
    },
    {
      id: "full-width parentheses around Japanese",
      find: (text) => matches(new RegExp(`\\([^()\\n]*${JA}[^()\\n]*\\)`, "g"), text),
    },
    {
      id: "full-width punctuation after Japanese (、。：？！)",
      skip: (where) => where.startsWith("i18n/help."),
      find: (text) => matches(new RegExp(`${JA}[,.:;!?](?=\\s|$)`, "gm"), text),
    },
    {
      // "{name}: 空いています", "（{code}）: {message}": a colon that ends a label before Japanese, or follows a full-width bracket.
      id: "full-width colon before Japanese or after a full-width bracket (：)",
      skip: (where) => where.startsWith("i18n/help."),
      find: (text) => matches(new RegExp(`[^\\s:]*:(?=[ \\t]*${JA})|[）」]:`, "g"), text),
    },
    {
      id: "a space between Japanese and half-width letters or digits (1 時間, VPC エンドポイント)",
      find: (text) => matches(new RegExp(`[A-Za-z0-9]${JA}|${JA}[A-Za-z0-9]`, "g"), text),
    },
    {
      id: "half-width letters and digits (no Ａ or １)",
      find: (text) => matches(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+/g, text),
    },
  ];
}
