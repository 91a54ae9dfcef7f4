/**
 * A CI-sized part of the challenge kill points of `npm run reliability` (scripts/reliability/
 * challenge-points.mjs), each asserted: the built CLI's `challenge start` / `give-up` / `fix`
 * killed before or after a mutating call, or with its answer lost, then run again. The build ends
 * broken and recorded, or working and recorded as given up; `diagnose` agrees; nothing is made
 * twice; nothing of the build is deleted. (Every call of every challenge, in process:
 * test/challenge/resume.test.ts.)
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM scripts of the harness, shared with `npm run reliability`
import { challengeBase, challengePoints, describeChallengePoint, runChallengePoint } from "../../scripts/reliability/challenge-points.mjs";
// @ts-expect-error -- idem
import { pool } from "../../scripts/reliability/run.mjs";

interface Point { id: string; action: string; command: string; kind: string }
interface Result { recovered: boolean; diagnoseAgrees: boolean; duplicates: string[]; deleted: string[]; hung: boolean; notes: string[] }

const POINTS = challengePoints() as Point[];
const pick = (id: string, action: string, command: string, kind: string) => {
  const p = POINTS.find((x) => x.id === id && x.action === action && x.command === command && x.kind === kind);
  if (!p) throw new Error(`no point ${id} ${action} ${command} ${kind}`);
  return p;
};

const CHOSEN = [
  // The issue's own case: give-up killed right after deleting the rejected endpoint.
  pick("turned-away", "give-up", "DeleteVpcEndpoints", "SIGKILL after"),
  pick("turned-away", "give-up", "CreateVpcEndpoint", "SIGKILL after"),
  pick("no-way-out", "start", "RevokeSecurityGroupEgress", "SIGKILL before"),
  pick("silent-door", "fix", "SendCommand", "SIGKILL after"),
];

describe("challenge commands killed and run again (built CLI, sandbox)", () => {
  it("end in the intended state, diagnose agrees, nothing made twice, nothing deleted", async () => {
    await challengeBase();
    const results = (await pool(CHOSEN, 2, runChallengePoint)) as Result[];
    results.forEach((r, i) => {
      const name = describeChallengePoint(CHOSEN[i]) as string;
      expect({ name, notes: r.notes, duplicates: r.duplicates, deleted: r.deleted, hung: r.hung }).toEqual({ name, notes: [], duplicates: [], deleted: [], hung: false });
      expect(r.recovered, name).toBe(true);
      expect(r.diagnoseAgrees, name).toBe(true);
    });
  }, 180_000);
});
