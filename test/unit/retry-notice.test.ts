/**
 * When AWS does not answer, the learner is told it is tried again. A spinner may be on the line
 * at that moment: the notice must start a clean line of its own, not run on after the spinner's
 * text ("⠋ Reading the cloud! No answer from …"). Standard output and standard error are two
 * streams into one terminal here, as they are for a learner.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { useSilentServer } from "../helpers/silent-server.js";
import { lessonContext, openSession, type Environment } from "../../src/commands/session.js";
import { awsPort } from "../../src/aws/port.js";
import { translator } from "../../src/i18n/messages.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { TerminalHost } from "../../src/ui/terminal-host.js";

const silent = useSilentServer();

/** One terminal's screen, written to by two streams (stdout, stderr) as a learner's terminal is. */
function terminal() {
  let raw = "";
  const stream = () => ({
    isTTY: true as const,
    columns: 100,
    rows: 40,
    write: (s: string) => ((raw += s), true),
    cursorTo: (x: number) => ((raw += x === 0 ? "\r" : `\x1b[${x + 1}G`), true),
    clearLine: () => ((raw += "\x1b[2K"), true),
    moveCursor: (_x: number, y: number) => ((raw += y < 0 ? `\x1b[${-y}A` : ""), true),
    on: () => undefined,
    once: () => undefined,
    off: () => undefined,
    removeListener: () => undefined,
  });
  return {
    stdout: stream() as unknown as NodeJS.WriteStream,
    stderr: stream() as unknown as NodeJS.WriteStream,
    /** The lines as they read: what is left after the last return to the line's start. */
    lines: () => raw.split("\n").map((l) => l.slice(l.lastIndexOf("\r") + 1).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")),
  };
}

describe("the notice that AWS is tried again", () => {
  it("starts its own line while a spinner is drawing", async () => {
    vi.stubEnv("CI", undefined); // ora draws only outside CI
    // (the SDK reads its keys from the process's environment)
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "example");
    const screen = terminal();
    const e: Environment = {
      env: { LANG: "en_US.UTF-8", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "example", PRIVATELINK_LAB_TIMEOUT: "1" },
      stdin: process.stdin,
      stdout: screen.stdout,
      stderr: screen.stderr,
      clock: new ManualClock(),
      stateDir: mkdtempSync(join(tmpdir(), "pll-state-")),
      makeHost: (lang, t) => new TerminalHost({ lang, t, interactive: false, output: screen.stdout, errors: screen.stderr }),
    };
    const opts = { prefix: "tom", region: "us-east-1", endpointUrl: `http://127.0.0.1:${silent.port()}`, yes: true, lang: "en" };
    const ctx = await lessonContext(opts, e, await openSession(opts, e), false, "read");
    const spinner = ctx.io.spinner("tour", "Reading the cloud");
    await awsPort(ctx.clients).sts.getCallerIdentity({}).catch(() => undefined);
    spinner.stop();
    vi.unstubAllEnvs();
    const said = translator("en")("screens2.network.retrying", { endpoint: `http://127.0.0.1:${silent.port()}`, seconds: 1, retries: 3, total: 3 });
    const line = screen.lines().find((l) => l.includes(said));
    expect(line, screen.lines().join("\n")).toBe(`! ${said}`);
  }, 30_000);
});
