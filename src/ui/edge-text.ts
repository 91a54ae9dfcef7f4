/**
 * Messages written outside the UI host (the Ctrl-C notice, an error at the edge, `join` and `sandbox env` on standard
 * error, the retry notice), wrapped like the host's text (wrap.ts, code-wrap.ts). A pipe or a file of their own gets
 * them as written; one the lesson's lines go to as well (`2>&1 | less`), at 80 columns as those are.
 */
import type { Lang } from "../i18n/lang.js";
import { translator } from "../i18n/messages.js";
import { loadPhrases, type Phrases } from "./line-breaks.js";
import { displayWidth } from "./text-width.js";
import { wrapProse } from "./code-wrap.js";
import { CONTINUE, type Shell } from "../shell/render.js";
import { withoutCodes } from "./wrap.js";

interface EdgeStream {
  readonly isTTY?: boolean;
  readonly columns?: number | undefined;
}

/** A line's mark ("✖ ", "→ ", "! ", "# ", an indent): the lines it wraps into hang under its text. */
const MARK = /^\s*(?:[✖→!✔i•#] +)?/;

/**
 * `text` fitted to the terminal `stream` shows it on (unchanged when the stream is no terminal), or, `merged`: the
 * stream goes into the pipe or file the lesson's lines go to (`2>&1 | less`), read among them: 80 columns, as they are.
 * A command too wide for a row is continued as the learner's `shell` continues lines, so that it pastes as one; one in
 * brackets is named in them by `below` ("the command below") and follows them.
 */
export function fitToTerminal(text: string, stream: EdgeStream, phrases?: Phrases, merged = false, shell: Shell = "bash", below?: string): string {
  if (!stream.isTTY && !merged) return text;
  const width = Math.max(20, (stream.isTTY && stream.columns) || 80);
  return text
    .split("\n")
    .map((line) => {
      const mark = MARK.exec(withoutCodes(line))?.[0] ?? "";
      const rest = mark.trimStart().startsWith("#") ? mark : " ".repeat(displayWidth(mark));
      return wrapProse(line, width, { first: "", rest, phrases, cont: CONTINUE[shell], below });
    })
    .join("\n");
}

/** The same, loading the phrase model the language needs first (Japanese). */
export async function fitForLang(text: string, stream: EdgeStream, lang: Lang, merged = false, shell: Shell = "bash"): Promise<string> {
  return stream.isTTY || merged ? fitToTerminal(text, stream, await loadPhrases(lang), merged, shell, translator(lang)("render.commandBelow")) : text;
}
