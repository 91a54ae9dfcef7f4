/**
 * Lesson Markdown for the terminal: marked's tokens, wrapped by display width, Japanese at phrase boundaries.
 * Without colour (NO_COLOR), `code` keeps its backticks so ids and commands still stand out.
 */
import { Chalk, type ChalkInstance } from "chalk";
import type { Token, Tokens } from "marked";
import { softBreakJoiner, type Phrases } from "./line-breaks.js";
import { COMMAND, wrapCode, wrapProse } from "./code-wrap.js";
import { displayWidth, isWide } from "./text-width.js";
import { KEEP_CLOSE, KEEP_OPEN, withoutCodes } from "./wrap.js";

type Marked = typeof import("marked");
let marked: Marked | undefined;
/** marked, loaded on first render (its grammar builds many regular expressions as it loads); `require` keeps it bundled. */
const lexer = (): Marked["Lexer"] => (marked ??= require("marked") as Marked).Lexer;

interface MarkdownOptions {
  color?: boolean;
  phrases?: Phrases | undefined;
  /** How the learner's shell continues a command on the next line (default bash's ` \`). */
  continuation?: string;
  /** Words that stand in brackets for a command set on lines of its own (code-wrap.ts). */
  below?: string | undefined;
}

interface Ctx {
  c: ChalkInstance;
  color: boolean;
  width: number;
  phrases?: Phrases | undefined;
  continuation: string;
  below?: string | undefined;
}

/** Marks a hard line break (`  \n`) until soft breaks are joined. */
const HARD_BREAK = "\u2028";

function inline(tokens: Token[] | undefined, x: Ctx): string {
  return tightEmphasis(tokens ?? []).map((t) => inlineToken(t, x)).join("");
}

const EMPHASIS = new Set(["strong", "em"]);
const edge = (text: string, end: boolean) => (end ? [...text].at(-1) : [...text][0]) ?? "";

/**
 * Japanese needs a space around `**` where CommonMark would not see emphasis (`まずは **提供する側** から`); on
 * screen that space between Japanese words is a gap print lacks, so it goes; beside Latin (`EC2 **curl**`) it stays.
 */
function tightEmphasis(tokens: Token[]): Token[] {
  const out = tokens.map((t) => ({ ...t }) as Token);
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    if (t.type !== "text" || (t as Tokens.Text).tokens?.length) continue;
    const text = t as Tokens.Text;
    const prev = out[i - 1];
    const next = out[i + 1];
    if (prev && EMPHASIS.has(prev.type) && / [^ ]/.test(text.text.slice(0, 2)) && isWide(edge((prev as Tokens.Strong).text, true)) && isWide(text.text[1]!))
      text.text = text.text.slice(1);
    if (next && EMPHASIS.has(next.type) && /[^ ] $/.test(text.text.slice(-2)) && isWide(edge((next as Tokens.Strong).text, false)) && isWide(edge(text.text.slice(0, -1), true)))
      text.text = text.text.slice(0, -1);
  }
  return out;
}

function inlineToken(t: Token, x: Ctx): string {
  switch (t.type) {
    case "strong":
      return x.c.bold(inline((t as Tokens.Strong).tokens, x));
    case "em":
      return x.c.italic(inline((t as Tokens.Em).tokens, x));
    case "del":
      return x.c.strikethrough(inline((t as Tokens.Del).tokens, x));
    case "codespan": {
      const text = decode((t as Tokens.Codespan).text);
      // Kept whole by wrap (a command or a name must paste as it is); without colour the backticks say it.
      return x.color ? KEEP_OPEN + x.c.yellow(text) + KEEP_CLOSE : "`" + text + "`";
    }
    case "link": {
      const link = t as Tokens.Link;
      const label = inline(link.tokens, x);
      return link.href && link.href !== link.text ? `${label} ${x.c.blue.underline(`(${link.href})`)}` : x.c.blue.underline(label);
    }
    case "br":
      return HARD_BREAK;
    case "text": {
      const text = t as Tokens.Text;
      return text.tokens && text.tokens.length > 0 ? inline(text.tokens, x) : decode(text.text);
    }
    case "escape":
      return decode((t as Tokens.Escape).text);
    default:
      return "raw" in t ? decode(String(t.raw)) : "";
  }
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? _m);
}

/** Source line breaks inside a paragraph, joined as the language reads (see softBreakJoiner). */
function joinSoftBreaks(text: string): string {
  return text
    .replace(/[ \t]*\n[ \t]*/g, (m, offset: number, all: string) => {
      const before = withoutCodes(all.slice(0, offset));
      const after = withoutCodes(all.slice(offset + m.length));
      return softBreakJoiner([...before].at(-1), [...after][0]);
    })
    .replaceAll(HARD_BREAK, "\n");
}

function paragraph(tokens: Token[] | undefined, x: Ctx, first = "", rest = first): string {
  // A command longer than a line goes on lines of its own, continued as the shell continues lines (wrapProse): it pastes as one command.
  const tooWide = (t: Token) => t.type === "codespan" && COMMAND.test(decode(t.text)) && displayWidth(rest + decode(t.text)) > x.width;
  const all = (tokens ?? []).map((t) => (tooWide(t) ? ({ type: "text", raw: t.raw, text: "`" + (t as Tokens.Codespan).text + "`" } as Tokens.Text) : t));
  return wrapProse(joinSoftBreaks(inline(all, x)), x.width, { first, rest, phrases: x.phrases, cont: x.continuation, paint: (l) => x.c.yellow(l), below: x.below });
}

function list(token: Tokens.List, x: Ctx, indent: string): string {
  const start = typeof token.start === "number" ? token.start : 1;
  const markers = token.items.map((_item, i) => (token.ordered ? `${start + i}.` : "•"));
  const markerWidth = Math.max(...markers.map(displayWidth));
  return token.items
    .map((item, i) => {
      const marker = markers[i]!;
      const first = indent + x.c.dim(marker) + " ".repeat(markerWidth - displayWidth(marker) + 1);
      const rest = indent + " ".repeat(markerWidth + 1);
      const parts: string[] = [];
      for (const [n, child] of item.tokens.entries()) {
        const lead = n === 0 ? first : rest;
        if (child.type === "text" || child.type === "paragraph") parts.push(paragraph((child as Tokens.Text).tokens ?? [child], x, lead, rest));
        else if (child.type === "space") continue;
        else parts.push(block(child, x, rest));
      }
      return parts.join(item.loose ? "\n\n" : "\n");
    })
    .join(token.loose ? "\n\n" : "\n");
}

function block(t: Token, x: Ctx, indent = ""): string {
  switch (t.type) {
    case "heading": {
      const h = t as Tokens.Heading;
      const text = paragraph(h.tokens, x, indent);
      return h.depth <= 2 ? x.c.bold.underline(text) : x.c.bold(text);
    }
    case "paragraph":
      return paragraph((t as Tokens.Paragraph).tokens, x, indent);
    case "text":
      return paragraph((t as Tokens.Text).tokens ?? [t], x, indent);
    case "list":
      return list(t as Tokens.List, x, indent + "  ");
    case "code": {
      const code = t as Tokens.Code;
      return wrapCode(code.text, code.lang ?? "", x.width, { indent: indent + "  ", c: x.c, phrases: x.phrases });
    }
    case "blockquote":
      return (t as Tokens.Blockquote).tokens.map((child) => block(child, { ...x, width: x.width - 2 }, "")).join("\n\n").split("\n").map((l) => indent + x.c.dim("│ ") + l).join("\n");
    case "hr":
      return indent + x.c.dim("─".repeat(Math.max(1, Math.min(40, x.width - indent.length))));
    case "space":
      return "";
    default:
      return paragraph([{ type: "text", raw: t.raw, text: t.raw } as Tokens.Text], x, indent);
  }
}

/** Renders lesson Markdown to at most `width` columns per line. */
export function renderMarkdown(markdown: string, width: number, options: MarkdownOptions = {}): string {
  const color = options.color ?? true;
  const x: Ctx = { c: new Chalk({ level: color ? 1 : 0 }), color, width: Math.max(20, width), phrases: options.phrases, continuation: options.continuation ?? " \\", below: options.below };
  const blocks = lexer().lex(markdown, { gfm: true }).filter((t) => t.type !== "space");
  // A list hangs under the sentence that introduces it (no blank line: the screen is short).
  return blocks
    .map((t, i) => (i === 0 ? "" : t.type === "list" && blocks[i - 1]?.type === "paragraph" ? "\n" : "\n\n") + block(t, x))
    .join("");
}
