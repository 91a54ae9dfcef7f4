import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/ui/markdown.js";

describe("lesson Markdown in the terminal", () => {
  it("renders bold and code inside bullet points, not the raw asterisks", () => {
    const out = renderMarkdown("* **Account**: the `id` here\n* plain", 80, false);
    expect(out).toContain("Account: the `id` here");
    expect(out).not.toContain("**");
  });
  it("keeps backticks around code without colour, and colours it otherwise", () => {
    expect(renderMarkdown("Run `aws sts get-caller-identity`.", 80, false)).toContain("`aws sts get-caller-identity`");
    expect(renderMarkdown("Run `x`.", 80, true)).not.toContain("`x`");
  });
});
