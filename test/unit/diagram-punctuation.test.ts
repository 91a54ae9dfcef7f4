/**
 * The diagram of the two VPCs in Japanese uses Japanese punctuation in its labels (SG：TCP 80, エンドポイント（ENI）), as
 * its gateway label does; every line keeps the width the boxes are drawn to (78 columns by display width, within 80).
 */
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { drawDiagram } from "../../src/ui/diagram.js";
import { displayWidth } from "../../src/ui/text-width.js";

const PARTS = ["consumer-instance", "curl", "endpoint-sg-rule", "interface-endpoint", "ssm-endpoints", "endpoint-service", "nlb", "s3-gateway"];

function diagram(lang: "en" | "ja", state: "built" | "now" | "not-yet"): string {
  const parts = PARTS.map((id) => ({ id, side: "consumer" as const, step: "deploy", state }));
  return drawDiagram({ parts, linked: state === "built", cleanedUp: false }, translator(lang));
}

describe("the diagram's labels", () => {
  it("in Japanese: full-width colon and brackets around the Japanese labels", () => {
    const ja = diagram("ja", "built");
    expect(ja).toContain("SG：TCP 80");
    expect(ja).toMatch(/エンドポイント（ENI）/);
    expect(ja).not.toMatch(/SG: |エンドポイント \(ENI\)/);
    const en = diagram("en", "built");
    expect(en).toContain("SG: TCP 80");
    expect(en).toContain("Interface endpoint (ENI)");
  });

  it.each(["en", "ja"] as const)("in %s: every line of the boxes is 78 columns wide by display width (80 at most)", (lang) => {
    for (const state of ["built", "now", "not-yet"] as const) {
      const boxes = diagram(lang, state).split("\n").slice(0, -1);
      expect(boxes.map(displayWidth).filter((w) => w !== 78), boxes.join("\n")).toEqual([]);
    }
  });
});
