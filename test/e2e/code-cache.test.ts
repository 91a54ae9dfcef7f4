/**
 * The executable's V8 code cache (src/code-cache.ts), through the built CLI as a learner starts it:
 * a later start reuses what the first wrote, and no cache problem ever costs more than speed.
 */
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Script } from "node:vm";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheFilesFor, runWithCodeCache } from "../../src/code-cache.js";
import { commandKind, isHelpRun } from "../../src/script-choice.js";

const require = createRequire(import.meta.url);
import { freshLearner, runCli, type CliEnv } from "../helpers/cli-process.js";

/** A learner with a cache folder of their own (not the one the suite's learners share). */
function learnerWithOwnCache(extra: NodeJS.ProcessEnv = {}): { learner: CliEnv; cache: string } {
  const cache = mkdtempSync(join(tmpdir(), "pll-own-cache-"));
  return { learner: freshLearner({ XDG_CACHE_HOME: cache, ...extra }), cache };
}

/** Every cache file under a cache home, by path relative to it. */
function cacheFiles(cacheHome: string): string[] {
  const dir = join(cacheHome, "privatelink-lab", "code-cache");
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
  } catch {
    return [];
  }
}

const STATUS = ["status", "--sandbox", "--prefix", "cache-test"];

describe("the code cache", () => {
  it("is written by a first start and used, not rewritten, by the next", () => {
    const { learner, cache } = learnerWithOwnCache();
    const first = runCli(learner, STATUS);
    expect(first.status, first.stderr).toBe(0);
    const files = cacheFiles(cache);
    expect(files).toEqual([expect.stringMatching(new RegExp(`^${process.version}-${process.arch}/status-[0-9a-f]{16}-\\d+-\\d+\\.v8$`))]);
    const file = join(cache, "privatelink-lab", "code-cache", files[0]!);
    const written = statSync(file);
    expect(written.size).toBeGreaterThan(100_000);
    expect(written.mode & 0o077).toBe(0); // the learner's own: no one else may plant code in it

    const second = runCli(learner, STATUS);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    // V8 accepted it: a refused cache is written again (a new file, so a new inode).
    expect(statSync(file).ino).toBe(written.ino);
    expect(statSync(file).mtimeMs).toBe(written.mtimeMs);
  });

  it("never runs one build's cache for another of the same length and time (npm gives every installed file one time)", () => {
    const root = resolve(import.meta.dirname, "../..");
    const copy = (patch?: (dir: string) => void): string => {
      const dir = mkdtempSync(join(tmpdir(), "pll-build-"));
      cpSync(join(root, "dist"), join(dir, "dist"), { recursive: true });
      for (const f of ["lessons", "templates", "package.json"]) symlinkSync(join(root, f), join(dir, f));
      patch?.(dir);
      utimesSync(join(dir, "dist", "chunks", "cli.cjs"), new Date("1985-10-26T08:15:00Z"), new Date("1985-10-26T08:15:00Z"));
      return dir;
    };
    const before = copy();
    // "Another version": one event renamed (same length), so the build wrote another content hash.
    const after = copy((dir) => {
      const script = join(dir, "dist", "chunks", "cli.cjs");
      writeFileSync(script, readFileSync(script, "latin1").replaceAll('"lesson-finished"', '"lesson-FINISHED"'), "latin1");
      const bin = join(dir, "dist", "bin.cjs");
      writeFileSync(bin, readFileSync(bin, "utf8").replace(/cli: "([0-9a-f]{16})"/, (_, id: string) => `cli: "${[...id].reverse().join("")}"`));
    });
    expect(statSync(join(after, "dist", "chunks", "cli.cjs")).size).toBe(statSync(join(before, "dist", "chunks", "cli.cjs")).size);
    const cache = mkdtempSync(join(tmpdir(), "pll-own-cache-"));
    const lesson = (dir: string) =>
      spawnSync(process.execPath, [join(dir, "dist", "bin.cjs"), "--sandbox", "--yes", "--json", "--prefix", "two"], { env: freshLearner({ XDG_CACHE_HOME: cache }).env, encoding: "utf8" });
    expect(lesson(before).stdout).toContain('"type":"lesson-finished"');
    const second = lesson(after);
    expect(second.stdout).toContain('"type":"lesson-FINISHED"');
    expect(second.stdout).not.toContain('"type":"lesson-finished"');
  });

  it("uses no cache file someone else could have written (V8 runs what it holds)", () => {
    const { learner, cache } = learnerWithOwnCache();
    expect(runCli(learner, STATUS).status).toBe(0);
    const file = join(cache, "privatelink-lab", "code-cache", cacheFiles(cache)[0]!);
    const changes: [string, () => void][] = [["writable by others", () => chmodSync(file, 0o666)]];
    // (Only root can give a file to another user.)
    if (process.getuid?.() === 0) changes.push(["another owner", () => chownSync(file, 12345, 12345)]);
    for (const [what, change] of changes) {
      change();
      const planted = statSync(file).ino;
      const r = runCli(learner, STATUS);
      expect(r.status, what).toBe(0);
      // Not used: refused as if there were none, so this run wrote its own in its place.
      expect(statSync(file).ino, what).not.toBe(planted);
      expect(statSync(file).mode & 0o777, what).toBe(0o600);
      expect(statSync(file).uid, what).toBe(process.getuid?.() ?? statSync(file).uid);
    }
  });

  it("lends another command's first start the lesson's whole cache of the same script, and the lesson none", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-borrow-"));
    const script = join(dir, "tiny.cjs");
    // The shape the build gives its scripts: one function expression of CommonJS's five arguments.
    writeFileSync(script, "(f=>this===globalThis?f:f(exports,require,module,__filename,__dirname))((function (exports, require, module) {\n  module.exports.answer = [1, 2, 3].map((n) => n * 2).join();\n}))", "latin1");
    const cacheHome = join(dir, "cache");
    const id = "0123456789abcdef";
    const cacheOf = (kind: string, scriptId = id, early = false) => {
      const files = cacheFilesFor(cacheHome, script, scriptId, kind);
      mkdirSync(dirname(files.whole), { recursive: true });
      const compiled = new Script(readFileSync(script, "latin1"), { filename: script });
      (compiled.runInThisContext() as (...a: unknown[]) => void)({}, require, { exports: {} }, script, dir);
      writeFileSync(early ? files.early : files.whole, compiled.createCachedData(), { mode: 0o600 });
    };
    const firstStart = (kind: string) => runWithCodeCache(script, cacheFilesFor(cacheHome, script, id, kind)).cache;

    cacheOf("start", "fedcba9876543210"); // another build's script
    cacheOf("start", id, true); // an early one (Ctrl-C at the first question)
    cacheOf("doctor"); // another command's whole one
    expect(firstStart("status")).toBe("none");
    cacheOf("start");
    expect(firstStart("status")).toBe("accepted-borrowed");
    expect(firstStart("start")).toBe("accepted");
    // The lesson borrows none: another command's functions would ride into every later lesson start.
    const lonely = mkdtempSync(join(tmpdir(), "pll-borrow-"));
    const files = cacheFilesFor(lonely, script, id, "status");
    mkdirSync(dirname(files.whole), { recursive: true });
    writeFileSync(files.whole, readFileSync(cacheFilesFor(cacheHome, script, id, "start").whole), { mode: 0o600 });
    expect(runWithCodeCache(script, cacheFilesFor(lonely, script, id, "start")).cache).toBe("none");
  });

  it("keeps one cache per command kind", () => {
    const { learner, cache } = learnerWithOwnCache();
    expect(runCli(learner, STATUS).status).toBe(0);
    expect(runCli(learner, ["doctor", "--sandbox", "--prefix", "cache-test"]).status).toBe(0);
    expect(cacheFiles(cache).map((f) => f.split("/")[1]!.replace(/-[0-9a-f]+-\d+-\d+\.v8$/, "")).sort()).toEqual(["doctor", "status"]);
  });

  it("replaces a broken cache file, and the command runs as if there were none", () => {
    const { learner, cache } = learnerWithOwnCache();
    const first = runCli(learner, STATUS);
    const file = join(cache, "privatelink-lab", "code-cache", cacheFiles(cache)[0]!);
    writeFileSync(file, "not a V8 code cache".repeat(100));
    const again = runCli(learner, STATUS);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toBe("");
    expect(again.stdout).toBe(first.stdout);
    expect(readFileSync(file).includes("not a V8 code cache")).toBe(false);
    expect(statSync(file).size).toBeGreaterThan(100_000);
  });

  it("keeps an early cache from a run that did not exit 0, until a run of that command does", () => {
    const { learner, cache } = learnerWithOwnCache();
    const bad = runCli(learner, ["status", "--sandbox", "--prefix", "x"]);
    expect(bad.status).toBe(2);
    expect(cacheFiles(cache)).toEqual([expect.stringMatching(/\/status-[0-9a-f]+-\d+-\d+\.early\.v8$/)]);
    // Another failed run uses it and leaves it (it compiled no more).
    const early = join(cache, "privatelink-lab", "code-cache", cacheFiles(cache)[0]!);
    const before = statSync(early);
    expect(runCli(learner, ["status", "--sandbox", "--prefix", "x"]).status).toBe(2);
    expect(statSync(early).ino).toBe(before.ino);
    // A run that exits 0 writes the whole cache in its place.
    expect(runCli(learner, STATUS).status).toBe(0);
    expect(cacheFiles(cache)).toEqual([expect.stringMatching(/\/status-[0-9a-f]+-\d+-\d+\.v8$/)]);
    expect(statSync(join(cache, "privatelink-lab", "code-cache", cacheFiles(cache)[0]!)).size).toBeGreaterThan(before.size);
  });

  it("is skipped without a word when its folder cannot be made", () => {
    const blocker = join(mkdtempSync(join(tmpdir(), "pll-cache-file-")), "not-a-folder");
    writeFileSync(blocker, "a file where the cache folder would go");
    const learner = freshLearner({ XDG_CACHE_HOME: blocker });
    const r = runCli(learner, STATUS);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("cache-test");
  });

  it("is neither read nor written with NODE_DISABLE_COMPILE_CACHE, as Node's own", () => {
    const { learner, cache } = learnerWithOwnCache({ NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(runCli(learner, STATUS).status).toBe(0);
    expect(cacheFiles(cache)).toEqual([]);
  });

  it("keeps --help and --version (the help script) under one kind of their own", () => {
    const { learner, cache } = learnerWithOwnCache();
    for (const args of [["--help"], ["status", "--help"], ["--version"], ["--lang", "ja", "-h"]]) expect(runCli(learner, args).status).toBe(0);
    expect(cacheFiles(cache)).toEqual([expect.stringMatching(/\/help-[0-9a-f]+-\d+-\d+\.v8$/)]);
  });

  it("runs the help script only when no command can run (a help flag, and only command words or --lang besides)", () => {
    expect(isHelpRun(["--help"])).toBe(true);
    expect(isHelpRun(["workshop", "plan", "-h"])).toBe(true);
    expect(isHelpRun(["help", "status"])).toBe(true);
    expect(isHelpRun(["--lang", "ja", "--version"])).toBe(true);
    expect(isHelpRun(["--lang=ja", "status", "--help"])).toBe(true);
    expect(isHelpRun(["status"])).toBe(false);
    // "--help" as an option's value, or after `--`, is not a help flag: the command runs.
    expect(isHelpRun(["--prefix", "--help"])).toBe(false);
    expect(isHelpRun(["--lang", "--help"])).toBe(false);
    expect(isHelpRun(["--", "--help"])).toBe(false);
    expect(isHelpRun(["status", "--sandbox", "--help"])).toBe(false);
  });

  it("is kept per command, never per option value (no file named after a prefix)", () => {
    expect(commandKind(["status", "--prefix", "team-a"])).toBe("status");
    expect(commandKind(["workshop", "status"])).toBe("workshop");
    expect(commandKind([])).toBe("start");
    expect(commandKind(["--prefix", "team-a", "status"])).toBe("start");
    expect(commandKind(["--sandbox"])).toBe("start");
    expect(commandKind(["../../etc/passwd"])).toBe("start");
    expect(commandKind(["Status"])).toBe("start");
  });
});
