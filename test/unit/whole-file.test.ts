/** The sandbox account, the progress file (from their text) and code caches (bytes) are written whole, with the mode asked for. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeWholeFile } from "../../src/whole-file.js";

describe("writeWholeFile", () => {
  it("writes every character of a long text, Japanese included, and replaces a longer file whole", () => {
    const file = join(mkdtempSync(join(tmpdir(), "pll-text-")), "account.json");
    writeFileSync(file, "x".repeat(500_000));
    const text = JSON.stringify({ note: "エンドポイントサービス", items: Array.from({ length: 3000 }, (_, i) => ({ i, name: `名前-${i}` })) });
    writeWholeFile(file, text, 0o600);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("writes bytes whole too (a code cache)", () => {
    const file = join(mkdtempSync(join(tmpdir(), "pll-text-")), "start.v8");
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
    writeWholeFile(file, bytes, 0o600);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("creates the file readable by its owner only", () => {
    const file = join(mkdtempSync(join(tmpdir(), "pll-text-")), "state.json");
    writeWholeFile(file, "{}\n", 0o600);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
