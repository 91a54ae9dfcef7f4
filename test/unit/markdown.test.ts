import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/ui/markdown.js";
import { loadPhrases } from "../../src/ui/line-breaks.js";
import { displayWidth } from "../../src/ui/text-width.js";
import { wrap } from "../../src/ui/wrap.js";
import { stripVTControlCharacters as plain } from "node:util";

const widest = (text: string) => Math.max(...text.split("\n").map(displayWidth));

describe("lesson Markdown in the terminal", () => {
  it("renders bold and code inside bullet points, not the raw asterisks", () => {
    const out = renderMarkdown("* **Account**: the `id` here\n* plain", 80, { color: false });
    expect(out).toContain("Account: the `id` here");
    expect(out).not.toContain("**");
  });
  it("keeps backticks around code without colour, and colours it otherwise", () => {
    expect(renderMarkdown("Run `aws sts get-caller-identity`.", 80, { color: false })).toContain("`aws sts get-caller-identity`");
    expect(renderMarkdown("Run `x`.", 80, { color: true })).not.toContain("`x`");
  });
  it("joins source lines with a space in English and with nothing after Japanese punctuation", () => {
    expect(renderMarkdown("one line\nand the next", 80, { color: false })).toBe("one line and the next");
    expect(renderMarkdown("終わりです。\nなお、続きます。\nEC2 です。", 80, { color: false })).toBe("終わりです。なお、続きます。EC2 です。");
  });
  it("joins Japanese source lines the same in colour, where bold or code meets the line break", () => {
    expect(plain(renderMarkdown("これは**太字**\nです。`vpc-1` を\n**作ります**。", 80, { color: true }))).toBe("これは太字です。vpc-1 を作ります。");
  });
  it("wraps list items with a hanging indent under the text, not the bullet", () => {
    const out = renderMarkdown("- " + "word ".repeat(30).trim() + "\n1. " + "more ".repeat(30).trim(), 40, { color: false });
    const lines = out.split("\n");
    expect(widest(out)).toBeLessThanOrEqual(40);
    expect(lines[0]).toMatch(/^ {2}• word/);
    expect(lines[1]).toMatch(/^ {4}word/);
    expect(lines.find((l) => l.includes("1."))).toMatch(/^ {2}1\. more/);
  });
  it("breaks Japanese between phrases (BudouX), never inside a word, and fits by display width", async () => {
    const phrases = await loadPhrases("ja");
    const text = "Consumer VPC に、いま作ったエンドポイントサービスへつながるインターフェイスエンドポイントを作ります。サブネットに ENI が 1 つでき、プライベート IP が付きます。";
    const out = renderMarkdown(text, 40, { color: false, phrases });
    expect(widest(out)).toBeLessThanOrEqual(40);
    expect(out.replace(/\n/g, "")).toBe(text);
    for (const line of out.split("\n").slice(1)) expect(line).not.toMatch(/^[、。）」がをにはつ]/); // no particle, counter or closing mark starts a line
    expect(out).not.toMatch(/Consume\nr|インターフェイ\nス/);
  });
  it("fits shell commands by continuing lines the shell still reads as one command", () => {
    const md = "```sh\naws ec2 create-vpc-endpoint --region ap-northeast-1 --vpc-endpoint-type Interface --tag-specifications 'ResourceType=vpc-endpoint,Tags=[{Key=Name,Value=team-a-endpoint},{Key=privatelink-lab:participant,Value=team-a}]'\n```";
    const out = renderMarkdown(md, 60, { color: false });
    expect(widest(out)).toBeLessThanOrEqual(60);
    // Read it as the shell does: "\\\n" disappears, 'a''b' is the word ab, spaces separate words.
    const shell = out.replace(/\\\n/g, "").replace(/''/g, "").replace(/\s+/g, " ").trim();
    expect(shell).toBe("aws ec2 create-vpc-endpoint --region ap-northeast-1 --vpc-endpoint-type Interface --tag-specifications 'ResourceType=vpc-endpoint,Tags=[{Key=Name,Value=team-a-endpoint},{Key=privatelink-lab:participant,Value=team-a}]'");
  });
  it.each([
    ["en", "If it still fails, allow it from the instance: `{cmd}`, then verify again."],
    ["ja", "まだ失敗するなら、インスタンスから許可します：`{cmd}` を実行してから、もう一度確かめます。"],
    ["en", "- Allow it: `{cmd}`"],
    ["ja", "`{cmd}` を実行します。"],
    ["en", "Run `{cmd}`."],
    ["en", "On the instance, run `{cmd}`. With the CLI, send it with Run Command."],
    ["ja", "インスタンスで `{cmd}`。CLI なら Run Command で送ります。"],
  ])("(%s) an inline command longer than a line is continued as the shell continues lines: pasted, it is one command (%s)", async (lang, text) => {
    const cmd = "aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 --protocol tcp --port 80 --cidr 10.0.1.23/32 --query 'Return[0]' --region ap-northeast-1";
    const phrases = lang === "ja" ? await loadPhrases("ja") : undefined;
    for (const [color, cont] of [[false, " \\"], [true, " \\"], [false, " `"]] as const) {
      const out = plain(renderMarkdown(text.replace("{cmd}", cmd), 80, { color, phrases, continuation: cont }));
      expect(widest(out)).toBeLessThanOrEqual(80);
      expect(out.split("\n").filter((l) => /^\s*[.。]\s*$/.test(l)), "a full stop alone on a line").toEqual([]);
      expect(out.split("\n").filter((l) => /^\s*[.,;:。、]/.test(l)), "a line starting with the punctuation after the command").toEqual([]);
      // What the learner selects and pastes: from `aws` to the end of the command's last line.
      const lines = out.slice(out.indexOf("aws ec2")).split("\n");
      const pasted = lines.slice(0, lines.findIndex((l) => l.includes("ap-northeast-1")) + 1).join("\n");
      expect(pasted.split(cont + "\n").map((l) => l.trim()).join(" ")).toMatch(new RegExp("^`?" + cmd.replace(/[[\]().|*+?$^]/g, "\\$&") + "`?"));
    }
  });
});

describe("wrap", () => {
  it("never exceeds the width in display columns (wide characters count two)", () => {
    const out = wrap("あいうえおかきくけこさしすせそたちつてと", 10);
    expect(out.split("\n")).toEqual(["あいうえお", "かきくけこ", "さしすせそ", "たちつてと"]);
  });
  it("ignores colour codes when measuring and reopens colours on each line", () => {
    const red = "\x1b[31m" + "alpha beta gamma delta" + "\x1b[39m";
    const out = wrap(red, 11);
    const lines = out.split("\n");
    expect(lines.map(plain)).toEqual(["alpha beta", "gamma delta"]);
    expect(lines[1]!.startsWith("\x1b[31m")).toBe(true); // still red after the break
    expect(lines[0]!.endsWith("\x1b[0m")).toBe(true); // closed before the line ends
  });
  it("keeps an id longer than a line whole on a line of its own, for the terminal to fold (it pastes whole)", () => {
    expect(wrap("service vpce-svc-0123456789abcdef0 here", 10).split("\n")).toEqual(["service", "vpce-svc-0123456789abcdef0", "here"]);
  });
  it("puts the first prefix on the first line and the rest prefix on the others", () => {
    expect(wrap("aa bb cc", 6, { first: "- ", rest: "  " })).toBe("- aa\n  bb\n  cc");
  });
});
