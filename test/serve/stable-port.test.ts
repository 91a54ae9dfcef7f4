/**
 * A learner points a second terminal at the served sandbox once (`eval "$(… sandbox env)"`); when
 * they stop and serve it again (a hands-on lesson resumed, `sandbox serve` restarted), it is at the
 * same address, so that terminal still works. When that port is taken, it serves on another one
 * rather than failing.
 */
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner, startServing, stopServing } from "../helpers/cli-process.js";

afterEach(stopServing);

/** Starts the built `sandbox serve --json` in `env`; resolves with its URL and a way to stop it. */
async function serve(env: NodeJS.ProcessEnv): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
  const { event, stop } = await startServing<{ url: string; port: number }>(env, ["sandbox", "serve", "--json"]);
  return { url: event.url, port: event.port, stop };
}

describe("the served sandbox keeps its address between runs", () => {
  it("serves the same account at the same URL again, and on another port when that one is taken", async () => {
    const learner = freshLearner();
    const first = await serve(learner.env);
    await first.stop();
    const again = await serve(learner.env);
    expect(again.url).toBe(first.url);
    await again.stop();

    // Something else holds the port now: the sandbox is still served, elsewhere.
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(first.port, "127.0.0.1", resolve));
    try {
      const moved = await serve(learner.env);
      expect(moved.port).not.toBe(first.port);
      expect(moved.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await moved.stop();
    } finally {
      blocker.close();
    }

    // Another learner's account (another key pair) has its own address.
    const other = await serve(freshLearner().env);
    expect(other.url).not.toBe(first.url);
    await other.stop();
  }, 60_000);
});

describe("the served sandbox, stopped with Ctrl-C", () => {
  it("leaves the account as one file: no -wal or -shm beside it", async () => {
    const learner = freshLearner();
    const served = await serve(learner.env);
    await served.stop();
    expect(readdirSync(dirname(learner.sandboxFile)).filter((f) => f.startsWith("account.db")).sort()).toEqual(["account.db"]);
  }, 60_000);
});
