/**
 * Unreadable and read-only state files, as a learner's own account meets them: a folder it may not
 * write, an account file it may not read, a progress file it may not read, a participants folder
 * it may not write. root reads and writes everything, so these prove nothing as root: CI runs this
 * file as an unprivileged user (.ci/unprivileged). As root each case is skipped, and says why.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM scripts of the harness, shared with `npm run reliability`
import { ENVIRONMENT_CASES, runBadInput } from "../../scripts/reliability/bad-inputs.mjs";
import { STATE_SCHEMA_VERSION, type LessonState } from "../../src/state/schema.js";
import { StateFile } from "../../src/state/state-file.js";

const asRoot = userInfo().uid === 0;
const why = asRoot ? " (skipped as root: root may read and write anything; .ci/unprivileged runs it)" : "";

interface Case { name: string; exit: number; needsNonRoot?: boolean }
interface Result { name: string; code: number; ok: boolean; message: string }

const sample = (prefix: string): LessonState => ({
  schema: STATE_SCHEMA_VERSION, lesson: "privatelink", prefix, backend: "sandbox", region: "ap-northeast-1", lang: "en", mode: "guided",
  createdAt: "2026-11-29T00:00:00.000Z", updatedAt: "2026-11-29T00:00:00.000Z", ids: {}, marks: {}, challenges: { solved: {}, gaveUp: {} },
});

describe.skipIf(asRoot)(`state files this user may not read or write${why}`, () => {
  const cases = (ENVIRONMENT_CASES as Case[]).filter((c) => c.needsNonRoot);

  it("there are such cases in the harness", () => {
    expect(cases.length).toBeGreaterThanOrEqual(2);
  });

  it.each(cases.map((c) => [c.name, c] as const))("built CLI, %s: exit 4 with the path and the reason, never 'AWS refused'", async (_name, c) => {
    const r = (await runBadInput(c)) as Result;
    expect({ name: r.name, code: r.code, ok: r.ok, message: r.message }).toMatchObject({ name: c.name, code: 4, ok: true });
  }, 60_000);

  it("an unreadable progress file is a local-file error (EACCES), not a corrupt one moved aside", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-perm-"));
    const f = new StateFile(dir);
    f.save(sample("amy"));
    chmodSync(f.pathFor("amy"), 0o000);
    expect(() => new StateFile(dir).load("amy")).toThrow(expect.objectContaining({ key: "guard.local.failed", vars: expect.objectContaining({ code: "EACCES" }) }));
  });

  it("a read-only participants folder makes saving a local-file error naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-perm-"));
    mkdirSync(join(dir, "participants"), { recursive: true });
    writeFileSync(join(dir, "last-participant"), "");
    chmodSync(join(dir, "participants"), 0o555);
    expect(() => new StateFile(dir).save(sample("amy"))).toThrow(expect.objectContaining({ key: "guard.local.failed", vars: expect.objectContaining({ code: "EACCES" }) }));
  });
});
