/**
 * `join --help` and `sandbox env --help` on a 60-column terminal: each example, folded, still pastes as one command in
 * its own shell — the `eval "$(…)"` line in bash (a bare line break inside `$(…)` would run the command without its
 * address), the `| Out-String | iex` line in PowerShell (continued with a backtick: bash's ` \` is no continuation there).
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fitHelp } from "../../src/ui/help-layout.js";
import { displayWidth } from "../../src/ui/text-width.js";
import { parsePowerShell } from "../helpers/powershell-grammar.js";

const URL = "http://10.0.0.5:8787/join/Ab3dEf6hJk9mNp4q";
const EVAL = `  eval "$(npx privatelink-lab join ${URL})"`;
const POWERSHELL = `  npx privatelink-lab join ${URL} --shell powershell | Out-String | iex`;

/** The arguments `npx` gets when bash runs these lines (npx stubbed to print them, one a line). */
function npxArgsInBash(lines: string): string[] {
  const r = spawnSync("bash", ["-c", `npx() { printf '%s\\n' "$@"; }\n${lines}\n`], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return r.stdout.trim().split("\n");
}

describe("--help examples folded at 60 columns", () => {
  it("eval \"$(npx … join <url>)\": bash runs the same command, address included", () => {
    const folded = fitHelp(EVAL, 60);
    expect(folded.split("\n").length).toBeGreaterThan(1);
    for (const line of folded.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    // (eval would run what npx prints: printed instead, it shows the arguments npx got.)
    const seen = npxArgsInBash(folded.replace('eval "$(', 'printf "%s" "$('));
    expect(seen).toEqual(["privatelink-lab", "join", URL]);
  });

  it("the PowerShell example: one statement for PowerShell's grammar, no bash continuation", async () => {
    const folded = fitHelp(POWERSHELL, 60);
    const lines = folded.split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).not.toMatch(/ \\$/);
    const parsed = await parsePowerShell(folded);
    expect(parsed.problems).toEqual([]);
    expect(parsed.statements).toHaveLength(1);
  });
});
