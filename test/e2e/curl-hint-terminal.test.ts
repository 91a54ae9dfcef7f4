/**
 * The curl step's hint 2 in a real terminal (tmux) at 80×24 and 120×40, in both languages: the
 * endpoint's DNS name stands alone on its line — at 120 columns within the width, at 80 as one
 * line the terminal folds (capture-pane -J joins it back), so it copies whole — and no other line
 * is wider than the terminal, measured by display width.
 */
import { afterAll, describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";
import { linesTooWide, TmuxSession } from "../helpers/tmux.js";
import { displayWidth } from "../../src/ui/text-width.js";

const PREFIX = ["--sandbox", "--sandbox-speed", "instant", "--prefix", "hint"];
const me = freshLearner();
const sessions: TmuxSession[] = [];
afterAll(() => {
  for (const s of sessions.splice(0)) s.close();
});

describe("curl hint 2 on a terminal", () => {
  it("is built up to the step before curl", () => {
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept"]) {
      const r = runCli(me, ["step", id, ...PREFIX, "--mode", "guided", "-y"]);
      expect(r.status, `${id}: ${r.stderr}`).toBe(0);
    }
  }, 120_000);

  for (const lang of ["en", "ja"] as const) {
    for (const [cols, rows] of [[80, 24], [120, 40]] as const) {
      it(`${lang}, ${cols}×${rows}: the DNS name alone on its line, nothing wider than the terminal`, async () => {
        const learner = { ...me, env: { ...me.env, LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" } };
        const s = new TmuxSession(learner, ["step", "curl", ...PREFIX, "--mode", "hands-on"], { cols, rows });
        sessions.push(s);
        // (Closed before the next size or language: the running lesson holds the participant's lock.)
        try {
          await readHint(s, lang, cols);
        } finally {
          s.close();
        }
      }, 90_000);
    }
  }
});

async function readHint(s: TmuxSession, lang: "en" | "ja", cols: number): Promise<void> {
  const how = lang === "ja" ? /このステップをどう進めますか？\n/ : /How do you want to do this step\?\n/;
  // First the lines for a second terminal, and a question to go on.
  await s.waitFor(/eval "\$\(npx privatelink-lab sandbox env\)"[\s\S]*\n\? /, 30_000);
  s.keys("Enter");
  // "1": verify, twice — nothing was done, so hint 1, then hint 2.
  await s.waitFor(how, 30_000);
  s.keys("1");
  await s.waitFor(lang === "ja" ? /ヒント 1\/3[\s\S]*\n\? / : /Hint 1\/3[\s\S]*\n\? /, 30_000);
  s.keys("1");
  const screen = await s.waitFor(lang === "ja" ? /ヒント 2\/3[\s\S]*\n\? / : /Hint 2\/3[\s\S]*\n\? /, 30_000);
  const hint = screen.slice(screen.lastIndexOf(lang === "ja" ? "ヒント 2/3" : "Hint 2/3"));
  const lines = hint.split("\n");
  const names = lines.filter((l) => /^vpce-\S+\.vpce\.amazonaws\.com$/.test(l.trim()));
  expect(names, hint).toHaveLength(1);
  expect(lines.filter((l) => l.includes("vpce-svc-")), hint).toEqual(names);
  if (cols >= 100) expect(displayWidth(names[0]!)).toBeLessThanOrEqual(cols);
  expect(linesTooWide(hint, cols)).toEqual([]);
}
