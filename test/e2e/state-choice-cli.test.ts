/** Which participant the built CLI acts for when the progress files say little or nonsense (sandbox). */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";

describe("participant choice (built CLI, sandbox)", () => {
  it("status --prefix nobody exits 2, names the lessons there are, and creates no progress file", () => {
    const me = freshLearner();
    expect(runCli(me, ["step", "preflight", "--sandbox", "--yes", "--prefix", "alice"]).status).toBe(0);
    const alice = readFileSync(join(me.stateDir, "participants", "alice.json"), "utf8");
    const run = runCli(me, ["status", "--sandbox", "--prefix", "nobody"]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain("'nobody'");
    expect(run.stderr).toContain("Lessons here: alice");
    expect(readdirSync(join(me.stateDir, "participants"))).toEqual(["alice.json"]);
    expect(readFileSync(join(me.stateDir, "participants", "alice.json"), "utf8")).toBe(alice);
  });

  it("a last-participant holding garbage and control characters is said (escaped) and passed over", () => {
    const me = freshLearner({ LANG: "ja_JP.UTF-8" });
    expect(runCli(me, ["step", "preflight", "--sandbox", "--yes", "--prefix", "alice"]).status).toBe(0);
    writeFileSync(join(me.stateDir, "last-participant"), "gar\u001b[2Jbage\n");
    const run = runCli(me, ["status", "--sandbox"]);
    expect(run.status, run.stderr).toBe(2);
    const out = run.stdout + run.stderr;
    expect(out).toContain("gar\\x1b[2Jbage");
    expect(out).not.toContain("\u001b[2J");
    expect(out).toContain("--prefix");
    expect(out).toContain("alice");
    expect(existsSync(join(me.stateDir, "participants", "garbage.json"))).toBe(false);
    expect(readdirSync(join(me.stateDir, "participants"))).toEqual(["alice.json"]);
  });
});
