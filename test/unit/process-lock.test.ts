/** The lock that names its owner: refused while the owner lives, taken over at once when it died. */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LabError } from "../../src/errors.js";
import { currentOwner, processStartTime, tryLock } from "../../src/guard/process-lock.js";

const dir = () => mkdtempSync(join(tmpdir(), "pll-lock-"));

describe("tryLock", () => {
  it("takes a free lock and writes its owner; releasing removes it", () => {
    const path = join(dir(), "a.lock");
    const got = tryLock(path);
    expect(got.ok).toBe(true);
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ pid: process.pid, host: hostname() });
    if (got.ok) got.release();
    expect(tryLock(path).ok).toBe(true);
  });

  it("refuses while a live process holds it, naming that process", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      await new Promise((r) => setTimeout(r, 200));
      const path = join(dir(), "b.lock");
      const owner = { pid: child.pid!, startedAt: processStartTime(child.pid!) ?? Date.now(), host: hostname() };
      writeFileSync(path, JSON.stringify(owner));
      expect(tryLock(path)).toEqual({ ok: false, holder: owner });
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("takes over at once the lock of a process that is gone, and says whose it was", () => {
    const path = join(dir(), "c.lock");
    const dead = { pid: 999_999, startedAt: 1, host: hostname() };
    writeFileSync(path, JSON.stringify(dead));
    const got = tryLock(path);
    expect(got).toMatchObject({ ok: true, tookOverFrom: dead });
  });

  it("takes over a lock whose pid now belongs to another process (started at another time)", () => {
    const path = join(dir(), "d.lock");
    writeFileSync(path, JSON.stringify({ ...currentOwner(), pid: 1, startedAt: 5 }));
    expect(tryLock(path).ok).toBe(processStartTime(1) !== undefined);
  });

  it("says a folder where the lock should be is a local file problem", () => {
    const path = join(dir(), "e.lock");
    mkdirSync(path);
    expect(() => tryLock(path)).toThrow(LabError);
    try {
      tryLock(path);
    } catch (e) {
      expect(e).toMatchObject({ key: "guard.local.failed", source: "local", vars: { reason: "guard.local.reason.EISDIR" } });
    }
  });
});
