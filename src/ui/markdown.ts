/** Lesson Markdown rendered for the terminal (marked + marked-terminal), wrapped to the width. */
import { Marked, type Tokens } from "marked";
import { markedTerminal } from "marked-terminal";
import chalk from "chalk";

const instances = new Map<string, Marked>();

function markedFor(width: number, color: boolean): Marked {
  const key = `${width}:${color}`;
  let m = instances.get(key);
  if (!m) {
    m = new Marked();
    // Without colour, `code` keeps its backticks so ids and commands still stand out.
    const codespan = color ? chalk.yellow : (s: string) => "`" + s + "`";
    m.use(markedTerminal({ reflowText: true, width, tab: 2, codespan }) as never);
    // marked-terminal prints a tight list item's text raw, so **bold** and `code` in bullet points
    // stayed literal: render the item's inline tokens instead.
    m.use({
      renderer: {
        text(token: Tokens.Text | Tokens.Escape) {
          if ("tokens" in token && token.tokens && token.tokens.length > 0) return this.parser.parseInline(token.tokens);
          return false;
        },
      },
    });
    instances.set(key, m);
  }
  return m;
}

export function renderMarkdown(markdown: string, width: number, color = true): string {
  return String(markedFor(Math.max(40, Math.min(width, 100)), color).parse(markdown)).replace(/\n+$/, "");
}
