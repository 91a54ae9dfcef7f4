/**
 * `--version --json` is one JSON line, shaped as every `--json` line is (time, type, then named
 * fields: the version and the Node.js running it), on a terminal of any width and in a pipe;
 * without --json, the version alone, as before.
 */
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { EVENT_SCHEMAS } from "../../src/ui/event-schema.js";

const VERSION = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

/** What the program prints for `argv` on standard output: a terminal `columns` wide, or a pipe (undefined). */
async function printed(argv: string[], columns?: number): Promise<{ text: string; code: number }> {
  let text = "";
  const stdout = Object.assign(new PassThrough(), columns ? { isTTY: true, columns } : {});
  stdout.on("data", (d: Buffer) => (text += d.toString()));
  const e = { env: { LANG: "ja_JP.UTF-8" }, stdin: new PassThrough(), stdout, stderr: stdout, clock: { now: () => Date.now() } };
  const code = await runCli(argv, e as never, async () => undefined);
  return { text, code };
}

describe("--version", () => {
  it.each([[undefined], [40], [80]])("with --json: one JSON line of type version, the version and Node's (terminal: %s columns)", async (columns) => {
    for (const argv of [["--version", "--json"], ["--json", "-v"]]) {
      const { text, code } = await printed(argv, columns);
      expect(code).toBe(0);
      expect(text.endsWith("\n") && text.split("\n").length === 2, text).toBe(true);
      const line = JSON.parse(text) as Record<string, unknown>;
      expect(EVENT_SCHEMAS.version.safeParse(line).success, text).toBe(true);
      expect(line).toMatchObject({ type: "version", version: VERSION, node: process.version });
    }
  });

  it("without --json: the version alone, as before", async () => {
    expect((await printed(["--version"])).text).toBe(`${VERSION}\n`);
    expect((await printed(["-v"], 80)).text).toBe(`${VERSION}\n`);
  });
});
