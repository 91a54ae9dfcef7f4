/**
 * Where a line may break. English breaks at spaces. Japanese breaks between phrases (文節), found by BudouX (a small
 * phrase model, loaded only for Japanese), never inside a word BudouX cuts (WHOLE_WORDS), and never before closing
 * punctuation such as 。、） or after （「 (kinsoku). In both languages a number stays with the word it counts (1 つ, 5 minutes).
 */
import type { Lang } from "../i18n/lang.js";
import { isWide } from "./text-width.js";

/** Splits text into phrases; concatenated, the phrases give the text back. */
export type Phrases = (text: string) => string[];

/** The phrase splitter a language needs (undefined: spaces are enough). */
export async function loadPhrases(lang: Lang): Promise<Phrases | undefined> {
  if (lang !== "ja") return undefined;
  const { Parser, jaModel } = await import("budoux");
  const parser = new Parser(jaModel);
  return (text) => parser.parse(text);
}

/** No line may start with these (closing brackets, 。、, small kana, the long-vowel mark). */
const NO_START = new Set([..."、。，．,.)）」』】〕〉》］｝ー―…‥・·：；:;！？!?ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜%％"]);
/** Whether a line may start with this character (not closing punctuation: kinsoku). */
export function mayStartLine(ch: string | undefined): boolean {
  return ch === undefined || !NO_START.has(ch);
}

/** No line may end with these (opening brackets). */
const NO_END = new Set([..."(（「『【〔〈《［｛"]);
/** Whether a line may end with this character (not an opening bracket: kinsoku). */
export function mayEndLine(ch: string | undefined): boolean {
  return ch === undefined || !NO_END.has(ch);
}

/** A narrow letter, digit or id character: no break between two of them. (Kana and kanji are letters too, and break between phrases.) */
const LATIN = /[\p{L}\p{N}_\-./:=@'"`]/u;
const latin = (ch: string) => LATIN.test(ch) && !isWide(ch);
/** Katakana and the long-vowel mark: a run of them is one word (a loanword), never broken inside. */
const KATAKANA = /^[\u30A1-\u30FA\u30FC]$/;
/** Words BudouX cuts though a reader reads each as one (使えませんで|した, 読み|書き): never broken inside. */
const WHOLE_WORDS = /ませんでした|読み書き/g;
/** A number on its own (not the tail of an id) and the word or counter after it, with or without a space: "1 つ", "2個", "5 minutes". */
const NUMBER_WORD = /(?<![\p{L}\p{N}_\-./:=@'"`])[0-9０-９]+(?:[.,][0-9]+)*( ?)(?=\p{L})/gu;

/** Positions between a number and the word it counts (1|つ, 3 |ステップ): a line never breaks there. */
function numberGlue(text: string): Set<number> {
  const glued = new Set<number>();
  for (const m of text.matchAll(NUMBER_WORD)) {
    const end = m.index + m[0].length;
    glued.add(end);
    if (m[1]) glued.add(end - 1);
  }
  return glued;
}

/** Positions strictly inside a word of WHOLE_WORDS. */
function insideWholeWords(text: string): Set<number> {
  const inside = new Set<number>();
  for (const m of text.matchAll(WHOLE_WORDS)) for (let i = m.index + 1; i < m.index + m[0].length; i++) inside.add(i);
  return inside;
}

const hasWide = (text: string): boolean => [...text].some(isWide);

/** Positions i (0 < i < text.length, UTF-16 indices) where a line may break before text[i]; text without colours. */
export function breakOpportunities(text: string, phrases?: Phrases): Set<number> {
  const glued = numberGlue(text);
  const out = allBreaks(text, phrases);
  for (const i of glued) out.delete(i);
  return out;
}

/** Where a line may break, before a number is kept with its word. */
function allBreaks(text: string, phrases?: Phrases): Set<number> {
  const out = new Set<number>();
  const spaces: number[] = [];
  // (Not before a mark no line starts with: "a · b" breaks after the dot, not before it.)
  for (let i = 1; i < text.length; i++) if (text[i - 1] === " " && text[i] !== " " && !(text[i]! > "~" && NO_START.has(text[i]!))) spaces.push(i);
  if (!hasWide(text)) return new Set(spaces);
  const candidates = new Set<number>();
  if (phrases) {
    let at = 0;
    for (const p of phrases(text)) {
      at += p.length;
      if (at > 0 && at < text.length) candidates.add(at);
    }
    // After the ・ between a list's items ("bash・zsh・fish・powershell", one phrase for BudouX), as after a comma.
    for (let i = 1; i < text.length; i++) if (text[i - 1] === "・") candidates.add(i);
    // A space before Japanese ("1 つ", "ID が") breaks only where a phrase ends: no particle or counter starts a line.
    // (After the " · " between parts, as after a comma.)
    for (const i of spaces) if (!isWide(text[i]) || candidates.has(i) || candidates.has(i - 1) || text[i - 2] === "·") out.add(i);
  } else {
    for (const i of spaces) out.add(i);
    // Without a phrase model: between any two characters where one is wide.
    for (let i = 1; i < text.length; i++) if (isWide(text[i - 1]) || isWide(text[i])) candidates.add(i);
  }
  const whole = insideWholeWords(text);
  for (const i of candidates) {
    if (whole.has(i)) continue; // inside a word BudouX cuts
    const before = text[i - 1] ?? "";
    const after = text[i] ?? "";
    if (latin(before) && latin(after)) continue; // inside a word or an id
    if (KATAKANA.test(before) && KATAKANA.test(after)) continue; // inside a loanword (BudouX cuts ハンズ|オン)
    if (NO_START.has(after) || NO_END.has(before)) continue;
    if (/[\uD800-\uDBFF]/.test(before)) continue; // never inside a surrogate pair
    out.add(i);
  }
  return out;
}

/** CJK punctuation and brackets: no space is needed next to them. */
const CJK_PUNCT = /[、。，．「」『』（）【】〔〕〈〉《》［］｛｝！？：；・…ー〜]/;

/** How a line break inside a Markdown paragraph reads: a space in English, nothing in Japanese ("。\nなお" → "。なお"). */
export function softBreakJoiner(before: string | undefined, after: string | undefined): string {
  if (before === undefined || after === undefined) return " ";
  return (isWide(before) && isWide(after)) || CJK_PUNCT.test(before) || CJK_PUNCT.test(after) ? "" : " ";
}
