/**
 * Keys a learner presses while the lesson prints (an Enter while reading the next step's text) are not kept for the
 * question that follows: it waits for an answer given after it is on screen. (Keys pressed during a spinner are
 * dropped by the spinner: type-ahead.test.ts.) The printing is held still for a moment right after a step's heading
 * (a preloaded hook in the real process, on the real terminal), so the keys surely come while nothing reads them.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";
import { TmuxSession } from "../helpers/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

/** Once standard output has written `marker`, the process stands still for 3 seconds (as a slow screen would), reading nothing. */
function holdAfter(marker: string): string {
  const hook = join(mkdtempSync(join(tmpdir(), "pll-hold-")), "hold.cjs");
  writeFileSync(
    hook,
    `const write = process.stdout.write.bind(process.stdout);
let held = false;
process.stdout.write = (chunk, ...rest) => {
  const written = write(chunk, ...rest);
  if (!held && String(chunk).includes(${JSON.stringify(marker)})) {
    held = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
  }
  return written;
};
`,
  );
  return hook;
}

describe.each([
  ["en", "Step 2/9", /Step 2\/9[\s\S]*[?✔] Continue\?/, /✔ Continue\?/],
  ["ja", "ステップ 2/9", /ステップ 2\/9[\s\S]*[?✔] 先へ進みますか？/, /✔ 先へ進みますか？/],
] as const)("keys pressed while the lesson prints (%s)", (lang, heading, asked, answered) => {
  it("do not answer the question asked after them", async () => {
    const me = freshLearner();
    const prefix = `print-${lang}`;
    const r = runCli(me, ["step", "preflight", "--sandbox", "--yes", "--prefix", prefix, "--lang", lang]);
    expect(r.status, r.stderr).toBe(0);
    const env = { ...me, env: { ...me.env, NODE_OPTIONS: `--require ${holdAfter(heading)}` } };
    const s = new TmuxSession(env, ["--sandbox", "--prefix", prefix, "--lang", lang, "--sandbox-speed", "instant"], { cols: 80, rows: 24 });
    sessions.push(s);
    await s.waitFor(lang === "en" ? /Step 1\/9[\s\S]*\? Run this step now\?/ : /ステップ 1\/9[\s\S]*\? このステップをいま実行しますか？/, 30_000);
    s.keys("1");
    // The tour's heading is on screen and the lesson stands still: Enter, as a learner reading it might press.
    await s.waitFor(new RegExp(heading.replace("/", "\\/")), 60_000);
    s.keys("Enter");
    await s.waitFor(asked, 30_000);
    await new Promise((done) => setTimeout(done, 1500));
    expect(s.screen(), "the tour's question answered by a key pressed before it was asked").not.toMatch(answered);
    s.keys("0");
    const stopped = await s.waitFor(/\[exit \d+\]/, 30_000);
    expect(stopped).toContain("[exit 0]");
  }, 120_000);
});
