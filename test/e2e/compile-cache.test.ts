/**
 * Node's compile cache (src/start.cjs): a start writes it to the learner's cache folder, and a
 * folder that cannot be made never stops a command or shows in its output; nor does one under
 * /proc, where Node's own recursive mkdir would spin for ever: the cache goes to Node's default.
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

  it("a cache folder under /proc: the command runs and says nothing of it; the cache goes to Node's default, in the temporary folder", () => {
    const tmp = mkdtempSync(join(tmpdir(), "pll-cc-tmp-"));
    const r = runCli(freshLearner({ XDG_CACHE_HOME: "/proc", TMPDIR: tmp }), ["doctor", "--sandbox", "--prefix", "ccproc"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(existsSync("/proc/privatelink-lab")).toBe(false);
    const files = readdirSync(join(tmp, "node-compile-cache"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(0);
  }, 90_000);

  it("the temporary folder under /proc too: the command runs without a cache", () => {
    const r = runCli(freshLearner({ XDG_CACHE_HOME: "/proc/self", TMPDIR: "/proc" }), ["doctor", "--sandbox", "--prefix", "ccnone"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("ccnone");
  }, 90_000);
});
