/**
 * Node's compile cache (src/start.cjs): a start writes it to the learner's cache folder, and a
 * folder that cannot be made never stops a command or shows in its output.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";

describe("the compile cache", () => {
  it("is written under $XDG_CACHE_HOME/privatelink-lab/compile-cache", () => {
    const cache = mkdtempSync(join(tmpdir(), "pll-cc-"));
    const r = runCli(freshLearner({ XDG_CACHE_HOME: cache }), ["doctor", "--sandbox", "--prefix", "ccache"]);
    expect(r.status, r.stderr).toBe(0);
    const dir = join(cache, "privatelink-lab", "compile-cache");
    expect(existsSync(dir)).toBe(true);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(0);
  });

  it("a cache folder that cannot be made: the command runs, says nothing of it", () => {
    const home = mkdtempSync(join(tmpdir(), "pll-cc-file-"));
    const notADir = join(home, "cache-is-a-file");
    writeFileSync(notADir, "");
    const r = runCli(freshLearner({ XDG_CACHE_HOME: notADir, TMPDIR: notADir }), ["--sandbox", "--yes", "--json", "--prefix", "ccfile"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('"type":"lesson-finished"');
    expect(r.stderr).toBe("");
  });
});
