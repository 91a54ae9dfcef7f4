/** The sandbox account and the progress file are written whole from their text, with the mode asked for. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeTextFile } from "../../src/text-file.js";

describe("writeTextFile", () => {
  it("writes every character of a long text, Japanese included, and replaces a longer file whole", () => {
    const file = join(mkdtempSync(join(tmpdir(), "pll-text-")), "account.json");
    writeFileSync(file, "x".repeat(500_000));
    const text = JSON.stringify({ note: "エンドポイントサービス", items: Array.from({ length: 3000 }, (_, i) => ({ i, name: `名前-${i}` })) });
    writeTextFile(file, text, 0o600);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("creates the file readable by its owner only", () => {
    const file = join(mkdtempSync(join(tmpdir(), "pll-text-")), "state.json");
    writeTextFile(file, "{}\n", 0o600);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
