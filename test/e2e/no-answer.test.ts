/**
 * An endpoint that accepts connections but never answers (a dead proxy, a half-open VPN): every
 * command must end with a message naming the endpoint, not hang. PRIVATELINK_LAB_TIMEOUT=1 makes
 * each request give up after 1 s; a command then ends within about 4 attempts × 1 s.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { useSilentServer } from "../helpers/silent-server.js";
import { BIN, freshLearner } from "../helpers/cli-process.js";

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
