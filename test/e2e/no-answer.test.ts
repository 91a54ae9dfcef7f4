/**
 * An endpoint that accepts connections but never answers (a dead proxy, a half-open VPN): every
 * command must end with a message naming the endpoint, not hang. PRIVATELINK_LAB_TIMEOUT=1 makes
 * each request give up after 1 s; a command then ends within about 4 attempts × 1 s.
 */
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useSilentServer } from "../helpers/silent-server.js";
import { BIN, freshLearner } from "../helpers/cli-process.js";
import { translator } from "../../src/i18n/messages.js";
import { displayWidth } from "../../src/ui/text-width.js";

const silent = useSilentServer();

/** Runs the CLI asynchronously (the server lives in this process); a guard kills a hang at 60 s. */
function run(args: string[]): Promise<{ code: number | null; stderr: string; hung: boolean }> {
  const me = freshLearner({ AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "example", PRIVATELINK_LAB_TIMEOUT: "1" });
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args, "--endpoint-url", `http://127.0.0.1:${silent.port()}`, "--region", "us-east-1", "--prefix", "tom"], { env: me.env });
    let stderr = "";
    let hung = false;
    const guard = setTimeout(() => ((hung = true), child.kill("SIGKILL")), 60_000);
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => {
      clearTimeout(guard);
      done({ code, stderr, hung });
    });
  });
}

describe("an endpoint that never answers", () => {
  for (const args of [["start", "--yes"], ["doctor"], ["status"]]) {
    it.concurrent(`${args[0]} ends with exit 5 and names the endpoint`, async () => {
      const r = await run(args);
      expect(r.hung).toBe(false);
      expect(r.code, r.stderr).toBe(5);
      expect(r.stderr).toContain(`No answer from http://127.0.0.1:${silent.port()} within 1 s`);
      expect(r.stderr).not.toContain("AWS refused");
      // Not minutes of nothing: after the first request left unanswered, it says it tries again, and how long.
      const again = `! No answer from http://127.0.0.1:${silent.port()} within 1 s: trying again (3 more times, up to 3 s more).`;
      expect(r.stderr.split(again).length - 1, r.stderr).toBe(1);
      expect(r.stderr.indexOf(again)).toBeLessThan(r.stderr.indexOf("(tried 4 times)"));
    }, 70_000);
  }

  // `status 2>&1 | less`: the notice is read among the lesson's lines, which a pipe gets wrapped at 80 columns.
  it.concurrent.each(["en", "ja"] as const)("its notice sent with the lesson's lines into one pipe or file is wrapped at 80 columns like them (%s)", async (lang) => {
    const me = freshLearner({ AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "example", PRIVATELINK_LAB_TIMEOUT: "1", LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" });
    const file = join(mkdtempSync(join(tmpdir(), "pll-merged-")), "out.txt");
    const fd = openSync(file, "w");
    const child = spawn(process.execPath, [BIN, "status", "--endpoint-url", `http://127.0.0.1:${silent.port()}`, "--region", "us-east-1", "--prefix", "tom"], { env: me.env, stdio: ["ignore", fd, fd] });
    const code = await new Promise<number | null>((done) => child.on("close", done));
    closeSync(fd);
    const out = readFileSync(file, "utf8");
    expect(code, out).toBe(5);
    const said = translator(lang)("screens2.network.retrying", { endpoint: `http://127.0.0.1:${silent.port()}`, seconds: 1, retries: 3, total: 3 });
    expect(out.split("\n").map((l) => displayWidth(l)).filter((w) => w > 80), out).toEqual([]);
    // Its lines hang under its text after the mark; put back together, the notice.
    const first = out.split("\n").findIndex((l) => l.startsWith("! "));
    const lines = out.split("\n").slice(first, first + 3).filter((l, i) => i === 0 || l.startsWith("  "));
    expect(lines.length, out).toBeGreaterThan(1);
    expect(lines.map((l) => l.slice(2)).join(lang === "ja" ? "" : " "), out).toContain(said);
  }, 70_000);

  it("connection refused is said as such (exit 5), not as AWS refusing", async () => {
    const me = freshLearner({ AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "example", PRIVATELINK_LAB_TIMEOUT: "1" });
    const probe = createServer();
    await new Promise<void>((ok) => probe.listen(0, "127.0.0.1", ok));
    const closed = (probe.address() as { port: number }).port;
    await new Promise<void>((ok) => probe.close(() => ok()));
    const { runCli } = await import("../helpers/cli-process.js");
    const r = runCli(me, ["status", "--endpoint-url", `http://127.0.0.1:${closed}`, "--region", "us-east-1", "--prefix", "tom"]);
    expect(r.status).toBe(5);
    expect(r.stderr).toContain("refused the connection");
  }, 70_000);
});
