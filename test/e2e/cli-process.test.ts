/** The built CLI, as a process: exit codes, --json, NO_COLOR, no prompts without a TTY. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, freshLearner, runCli } from "../helpers/cli-process.js";
import { accountOf } from "../helpers/account-file.js";

const ESC = "\u001b[";

describe("privatelink-lab (built CLI, sandbox)", () => {
  it("runs the whole lesson with --yes and no TTY, then destroy --yes leaves the sandbox empty", () => {
    const me = freshLearner();
    const run = runCli(me, ["--sandbox", "--yes", "--prefix", "alice"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Provider"); // the page names the Provider
    // Nobody answered (--yes, no TTY): the answers are shown, and no score is claimed.
    expect(run.stdout).toMatch(/quiz.s \d+ answers were shown/i);
    expect(run.stdout).not.toMatch(/Quiz: \d+\/\d+/);
    expect(run.stdout).not.toContain(ESC); // no TTY: no colour
    const destroy = runCli(me, ["destroy", "--yes"]);
    expect(destroy.status, destroy.stderr).toBe(0);
    const world = accountOf(me.home);
    const region = world.regions["us-east-1"]!;
    const live = (t: Record<string, { life: { deletedAt?: number } }>) => Object.values(t).filter((e) => e.life.deletedAt === undefined).length;
    expect(live(region.vpcEndpoints) + live(region.endpointServices) + live(region.instances) + live(region.vpcs)).toBe(0);
  });

  it("never waits for an answer when stdin is not a terminal, even without --yes", () => {
    const me = freshLearner();
    const run = runCli(me, ["--sandbox", "--prefix", "ivy"]); // stdin is a pipe here
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Hello from the Provider");
    expect(run.stdout).toMatch(/\? .*Q1\//); // questions are shown with the answer taken
  });

  it("writes only JSON events on stdout with --json", () => {
    const me = freshLearner({ LANG: "ja_JP.UTF-8" });
    const run = runCli(me, ["--sandbox", "--json", "--prefix", "bob"]);
    expect(run.status, run.stderr).toBe(0);
    const events = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { type: string });
    const types = new Set(events.map((e) => e.type));
    for (const t of ["lesson-started", "step-started", "step-finished", "resource-created", "cost", "curl-result", "quiz-result", "lesson-finished"]) {
      expect(types.has(t), t).toBe(true);
    }
    expect(events.find((e) => e.type === "lesson-started")).toMatchObject({ lang: "ja" });
  });

  it("refuses a bad prefix with a message in the learner's language and exit code 2", () => {
    const ja = runCli(freshLearner({ LANG: "ja_JP.UTF-8" }), ["--sandbox", "--yes", "--prefix", "Bad_Prefix"]);
    expect(ja.status).toBe(2);
    expect(ja.stderr).toContain("Bad_Prefix");
    expect(ja.stderr).toMatch(/[\u3040-\u30ff]/); // Japanese text
    const en = runCli(freshLearner(), ["status", "--sandbox", "--prefix", "x"]);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain("at least 3 characters");
  });

  it("refuses an unknown flag or step with usage exit code 2", () => {
    const me = freshLearner();
    expect(runCli(me, ["--frobnicate"]).status).toBe(2);
    const step = runCli(me, ["step", "teleport", "--sandbox", "--prefix", "carol"]);
    expect(step.status).toBe(2);
    expect(step.stderr).toContain("teleport");
  });

  it("refuses to jump to a step whose earlier steps are missing, naming them", () => {
    const run = runCli(freshLearner(), ["step", "accept", "--sandbox", "--yes", "--prefix", "dave"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/deploy.*endpoint-service.*interface-endpoint/);
  });

  it("does not delete without --yes when there is no terminal to ask in", () => {
    const me = freshLearner();
    expect(runCli(me, ["step", "preflight", "--sandbox", "--yes", "--prefix", "erin"]).status).toBe(0);
    expect(runCli(me, ["step", "deploy", "--sandbox", "--yes", "--prefix", "erin"]).status).toBe(0);
    const run = runCli(me, ["destroy", "--prefix", "erin"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--yes");
    expect(runCli(me, ["status", "--prefix", "erin"]).stdout).toContain("erin-consumer");
  });

  it("prints help in Japanese with --lang ja, without loading the AWS SDK", () => {
    const run = runCli(freshLearner(), ["--help", "--lang", "ja"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/[\u3040-\u30ff]/);
    expect(run.stdout).toContain("npx privatelink-lab destroy --yes");
  });

  it("keeps colour off with NO_COLOR even when forced on", () => {
    const me = freshLearner({ NO_COLOR: "1", FORCE_COLOR: "1" });
    const run = runCli(me, ["doctor", "--sandbox", "--prefix", "fay"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toContain(ESC);
    const colored = runCli(freshLearner({ FORCE_COLOR: "1" }), ["doctor", "--sandbox", "--prefix", "fay"]);
    expect(colored.stdout).toContain(ESC);
  });
});

describe("a reader slower than the CLI", () => {
  it("gets every event: the CLI exits only once its output has left it", () => {
    // The Japanese lesson's events (~80 KB) overflow a shell pipe's 64 KB; the reader waits 2 s.
    const me = freshLearner();
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" --sandbox --yes --json --lang ja --prefix slow | (sleep 2; cat)`], { env: me.env, encoding: "utf8", maxBuffer: 1 << 24 });
    expect(r.status, r.stderr).toBe(0);
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(65_536);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toContain('"type":"lesson-finished"');
  });
});

describe("a reader that stops reading", () => {
  it("ends the CLI quietly with exit 0 (`--json | head`)", () => {
    const me = freshLearner();
    const cli = `"${process.execPath}" "${BIN}" --sandbox --yes --json --prefix gone`;
    const r = spawnSync("bash", ["-c", `${cli} 2>"${join(me.home, "err.txt")}" | head -c 300 >/dev/null; echo "cli-exit=\${PIPESTATUS[0]}"`], { env: me.env, encoding: "utf8" });
    expect(r.stdout.trim()).toBe("cli-exit=0");
    expect(readFileSync(join(me.home, "err.txt"), "utf8")).toBe("");
  });
});

describe("damaged files", () => {
  it("moves a damaged sandbox account aside, starts a fresh one and says so once, with the backup's path", async () => {
    const { mkdirSync, writeFileSync, readdirSync } = await import("node:fs");
    const me = freshLearner();
    const dir = join(me.home, "state", "privatelink-lab", "sandbox");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "account.db"), "not a database ".repeat(300));
    const first = runCli(me, ["doctor", "--sandbox", "--prefix", "gil"]);
    expect(first.status, first.stderr).toBe(0);
    const backup = readdirSync(dir).find((f) => f.startsWith("account.db.corrupt-"));
    expect(backup).toBeDefined();
    const said = (first.stdout + first.stderr).replace(/\s+/g, ""); // wrapped at 80 columns
    expect(said).toContain("damaged");
    expect(said).toContain(join(dir, backup!));
    const again = runCli(me, ["doctor", "--sandbox", "--prefix", "gil"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout + again.stderr).not.toContain("damaged");
  });
});

describe("the tests' own guard", () => {
  it("refuses to build real AWS clients in tests, so no test can reach AWS", () => {
    const me = freshLearner({ AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "example" });
    const run = runCli(me, ["status", "--prefix", "hal", "--region", "us-east-1"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("PRIVATELINK_LAB_NO_AWS");
  });
});
