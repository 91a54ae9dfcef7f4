/** `privatelink-lab doctor` as a process: exit codes and JSON events (built CLI, sandbox). */
import { describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";

describe("privatelink-lab doctor (built CLI, sandbox)", () => {
  it("exits 0 with every check as data in --json when nothing fails", () => {
    const run = runCli(freshLearner(), ["doctor", "--sandbox", "--json", "--prefix", "alice"]);
    expect(run.status, run.stderr).toBe(0);
    const events = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { type: string; checks?: { id: string; status: string; text: string }[]; level?: string });
    const checks = events.find((e) => e.type === "checks")?.checks ?? [];
    expect(checks.length).toBeGreaterThanOrEqual(19);
    expect(checks.every((c) => c.status === "ok" && c.id && c.text)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "notice", level: "success" });
  });

  it("exits 1 and names the missing action when EC2 denies a DryRun", () => {
    const me = freshLearner({ PRIVATELINK_LAB_SANDBOX_FAULTS: JSON.stringify([{ command: "CreateVpc", code: "UnauthorizedOperation" }]) });
    const run = runCli(me, ["doctor", "--sandbox", "--prefix", "alice"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/✖ +permission +ec2:CreateVpc: your AWS identity is not allowed to do this\./);
    expect(run.stderr).toContain("1 check failed");
  });
});
