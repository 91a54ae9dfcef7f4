/**
 * The curl step's second hint gives the endpoint's DNS name for the learner to copy: it stands on
 * a line of its own, whole (nothing glued to it, not even the sentence's period), at 80 and at 120
 * columns (the terminal host renders Markdown at most 100 wide), in both languages, with colour
 * and without. An 80-column terminal may fold the long name, but no line break is ever put in it.
 */
import { stripVTControlCharacters as plain } from "node:util";
import { describe, expect, it } from "vitest";
import { fillPlaceholders, loadManifest, loadStep } from "../../src/content/lesson-content.js";
import { translator } from "../../src/i18n/messages.js";
import { loadChallenges, loadChallengeText } from "../../src/challenge/definitions.js";
import { loadPhrases } from "../../src/ui/line-breaks.js";
import { renderMarkdown } from "../../src/ui/markdown.js";

// Names as long as AWS's (the Tokyo region's are the longest the lesson meets).
const REGIONAL = "vpce-0a1b2c3d4e5f6a7b8-x1y2z3w4.vpce-svc-0123456789abcdef0.ap-northeast-1.vpce.amazonaws.com";
const SHORT = "vpce-0a1b2c3d4e5f6a7b8-x1y2z3w4.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";

describe("curl hint 2 names the endpoint's DNS name on a line of its own", () => {
  for (const lang of ["en", "ja"] as const) {
    for (const cols of [80, 120]) {
      for (const color of [false, true]) {
        it(`${lang}, ${cols} columns, ${color ? "colour" : "no colour"}`, async () => {
          const phrases = lang === "ja" ? await loadPhrases("ja") : undefined;
          const t = translator(lang);
          const hints = loadStep("privatelink", "curl", lang).hints;
          for (const dns of [REGIONAL, SHORT]) {
            const text = fillPlaceholders(hints[1]!, { consumerInstanceId: "i-0123456789abcdef0", dnsRegional: dns, region: "ap-northeast-1" });
            const shown = plain(renderMarkdown(t("engine.hint", { n: 2, total: hints.length, text }), Math.min(cols, 100), { color, ...(phrases ? { phrases } : {}) }));
            const lines = shown.split("\n");
            const own = lines.filter((l) => l.trim().replace(/^`|`$/g, "") === dns);
            expect(own, shown).toHaveLength(1);
            // No other line holds a piece of it (the name is not split by the wrapper).
            expect(lines.filter((l) => l.includes("vpce-svc-")).length, shown).toBe(1);
          }
        });
      }
    }
  }
});

/**
 * The curl step's notes that name the endpoint (the regional and zonal names, the wrong page, the
 * HTTP status, the NLB's own name) give each name whole on a line of its own, as hint 2 does: in a
 * sentence at 80 columns it broke the sentence, and in Japanese it was glued to the text.
 */
const ZONAL = "vpce-0a1b2c3d4e5f6a7b8-x1y2z3w4-ap-northeast-1a.vpce-svc-0123456789abcdef0.ap-northeast-1.vpce.amazonaws.com";
const NOTES: Record<string, (regional: string) => string[]> = {
  "regional-zonal": (regional) => [regional, ZONAL],
  "nlb-dns": (regional) => [regional],
  "curl-wrong-page": (regional) => [regional],
  "curl-http-status": (regional) => [`http://${regional}/`],
};

describe("the curl step's notes name the endpoint's DNS names on lines of their own", () => {
  for (const lang of ["en", "ja"] as const) {
    for (const cols of [80, 120]) {
      for (const [note, expected] of Object.entries(NOTES)) {
        it(`${note}, ${lang}, ${cols} columns`, async () => {
          const phrases = lang === "ja" ? await loadPhrases("ja") : undefined;
          const text = loadStep("privatelink", "curl", lang).notes[note];
          expect(text, note).toBeDefined();
          const vars = { dnsRegional: REGIONAL, dnsZonal: ZONAL, az: "ap-northeast-1a", nlbName: "hint-nlb", region: "ap-northeast-1", providerInstanceId: "i-0fedcba9876543210" };
          const shown = plain(renderMarkdown(fillPlaceholders(text!, vars), Math.min(cols, 100), phrases ? { phrases } : {}));
          const lines = shown.split("\n").map((l) => l.trim());
          for (const name of expected(REGIONAL)) {
            const at = lines.flatMap((l, i) => (l.replace(/^`|`$/g, "") === name ? [i] : []));
            expect(at, shown).toHaveLength(1);
            // Introduced by the sentence before it, which ends there ("…is:"), not cut in two around it.
            expect(lines[at[0]! - 1], shown).toMatch(/[:：]$/);
          }
          // No line holds a piece of a name, or a name inside a sentence.
          expect(lines.filter((l) => l.includes("vpce-svc-")), shown).toHaveLength(expected(REGIONAL).length);
        });
      }
    }
  }
});

/**
 * Every step's and challenge's prose (concept, console, done, notes, story, hints; not the `cli` scripts) gives a long name (an endpoint's DNS
 * name, a service name, an ARN) whole on a line of its own, never inside a sentence; a command that carries one is the
 * command's business (it is copied whole).
 */
describe("no lesson sentence holds a long name", () => {
  const LONG = {
    dnsRegional: REGIONAL,
    dnsZonal: "vpce-0a1b2c3d4e5f6a7b8-x1y2z3w4-ap-northeast-1a.vpce-svc-0123456789abcdef0.ap-northeast-1.vpce.amazonaws.com",
    serviceName: "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0",
    targetGroupArn: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/pl-tg/0123456789abcdef",
    nlbArn: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/net/pl-nlb/0123456789abcdef",
  };
  const COMMAND = /\b(aws|curl) |--[a-z]/;
  for (const lang of ["en", "ja"] as const) {
    it(`${lang}, 80 columns`, async () => {
      const phrases = lang === "ja" ? await loadPhrases("ja") : undefined;
      const bad: string[] = [];
      const hints = (list: string[]) => Object.fromEntries(list.map((h, i) => [`hint ${i + 1}`, h]));
      const steps = loadManifest("privatelink").steps.map(({ id }) => {
        const c = loadStep("privatelink", id, lang);
        return [id, { concept: c.concept, console: c.console, done: c.done, ...c.doneVariants, ...c.conceptVariants, ...c.notes, ...hints(c.hints) }] as const;
      });
      const challenges = loadChallenges("privatelink").map(({ id }) => {
        const c = loadChallengeText("privatelink", id, lang);
        return [id, { story: c.story, explain: c.explain, ...hints(c.hints) }] as const;
      });
      for (const [id, texts] of [...steps, ...challenges]) {
        for (const [where, text] of Object.entries(texts)) {
          if (text.includes("```")) continue;
          const short = Object.fromEntries([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => [m[1]!, `x-${m[1]}`]));
          const shown = plain(renderMarkdown(fillPlaceholders(text, { ...short, ...LONG }), 80, phrases ? { phrases } : {}));
          const lines = shown.split("\n");
          for (const [i, line] of lines.entries()) {
            const value = Object.values(LONG).find((v) => line.includes(v));
            const alone = line.trim().replace(/^`|`$/g, "").replace(/^http:\/\/(.*)\/$/, "$1");
            if (!value || COMMAND.test(line)) continue;
            // Whole on its line, after a sentence that ends there ("…is:"), not put there by the wrapper mid-sentence.
            if (alone !== value || !/[:：]$/.test(lines[i - 1]?.trimEnd() ?? "")) bad.push(`${id} ${where}: ${lines[i - 1]?.trim()} ⏎ ${line.trim()}`);
          }
        }
      }
      expect(bad, bad.join("\n")).toEqual([]);
    });
  }
});
