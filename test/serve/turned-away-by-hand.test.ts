/**
 * "Turned away" fixed by hand as a learner does it in the served sandbox: the last hint's commands
 * pasted in order, against a sandbox whose time flows (a new endpoint is `pending` for a while
 * before it asks for acceptance, as on AWS), then `challenge check` passes. And every command a
 * hint writes is held as a command, so a PowerShell learner gets it in PowerShell and the screen
 * wraps it as a command (a capture left in the prose was wrapped as words and broke when pasted).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadChallengeText, loadChallenges } from "../../src/challenge/definitions.js";
import { checkChallenge } from "../../src/challenge/run.js";
import { challenge } from "../../src/commands/challenge.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { serveSandbox } from "../../src/sandbox/serve/server.js";
import type { Clock } from "../../src/sandbox/clock.js";
import { shellMarkdown } from "../../src/shell/in-text.js";
import { awsExecutable, learnerShellEnv, runScript } from "../helpers/aws-cli.js";
import { lastHintCommands } from "../helpers/last-hint.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

describe("every command a challenge hint writes is a command in the learner's shell", () => {
  for (const c of loadChallenges("privatelink"))
    for (const lang of ["en", "ja"] as const)
      it(`${c.id} (${lang}): no bash capture is left for PowerShell`, () => {
        for (const hint of loadChallengeText("privatelink", c.id, lang).hints) {
          const vars = Object.fromEntries([...hint.matchAll(/\{\{(\w+)\}\}/g)].map((m) => [m[1]!, `v-${m[1]!}`]));
          const ps = shellMarkdown(hint, "powershell", vars).markdown;
          expect(ps, hint).not.toMatch(/\b[A-Z_]+=\$\(/);
        }
      });
});

describe("turned-away, by hand against a served sandbox whose time flows", () => {
  let lab: BuiltLab;
  let aws: string;
  beforeAll(async () => {
    aws = awsExecutable();
    lab = await buildLab();
  }, 120_000);

  it("the last hint's commands, pasted in order, wait for the new endpoint and accept it; check passes", async () => {
    const { h, ctx, host } = await copyLab(lab);
    await challenge("start", "turned-away", h.opts, h.env);
    const { hint, commands } = await lastHintCommands(ctx, host, (passed) => expect(passed).toBe(false));
    expect(commands.length, hint).toBeGreaterThan(0);

    // The same account, served with time flowing from the lab's "now": 0.05 × AWS's 60 s = 3 s pending.
    const t0 = Date.now();
    const base = h.clock.now();
    const flowing: Clock = { now: () => base + (Date.now() - t0), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
    const sandbox = new Sandbox({ store: h.sandbox.store, clock: flowing, speed: 0.05 });
    const served = await serveSandbox({ sandbox, host: "127.0.0.1", port: 0 });
    try {
      const env = learnerShellEnv(aws, { url: served.url, ...served.credentials, region: ctx.state.region });
      const run = await runScript(commands.join("\n"), env);
      expect(run.code, `${commands.join("\n")}\n${run.stderr}`).toBe(0);
      // AWS reports a failed accept in Unsuccessful, not as an error: the learner reads it there.
      expect(run.stdout).not.toMatch(/InvalidState/);
    } finally {
      await served.close();
    }
    // Long enough for the accepted endpoint to become available.
    h.clock.advance(Date.now() - t0 + 10 * 60_000);
    expect(await checkChallenge(ctx)).toBe(true);
  }, 120_000);
});
