/**
 * The curl step's second hint gives the endpoint's DNS name for the learner to copy: it stands on
 * a line of its own, whole (nothing glued to it, not even the sentence's period), at 80 and at 120
 * columns (the terminal host renders Markdown at most 100 wide), in both languages, with colour
 * and without. An 80-column terminal may fold the long name, but no line break is ever put in it.
 */
import { stripVTControlCharacters as plain } from "node:util";
import { describe, expect, it } from "vitest";
import { fillPlaceholders, loadStep } from "../../src/content/lesson-content.js";
import { translator } from "../../src/i18n/messages.js";
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
            const shown = plain(renderMarkdown(`${t("engine.hint", { n: 2, total: hints.length })} ${text}`, Math.min(cols, 100), { color, ...(phrases ? { phrases } : {}) }));
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
