/**
 * The built CLI in a real pseudo-terminal (tmux): a learner answering prompts, making a wrong
 * choice, being interrupted with Ctrl-C and coming back.
 */
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner, runCli, type CliEnv } from "../helpers/cli-process.js";
import { TmuxSession } from "../helpers/tmux.js";
import { accountOf } from "../helpers/account-file.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

function open(learner: CliEnv, args: string[]): TmuxSession {
  const s = new TmuxSession(learner, args);
  sessions.push(s);
  return s;
}

/** The question waiting for an answer, if any (inquirer marks it with "?" until answered). */
function pendingPrompt(screen: string): string | undefined {
  const tail = screen.trimEnd().split("\n").slice(-25);
  const line = [...tail].reverse().find((l) => /^\? /.test(l));
  return line?.slice(2);
}

/**
 * Answers prompts with `decide` (default: Enter) until `done` shows; returns the prompts seen.
 * `decide` returns tmux keys; an item `text:…` is typed literally.
 */
async function answerUntil(
  s: TmuxSession,
  done: RegExp,
  decide: (prompt: string, screen: string) => string[] = () => ["Enter"],
  timeoutMs = 60_000,
): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  let answeredAt = -1;
  for (;;) {
    const screen = s.screen();
    if (done.test(screen)) return seen;
    const prompt = pendingPrompt(screen);
    // An answered question: ✔, or › for a quiz question (judged on the line after it).
    const answeredCount = (screen.match(/^[✔›] /gm) ?? []).length;
    if (prompt !== undefined && answeredCount !== answeredAt) {
      seen.push(prompt);
      answeredAt = answeredCount;
      for (const key of decide(prompt, screen)) {
        if (key.startsWith("text:")) s.type(key.slice(5));
        else s.keys(key);
      }
    }
    if (Date.now() > deadline) throw new Error(`timed out; prompts so far: ${seen.join(" | ")}\n${screen.split("\n").slice(-30).join("\n")}`);
    await new Promise((r) => setTimeout(r, 60));
  }
}

function endpointsCreated(learner: CliEnv, prefix: string, region: string): number {
  const world = accountOf(learner.home);
  type Ep = { ServiceName: string; Tags: { Key: string; Value: string }[]; life: { deletedAt?: number } };
  return (Object.values(world.regions[region]?.vpcEndpoints ?? {}) as Ep[]).filter(
    (e) => e.ServiceName.includes("vpce-svc") && e.Tags.some((t) => t.Key === "privatelink-lab:participant" && t.Value === prefix),
  ).length;
}

describe("in a real terminal", () => {
  it("runs the guided lesson in Japanese to completion, answering every prompt", async () => {
    const me = freshLearner({ LANG: "ja_JP.UTF-8" });
    const s = open(me, ["--sandbox"]);
    const prompts = await answerUntil(s, /\[exit \d+\]/);
    const screen = s.screen();
    expect(screen, screen.slice(-3000)).toContain("[exit 0]");
    expect(prompts.length).toBeGreaterThan(15); // prefix, mode, each step, the quiz, cleanup
    expect(prompts.join("\n")).toMatch(/[\u3040-\u30ff]/); // asked in Japanese
    expect(screen).toMatch(/Provider/); // the Apache page came back through PrivateLink
    expect(screen).toMatch(/\d+\/\d+/); // quiz score
  }, 90_000);

  it("hands-on: a wrong port gets a hint, then the learner fixes it", async () => {
    const me = freshLearner();
    const s = open(me, ["--sandbox", "--prefix", "ken", "--mode", "hands-on"]);
    let typeQuestions = 0;
    const prompts = await answerUntil(s, /\[exit \d+\]/, (prompt, screen) => {
      if (prompt.startsWith("Service name")) {
        // As in the console: copy the service name the step shows.
        const name = /com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]+/.exec(screen)?.[0] ?? "";
        return [`text:${name}`, "Enter"];
      }
      if (prompt.startsWith("Inbound rule: type")) {
        typeQuestions += 1;
        return typeQuestions === 1 ? ["Down", "Enter"] : ["Enter"]; // first HTTPS (wrong), then HTTP
      }
      return ["Enter"];
    });
    const screen = s.screen();
    expect(screen).toContain("[exit 0]");
    expect(typeQuestions).toBe(2);
    expect(screen).toContain("Not done yet");
    expect(screen).toMatch(/Hint 1\/\d/);
    expect(prompts.filter((p) => p.startsWith("How do you want to do this step?")).length).toBeGreaterThan(4);
    expect(screen).toContain("Provider");
  }, 90_000);

  it("Ctrl-C in the middle of creating the endpoint loses nothing; running again continues", async () => {
    const me = freshLearner();
    for (const step of ["preflight", "deploy", "tour", "endpoint-service"]) {
      const r = runCli(me, ["step", step, "--sandbox", "--yes", "--prefix", "rin"]);
      expect(r.status, r.stderr).toBe(0);
    }
    const first = open(me, ["--sandbox", "--prefix", "rin", "--sandbox-speed", "0.2"]);
    await answerUntil(first, /Creating the interface endpoint/);
    first.keys("C-c");
    const stopped = await first.waitFor(/\[exit \d+\]/);
    expect(stopped).toContain("[exit 130]");
    expect(stopped).toContain("Nothing is lost");
    expect(endpointsCreated(me, "rin", "us-east-1")).toBe(1);

    const again = open(me, ["--sandbox", "--prefix", "rin"]);
    await answerUntil(again, /\[exit \d+\]/, () => ["Enter"], 80_000);
    const screen = again.screen();
    expect(screen).toContain("[exit 0]");
    expect(screen).toMatch(/already done/);
    expect(screen).toContain("Provider");
    expect(endpointsCreated(me, "rin", "us-east-1")).toBe(1); // the same endpoint, not a second one
  }, 120_000);
});
