/**
 * On a Node older than the maintained lines, the executable says in one line which Node to install
 * and exits, in the learner's language, before loading anything else (src/entry.cjs). The Node
 * version is faked by a preload that replaces `process.versions` (test-only; the CLI reads none).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { BIN, freshLearner } from "../helpers/cli-process.js";

const ENTRY = resolve(import.meta.dirname, "../../src/entry.cjs");
const dir = mkdtempSync(join(tmpdir(), "pll-node-version-"));
const fake = join(dir, "fake-node-version.cjs");
writeFileSync(
  fake,
  [
    'Object.defineProperty(process, "versions", { value: { ...process.versions, node: process.env.PLL_FAKE_NODE } });',
    // What the run loaded, written at exit: nothing but the executable itself may be there.
    'process.on("exit", () => require("node:fs").writeFileSync(process.env.PLL_LOADED_OUT, Object.keys(require.cache).join("\\n")));',
  ].join("\n"),
);

function runOn(version: string, lang: string, args: string[] = ["--help"]) {
  const loadedOut = join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const learner = freshLearner({ LANG: lang, PLL_FAKE_NODE: version, PLL_LOADED_OUT: loadedOut });
  const r = spawnSync(process.execPath, ["-r", fake, BIN, ...args], { env: learner.env, encoding: "utf8", timeout: 60_000 });
  const loaded = readFileSync(loadedOut, "utf8").split("\n").filter((f) => f !== fake);
  return { ...r, loaded };
}

describe("an older Node", () => {
  it("gets one English line naming the Node to install, and a failing exit, with nothing loaded", () => {
    const r = runOn("20.19.0", "en_US.UTF-8");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("privatelink-lab needs Node 22.13+ (this is 20.19.0): install Node 24, 22 or 26.\n");
    expect(r.loaded).toEqual([BIN]);
  });

  it("is told in Japanese when the locale is Japanese (22.12 is still too old)", () => {
    const r = runOn("22.12.0", "ja_JP.UTF-8", ["--sandbox", "--json"]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toBe("privatelink-lab: Node 24、22 か 26 を入れてください（今は 22.12.0）。\n");
    expect(r.loaded).toEqual([BIN]);
  });

  it("a maintained line runs the CLI", () => {
    for (const version of ["22.13.0", "24.0.0", "26.1.0"]) {
      const r = runOn(version, "en_US.UTF-8");
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain("privatelink-lab");
    }
  });
});

describe("the executable's version check", () => {
  it("is plain ES5, which any Node parses (esbuild lowers nothing and finds no let, const or class)", () => {
    const text = readFileSync(ENTRY, "utf8");
    expect(transformSync(text, { target: "es5" }).code).toBe(transformSync(text, { target: "esnext" }).code);
  });

  it("compares versions by number, not as text", () => {
    const { nodeTooOld } = createRequire(import.meta.url)(ENTRY) as { nodeTooOld: (v: string, env: NodeJS.ProcessEnv) => string | null };
    expect(nodeTooOld("8.17.0", {})).toMatch(/this is 8\.17\.0/);
    expect(nodeTooOld("22.9.0", {})).not.toBeNull();
    expect(nodeTooOld("22.13.0", {})).toBeNull();
    expect(nodeTooOld("100.0.0", {})).toBeNull();
    expect(nodeTooOld("20.0.0", { LC_ALL: "C", LANG: "ja_JP.UTF-8" })).toMatch(/^privatelink-lab needs/);
    expect(nodeTooOld("20.0.0", { LC_MESSAGES: "ja_JP.UTF-8" })).toMatch(/入れてください/);
  });
});
