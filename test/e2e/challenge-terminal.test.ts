/**
 * A challenge solved end to end in a real pseudo-terminal (tmux), with the built CLI: the build
 * is finished, `challenge start` breaks something, `check` fails with the first hint, `diagnose`
 * names the broken link, and the learner repairs it through the hands-on forms of `challenge fix`
 * (choosing the console page, the group, the rule), after which curl proves the fix.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildLab } from "../helpers/built-lab.js";
import { freshLearner, runCli } from "../helpers/cli-process.js";
import { TmuxSession } from "../helpers/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

/** The question waiting for an answer, if any (inquirer marks it with "?" until answered). */
function pendingPrompt(screen: string): string | undefined {
  const line = [...screen.trimEnd().split("\n").slice(-25)].reverse().find((l) => /^\? /.test(l));
  return line?.slice(2);
}

describe("a challenge in a real terminal", () => {
  it("is found with diagnose and fixed through the hands-on forms", async () => {
    const me = freshLearner();
    // The finished build is made in-process (faster than eight CLI runs) and handed to the CLI as
    // its sandbox file and progress file.
    const lab = await buildLab();
    const home = join(me.home, "state", "privatelink-lab");
    mkdirSync(join(home, "sandbox"), { recursive: true });
    writeFileSync(join(home, "sandbox", "account.json"), JSON.stringify(lab.world), { mode: 0o600 });
    // Not the lock this test process holds on the participant: the CLI below is another process.
    cpSync(lab.stateDir, home, { recursive: true, filter: (src) => !src.endsWith(".lock") });
    const started = runCli(me, ["challenge", "start", "silent-door", "--prefix", "alice"]);
    expect(started.status, started.stderr).toBe(0);
    const check = runCli(me, ["challenge", "check", "--prefix", "alice"]);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/Hint 1\/3/);
    const diag = runCli(me, ["diagnose", "--prefix", "alice"]);
    expect(diag.stdout).toMatch(/First broken link: Endpoint security group/);
    // --json: the same as data, one JSON event per line, nothing else on stdout.
    const json = runCli(me, ["diagnose", "--prefix", "alice", "--json"]);
    expect(json.status).toBe(1);
    const events = json.stdout.trim().split("\n").map((l) => JSON.parse(l) as { type: string; first?: { id: string; cli?: string }; links?: unknown[] });
    const d = events.find((e) => e.type === "diagnosis")!;
    expect(d.first).toMatchObject({ id: "endpoint-sg" });
    expect(d.first!.cli).toMatch(/^aws ec2 authorize-security-group-ingress --group-id sg-/);
    expect(d.links).toHaveLength(11);

    const s = new TmuxSession(me, ["challenge", "fix", "--prefix", "alice"]);
    sessions.push(s);
    const answers: Record<string, string[][]> = {
      // Security groups → inbound rules; then, on the second visit, "Done" (the last page).
      "Which console page do you open?": [["Enter"], ["Up", "Enter"]],
      "Security group": [["Enter"]], // the endpoint's group is listed first
      Type: [["Enter"]], // HTTP (TCP 80)
      Source: [["Down", "Enter"]], // the Consumer instance's security group
    };
    const seen: string[] = [];
    let answered = -1;
    const deadline = Date.now() + 150_000;
    for (;;) {
      const screen = s.screen();
      if (/\[exit \d+\]/.test(screen)) break;
      const prompt = pendingPrompt(screen);
      const count = (screen.match(/^✔ /gm) ?? []).length;
      if (prompt !== undefined && count !== answered) {
        answered = count;
        const key = Object.keys(answers).find((k) => prompt.startsWith(k));
        seen.push(prompt);
        for (const k of (key && answers[key]!.shift()) || ["Enter"]) s.keys(k);
      }
      if (Date.now() > deadline) throw new Error(`timed out; prompts: ${seen.join(" | ")}\n${screen.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 60));
    }
    const screen = s.screen();
    expect(screen, `${seen.join(" | ")}\n${screen.slice(0, 4000)}`).toContain("[exit 0]");
    expect(seen.filter((p) => p.startsWith("Which console page")).length).toBe(2);
    expect(screen).toContain("Fixed!");
    expect(screen).toContain("Provider");

    const list = runCli(me, ["challenge", "list", "--prefix", "alice"]);
    expect(list.stdout).toMatch(/✔\s+silent-door/);
  }, 240_000);
});
