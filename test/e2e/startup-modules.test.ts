/**
 * Which of Node's own modules a start loads (each costs a fresh process milliseconds): `--help`
 * never starts a child process; a sandbox run never loads the HTTP and TLS stack, which only AWS
 * itself needs (scripts/build.mjs, "lazy-builtins"; src/aws/clients.ts, NO_TRANSPORT). Output to
 * a pipe (as here: spawnSync's stdout and stderr) loads no network module, and help no stream
 * module either (src/standard-output.ts). A sandbox lesson loads no crypto module.
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

/** Node's built-in modules loaded by the CLI run with `args` (which must exit with `status`), and its stderr. */
function builtinsLoaded(args: string[], status = 0): { loaded: string[]; stderr: string } {
  const out = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const learner = freshLearner({ PLL_MODULES_OUT: out });
  const r = spawnSync(process.execPath, ["-r", hook, BIN, ...args], { env: learner.env, encoding: "utf8", timeout: 60_000 });
  expect(r.status, r.stderr).toBe(status);
  const loaded = readFileSync(out, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("NativeModule "))
    .map((l) => l.slice("NativeModule ".length));
  return { loaded, stderr: r.stderr };
}

const HTTP_STACK = ["http", "https", "http2", "tls", "_http_client", "zlib"];

describe("Node modules loaded at start", () => {
  it("--help: no child process module, no HTTP stack, no stream or network module for its pipes", () => {
    const { loaded } = builtinsLoaded(["--help"]);
    expect(loaded.filter((m) => m === "child_process" || HTTP_STACK.includes(m))).toEqual([]);
    expect(loaded.filter((m) => ["net", "tty", "stream", "internal/streams/readable", "internal/streams/writable"].includes(m))).toEqual([]);
  });

  it("a mistyped option: its message goes to the stderr pipe without the network module", () => {
    const { loaded, stderr } = builtinsLoaded(["--sandbx"], 2);
    expect(stderr).toContain("--sandbx");
    expect(loaded).not.toContain("net");
  });

  it("a whole sandbox lesson: no HTTP stack, no child process module", () => {
    const { loaded } = builtinsLoaded(["--sandbox", "--yes", "--prefix", "modules", "--json"]);
    expect(loaded).toContain("vm"); // (it did run: the one-script build is compiled through node:vm)
    expect(loaded.filter((m) => m === "child_process" || HTTP_STACK.includes(m))).toEqual([]);
    expect(loaded).not.toContain("net");
    // Nothing it does needs a cryptographic hash (src/stable-hash.ts; build.mjs, crypto-on-first-use).
    expect(loaded.filter((m) => m === "crypto" || m.startsWith("internal/crypto/"))).toEqual([]);
  });
});
