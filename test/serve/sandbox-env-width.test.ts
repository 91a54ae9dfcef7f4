/**
 * `sandbox env` on an 80-column terminal: a learner who runs it to see what it does, then copies
 * its lines into the shell instead of `eval`, gets every line whole. Its comment line used to run
 * past 80 columns in both languages; the terminal broke it mid-word, and the pasted second half
 * ran as a command ("command not found").
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { sandboxEnv } from "../../src/commands/sandbox-env.js";
import type { Environment } from "../../src/commands/session.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { publishServed, servedFile } from "../../src/sandbox/served-file.js";
import { displayWidth } from "../../src/ui/text-width.js";

// The longest address a served sandbox can have on loopback.
const TARGET = { url: "http://127.0.0.1:65535", region: "ap-northeast-1", accessKeyId: "PLLABAADFD79633F28F5", secretAccessKey: "S9dY5E6Ap6k3mgIUxbApmV86cAMMaexaqyvvw588" };

async function printed(lang: string, shell: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "pll-envw-"));
  let out = "";
  const stdout = new PassThrough() as unknown as NodeJS.WriteStream;
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  const e: Environment = {
    env: { LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8", PATH: process.env.PATH, SHELL: `/bin/${shell}`, PRIVATELINK_LAB_SANDBOX_FILE: join(dir, "sandbox", "account.json") },
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    stdout,
    stderr: new PassThrough() as unknown as NodeJS.WriteStream,
    clock: new ManualClock(),
  };
  const unpublish = publishServed(servedFile(e.env), TARGET);
  try {
    await sandboxEnv({}, e);
  } finally {
    unpublish();
  }
  return out.split("\n").filter(Boolean);
}

describe("sandbox env fits an 80-column terminal", () => {
  for (const lang of ["ja", "en"])
    for (const shell of ["bash", "fish"])
      it(`${lang}, ${shell}: every line, the comment included, is at most 80 columns`, async () => {
        const lines = await printed(lang, shell);
        expect(lines.some((l) => l.startsWith("#") && l.includes(TARGET.url))).toBe(true);
        for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
      });
});
