/**
 * Commands and names inside prose must paste whole: inline code that fits on a line is never
 * broken inside (in colour its backticks are gone, so markdown.ts marks it for wrap), and a name
 * longer than the line is cut where it has a seam (after a dot), never inside a word of it.
 */
import { describe, expect, it } from "vitest";
import { stripVTControlCharacters as plain } from "node:util";
import { loadPhrases } from "../../src/ui/line-breaks.js";
import { renderMarkdown } from "../../src/ui/markdown.js";
import { displayWidth } from "../../src/ui/text-width.js";
import { wrap } from "../../src/ui/wrap.js";
import { Chalk } from "chalk";
import { wrapCode } from "../../src/ui/code-wrap.js";
import { fitToTerminal } from "../../src/ui/edge-text.js";
import type { LabEvent } from "../../src/ui/io-host.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { localFileError } from "../../src/guard/local-file.js";
import { translator } from "../../src/i18n/messages.js";
import { errorText, reportError } from "../../src/ui/error-report.js";

const widest = (text: string) => Math.max(...text.split("\n").map(displayWidth));
/** Whether `code` appears whole on one line of `text`. */
const onOneLine = (text: string, code: string) => plain(text).split("\n").some((l) => l.includes(code));

const STEP1_EN = '2. Choose "Upload a template file", upload `consumer.yaml`, and choose "Next". (To have the two templates in a folder of your own: `npx privatelink-lab templates --out .`)';
const STEP1_JA = "2. 「テンプレートファイルのアップロード」を選び、`consumer.yaml` をアップロードして「次へ」。（2 つのテンプレートを手元のフォルダーに置くには `npx privatelink-lab templates --out .`）";

describe("inline code in prose", () => {
  it("a message's `command` that fits on a line is never broken inside (sandbox serve's eval line)", () => {
    const text = "Another terminal can use this sandbox: run `eval \"$(npx privatelink-lab sandbox env)\"` there, then the AWS CLI reaches it.";
    for (const width of [50, 60, 70, 80]) {
      const out = wrap(text, width, { first: "i ", rest: "  " });
      expect(widest(out)).toBeLessThanOrEqual(width);
      expect(onOneLine(out, '`eval "$(npx privatelink-lab sandbox env)"`'), out).toBe(true);
    }
  });
  it("step 1's console text keeps `npx privatelink-lab templates --out .` whole, in colour and without, English and Japanese", async () => {
    const ja = await loadPhrases("ja");
    for (const width of [60, 70, 80]) {
      for (const color of [true, false]) {
        const en = renderMarkdown(STEP1_EN, width, { color });
        const jp = renderMarkdown(STEP1_JA, width, { color, phrases: ja });
        for (const out of [en, jp]) {
          expect(widest(plain(out))).toBeLessThanOrEqual(width);
          expect(onOneLine(out, "npx privatelink-lab templates --out ."), out).toBe(true);
        }
      }
    }
  });
  it("code longer than the line breaks only at its spaces", () => {
    const long = "`aws ec2 describe-vpc-endpoints --vpc-endpoint-ids vpce-0123456789abcdef0 --query VpcEndpoints[0].State`";
    const out = wrap(`Check with ${long} now.`, 40);
    const words = long.slice(1, -1).split(" ");
    for (const w of words) expect(onOneLine(out, w), out).toBe(true);
  });
});

describe("a DNS name right after Japanese (step 7's bullets)", () => {
  it("starts a line of its own, whole, never cut inside a word", async () => {
    const dns = "vpce-c052bf6ea9b8fb570-btjxm4b3-ap-northeast-1a.vpce-svc-3ab1dd594989aa66d.ap-northeast-1.vpce.amazonaws.com";
    const out = plain(renderMarkdown(`- **ゾーン DNS 名**（ap-northeast-1a）：${dns}`, 80, { color: false, phrases: await loadPhrases("ja") }));
    const lines = out.split("\n").map((l) => l.trim());
    expect(lines, out).toContain(dns);
    expect(lines.filter((l) => l !== dns && l.includes("vpce-svc-")), out).toEqual([]);
  });
});

describe("a name longer than the line", () => {
  it("goes whole on a line of its own, for the terminal to fold (step 6's DNS name)", () => {
    const dns = "vpce-0a1b2c3d4e5f6a7b8-abcd1234.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
    const out = wrap(`The regional name ${dns} answers with the endpoint's IPs.`, 80);
    const lines = out.split("\n");
    expect(lines, out).toContain(dns);
    // Every other line still fits.
    expect(lines.filter((l) => l !== dns && displayWidth(l) > 80), out).toEqual([]);
  });
});

describe("commands in code blocks and fixes", () => {
  const STEP5 = [
    "aws ec2 authorize-security-group-ingress --region us-east-1 \\",
    "  --group-id sg-0a1b2c3d4e5f60718 \\",
    "  --protocol tcp --port 80 \\",
    "  --cidr 10.1.1.23/32",
    "",
    "# Instead of the IP, the Consumer instance's security group works too:",
    "# aws ec2 authorize-security-group-ingress --region us-east-1 \\",
    "#   --group-id sg-0a1b2c3d4e5f60718 --protocol tcp --port 80 --source-group sg-6a6a6a6a6a6a6a6a6",
  ].join("\n");
  it("a commented-out command wraps with its continuation inside the comment (step 5's alternative)", () => {
    const out = plain(wrapCode(STEP5, "sh", 80, { indent: "  ", c: new Chalk({ level: 0 }) }));
    expect(widest(out)).toBeLessThanOrEqual(80);
    const commented = out.split("\n").filter((l) => /^ *# /.test(l)).slice(1); // the command's lines
    const uncommented = commented.map((l) => l.replace(/^ *# ?/, ""));
    // Every line but the last ends with a continuation, and no line is a lone comment word.
    expect(uncommented.slice(0, -1).every((l) => l.endsWith(" \\")), out).toBe(true);
    expect(uncommented.join(" ").replace(/ \\ +/g, " ").replace(/ +/g, " ")).toContain("--source-group sg-6a6a6a6a6a6a6a6a6");
  });
  it("diagnose's AWS CLI fix is wrapped like the lesson's commands, not left for the terminal to cut", () => {
    const cli = "aws elbv2 modify-listener --listener-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/en-user-nlb/0123456789abcdef/fedcba9876543210 --port 80 --region us-east-1";
    const link = { id: "nlb-listener", status: "fail", problem: "wrong-port", name: "NLB en-user-nlb", what: "w", why: "y", cli } as const;
    const c = new Chalk({ level: 0 });
    const out = renderEvent({ type: "diagnosis", title: "Path", ok: false, links: [link], first: link } as LabEvent, { c, t: (k: string) => k, width: 80, markdown: (m: string) => m });
    expect(widest(out!)).toBeLessThanOrEqual(80);
    const cmd = out!.split("\n").filter((l) => l.startsWith("  ") && /aws elbv2|--|arn:|us-east-1/.test(l));
    expect(cmd.length, out).toBeGreaterThan(1);
    expect(cmd.slice(0, -1).every((l) => l.endsWith("\\")), out).toBe(true);
  });
});

describe("messages at the edge", () => {
  const message = "Stopped. Nothing is lost: run `npx privatelink-lab` again to continue where you are. Delete with `npx privatelink-lab destroy --prefix en-user --sandbox`.";
  it("are wrapped by the terminal's width with commands whole, and left on one line for a pipe", () => {
    const out = fitToTerminal(message, { isTTY: true, columns: 80 });
    expect(widest(out)).toBeLessThanOrEqual(80);
    expect(onOneLine(out, "`npx privatelink-lab destroy --prefix en-user --sandbox`"), out).toBe(true);
    expect(fitToTerminal(message, { isTTY: false })).toBe(message);
  });
  it("Japanese breaks between phrases, and a mark's lines hang under its text", async () => {
    const ja = await loadPhrases("ja");
    const text = "✖ 中断しました。何も失われていません。もう一度 `npx privatelink-lab` を実行すると、いまの地点から続けられます（現在地は `npx privatelink-lab status` で確認できます）。";
    const out = fitToTerminal(text, { isTTY: true, columns: 80 }, ja);
    const lines = out.split("\n");
    expect(widest(out)).toBeLessThanOrEqual(80);
    expect(lines.slice(1).every((l) => l.startsWith("  ") && !/^ *[、。）]/.test(l)), out).toBe(true);
    expect(onOneLine(out, "`npx privatelink-lab status`")).toBe(true);
  });
});

describe("the error of a state folder the learner may not write (a read-only HOME)", () => {
  /** The words of the Japanese message a line must never cut (BudouX alone cuts 使えませんで|した and 読み|書き). */
  const WORDS = ["使えませんでした", "読み書き"];
  const cutWords = (out: string) =>
    WORDS.filter((w) => [...w].some((_, k) => k > 0 && new RegExp(`${w.slice(0, k)}\\n\\s*${w.slice(k)}`).test(out)));

  it.each([80, 120])("in Japanese, breaks between words and phrases at %i columns, whatever the home folder's length", async (columns) => {
    const ja = await loadPhrases("ja");
    const denied = Object.assign(new Error("EACCES: permission denied, mkdir"), { code: "EACCES" });
    for (let n = 1; n <= 80; n++) {
      const path = `/home/${"a".repeat(n)}/.local/state/privatelink-lab/participants`;
      const out = fitToTerminal(errorText(reportError(localFileError(path, denied), translator("ja")), new Chalk({ level: 0 })), { isTTY: true, columns }, ja);
      expect(cutWords(out), out).toEqual([]);
    }
  });
});

describe("an ARN longer than the line", () => {
  it("is never cut by a newline: whole on a line of its own, after the indent", () => {
    const arn = "arn:aws:elasticloadbalancing:ap-northeast-1:000000000000:listener/net/en-user-nlb/0123456789abcdef/fedcba9876543210";
    const out = wrap(`+ AWS::ElasticLoadBalancingV2::Listener ${arn}`, 80, { rest: "    " });
    expect(out.split("\n"), out).toEqual(["+ AWS::ElasticLoadBalancingV2::Listener", `    ${arn}`]);
  });

  it("keeps a Japanese full stop after it, and wraps the Japanese around it as before", async () => {
    const path = "/home/learner/.local/state/privatelink-lab/participants/pl-root.json.corrupt-2026-12-06T21-03-08-000Z";
    const out = wrap(`進み具合のファイルは ${path}。クラウドにあるものから作り直します。`, 80, { phrases: await loadPhrases("ja") });
    expect(out.split("\n")).toContain(`${path}。`);
  });
});
