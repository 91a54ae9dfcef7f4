/**
 * Which of Node's own modules a start loads: `--help` loads no command, so not the AWS SDK and its
 * HTTP stack (each command's modules are loaded by import() when it runs).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, freshLearner } from "../helpers/cli-process.js";

const dir = mkdtempSync(join(tmpdir(), "pll-modules-"));
const hook = join(dir, "hook.cjs");
writeFileSync(hook, 'process.on("exit", () => require("node:fs").writeFileSync(process.env.PLL_MODULES_OUT, process.moduleLoadList.join("\\n")));\n');

/** Node's built-in modules loaded by the CLI run with `args` (which must exit with `status`). */
function builtinsLoaded(args: string[], status = 0): string[] {
  const out = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const learner = freshLearner({ PLL_MODULES_OUT: out });
  const r = spawnSync(process.execPath, ["-r", hook, BIN, ...args], { env: learner.env, encoding: "utf8", timeout: 60_000 });
  expect(r.status, r.stderr).toBe(status);
  return readFileSync(out, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("NativeModule "))
    .map((l) => l.slice("NativeModule ".length));
}

const HTTP_STACK = ["http", "https", "http2", "tls", "_http_client", "zlib"];

describe("Node modules loaded at start", () => {
  it("--help: no HTTP stack", () => {
    const loaded = builtinsLoaded(["--help"]);
    expect(loaded.filter((m) => HTTP_STACK.includes(m))).toEqual([]);
  });

  it("a whole sandbox lesson does load the SDK's (it ran: the check above is not empty by accident)", () => {
    expect(builtinsLoaded(["--sandbox", "--yes", "--prefix", "modules", "--json"])).toContain("https");
  });
});
