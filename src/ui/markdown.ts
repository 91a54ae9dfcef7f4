/** Lesson Markdown rendered for the terminal (marked + marked-terminal), wrapped to the width. */
import { Marked } from "marked";
import { markedTerminal } from "marked-terminal";

let instance: Marked | undefined;

export function renderMarkdown(markdown: string, width: number): string {
  instance ??= new Marked();
  instance.use(markedTerminal({ reflowText: true, width: Math.max(40, Math.min(width, 100)), tab: 2 }) as never);
  return String(instance.parse(markdown)).replace(/\n+$/, "");
}
