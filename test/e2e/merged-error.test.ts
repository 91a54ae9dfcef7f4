/**
 * An error at the edge sent where the lesson's lines go (`2>&1 | less`) is read among them, which
 * the UI wraps at 80 columns in a pipe: it is wrapped the same way. Sent apart, it stays on one line.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, freshLearner, runCli } from "../helpers/cli-process.js";
import { displayWidth } from "../../src/ui/text-width.js";

const ARGS = ["--sandbox", "step", "deploy"]; // needs preflight first: an error with a long hint

/** What the CLI writes with standard output and standard error into one file (`2>&1`), and its exit status. */
function merged(args: string[], LANG: string): { out: string; status: number | null } {
  const learner = freshLearner({ LANG });
  const file = join(mkdtempSync(join(tmpdir(), "pll-merged-")), "out.txt");
  const fd = openSync(file, "w");
  const r = spawnSync(process.execPath, [BIN, ...args], { env: learner.env, stdio: ["ignore", fd, fd], timeout: 60_000 });
  closeSync(fd);
  return { out: readFileSync(file, "utf8"), status: r.status };
}

describe("an error among the lesson's lines", () => {
  it.each(["en_US.UTF-8", "ja_JP.UTF-8"])("with 2>&1 into one pipe or file, no line is wider than 80 columns (%s)", (LANG) => {
    const { out, status } = merged(ARGS, LANG);
    expect(status, out).not.toBe(0);
    expect(out).toMatch(/→ /);
    expect(Math.max(...out.split("\n").map((l) => displayWidth(l))), out).toBeLessThanOrEqual(80);
  });

  it.each(["en_US.UTF-8", "ja_JP.UTF-8"])("a usage error (an unknown option) with 2>&1 is wrapped the same way (%s)", (LANG) => {
    const { out, status } = merged(["--sandbox", "--keep"], LANG);
    expect(status, out).toBe(2);
    expect(out).toMatch(/→ /);
    expect(Math.max(...out.split("\n").map((l) => displayWidth(l))), out).toBeLessThanOrEqual(80);
  });

  it("sent apart (2> a file of its own), each message stays on one line", () => {
    const r = runCli(freshLearner(), ARGS);
    const hint = r.stderr.split("\n").find((l) => l.startsWith("→ "))!;
    expect(displayWidth(hint)).toBeGreaterThan(80);
  });
});
