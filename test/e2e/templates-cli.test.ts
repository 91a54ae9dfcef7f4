/** The printed deploy instructions point at templates that exist, wherever the package lives. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";

describe("privatelink-lab templates", () => {
  it("prints absolute paths of templates that exist", () => {
    const r = runCli(freshLearner(), ["templates"]);
    expect(r.status, r.stderr).toBe(0);
    const paths = r.stdout.trim().split("\n");
    expect(paths.map((p) => p.split("/").at(-1))).toEqual(["Consumer.yml", "Provider.yml"]);
    for (const p of paths) expect(isAbsolute(p) && existsSync(p), p).toBe(true);
  });

  it("copies them with --out, and never overwrites an edited copy", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-tpl-"));
    const me = freshLearner({ LANG: "ja_JP.UTF-8" });
    const r = runCli(me, ["templates", "--out", dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("コピーしました");
    expect(readFileSync(join(dir, "Consumer.yml"), "utf8")).toContain("AWS::EC2::VPC");
    writeFileSync(join(dir, "Provider.yml"), "# my edits\n");
    const again = runCli(me, ["templates", "--out", dir]);
    expect(again.status).toBe(2);
    expect(readFileSync(join(dir, "Provider.yml"), "utf8")).toBe("# my edits\n");
  });

  it("the deploy step's CLI text names the real template path", () => {
    const me = freshLearner();
    const r = runCli(me, ["step", "preflight", "--sandbox", "--yes", "--prefix", "tpl"]);
    expect(r.status, r.stderr).toBe(0);
    const d = runCli(me, ["step", "deploy", "--sandbox", "--yes", "--prefix", "tpl"]);
    const path = /file:\/\/(\S+Consumer\.yml)/.exec(d.stdout)?.[1];
    expect(path && existsSync(path), d.stdout.slice(0, 2000)).toBe(true);
  });
});
