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

describe("a name longer than the line", () => {
  it("is cut after a dot, not inside a word of it (step 6's DNS name)", () => {
    const dns = "vpce-0a1b2c3d4e5f6a7b8-abcd1234.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
    const out = wrap(`The regional name ${dns} answers with the endpoint's IPs.`, 80);
    expect(widest(out)).toBeLessThanOrEqual(80);
    const lines = out.split("\n");
    const cut = lines.findIndex((l) => l.includes("vpce-0a1b"));
    expect(lines[cut]!.endsWith("."), out).toBe(true);
    expect(plain(out).replace(/\n/g, "")).toContain(dns);
  });
});
