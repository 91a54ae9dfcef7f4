/**
 * A Japanese learner whose input method is left on types full-width characters: `ｔｅａｍ－０１` at the prefix
 * question, `２` at a step's question. On a real terminal (tmux) both are read as what they mean (`team-01`, the
 * answer keyed 2), instead of "use only a-z, digits and hyphens" for what looks like just that, and a key that does nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";
import { TmuxSession } from "../helpers/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

describe("full-width input (a Japanese input method left on)", () => {
  it("ｔｅａｍ－０１ is the prefix team-01, and ２ picks the answer keyed 2", async () => {
    const s = new TmuxSession(freshLearner({ LANG: "ja_JP.UTF-8" }), ["--sandbox", "--sandbox-speed", "instant", "--mode", "guided"], { cols: 80, rows: 24 });
    sessions.push(s);
    await s.waitFor(/参加者プレフィックス/, 30_000);
    s.type("ｔｅａｍ－０１");
    s.keys("Enter");
    const asked = await s.waitFor(/このステップをいま実行しますか？|使えるのは/, 30_000);
    expect(asked).not.toContain("使えるのは");
    expect(asked).toMatch(/プレフィックス[\s\S]{0,4}team-01/);
    s.type("２");
    // Answer 2 shows the step's AWS CLI commands before running it.
    await s.waitFor(/aws sts get-caller-identity/, 30_000);
  }, 60_000);

  it("ｙ at destroy's question deletes", async () => {
    const me = freshLearner({ LANG: "ja_JP.UTF-8" });
    for (const step of ["preflight", "deploy"]) {
      const r = runCli(me, ["step", step, "--sandbox", "--sandbox-speed", "instant", "--prefix", "fwx", "--yes"]);
      expect(r.status, r.stderr).toBe(0);
    }
    const s = new TmuxSession(me, ["destroy", "--prefix", "fwx", "--sandbox", "--sandbox-speed", "instant"], { cols: 80, rows: 24 });
    sessions.push(s);
    await s.waitFor(/削除しますか？/, 30_000);
    s.type("ｙ");
    s.keys("Enter");
    const screen = await s.waitFor(/\[exit \d+\]/, 30_000);
    expect(screen).not.toContain("何も削除していません");
    expect(screen).toContain("[exit 0]");
    const left = runCli(me, ["destroy", "--prefix", "fwx", "--sandbox", "--dry-run"]);
    expect(left.stdout + left.stderr).not.toContain("fwx-consumer");
  }, 90_000);
});
