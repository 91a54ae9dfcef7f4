/**
 * The hash behind idempotency tokens, the shipped-YAML cache keys and the sandbox's stable fake
 * ids (src/stable-hash.ts): the same text always gives the same name, in any process; any change
 * to the text gives another. And the build's table of parsed YAML is found under the keys the CLI
 * computes (the build is another process), so a shipped template is never parsed again at run time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsedKey } from "../../src/content/yaml-data.js";
import { packageRoot } from "../../src/paths.js";
import { stableHash } from "../../src/stable-hash.js";

describe("stableHash", () => {
  it("names a text the same way every time (the build and the CLI agree: see below)", () => {
    const text = "privatelink-lab|ap-northeast-1|endpoint|プロバイダー";
    expect(stableHash(text)).toMatch(/^[0-9a-f]{28}$/);
    expect(stableHash(text)).toBe(stableHash(text));
  });

  it("changes when any one character changes, and keeps 10,000 similar texts apart", () => {
    const base = "pll-endpoint-" + "x".repeat(200);
    const seen = new Set([stableHash(base)]);
    for (let i = 0; i < base.length; i++) seen.add(stableHash(base.slice(0, i) + "y" + base.slice(i + 1)));
    for (let n = 0; n < 10_000; n++) seen.add(stableHash(`["123456789012","us-east-1","lab${n}","service",{},0]`));
    expect(seen.size).toBe(1 + base.length + 10_000);
  });

  it("gives shorter names as prefixes of the long one", () => {
    expect(stableHash("a", 16)).toBe(stableHash("a").slice(0, 16));
    expect(stableHash("a", 14)).toBe(stableHash("a").slice(0, 14));
  });
});

describe("the shipped YAML, parsed at build time", () => {
  it("is found under the key the CLI computes for each template", () => {
    const table = JSON.parse(readFileSync(join(packageRoot(), "dist", "parsed.json"), "utf8")) as Record<string, string>;
    for (const name of ["Consumer.yml", "Provider.yml"]) {
      const text = readFileSync(join(packageRoot(), "templates", name), "utf8");
      expect(table[parsedKey("cfn", text)], name).toBeDefined();
      expect(table[parsedKey("cfn", text + "\n# edited by the learner")], name).toBeUndefined();
    }
  });
});
