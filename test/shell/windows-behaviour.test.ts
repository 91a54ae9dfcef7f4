/**
 * What Windows does differently, with the platform injected: a rename over a file another
 * program holds open fails for a moment (EPERM/EACCES/EBUSY on NTFS), so the progress file's
 * atomic replace retries and then says which file is in use; and the signals that stop the
 * program are Ctrl-C, Ctrl-Break and closing the window (SIGTERM never comes).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replaceFile } from "../../src/guard/replace-file.js";
import { translator } from "../../src/i18n/messages.js";
import { reportError } from "../../src/ui/error-report.js";
import { stopSignals } from "../../src/signals.js";

const busy = (code: string) => Object.assign(new Error(`${code}: operation not permitted, rename`), { code });

function files() {
  const dir = mkdtempSync(join(tmpdir(), "pll-replace-"));
  const tmp = join(dir, "alice.json.123.tmp");
  const path = join(dir, "alice.json");
  writeFileSync(tmp, "new");
  writeFileSync(path, "old");
  return { tmp, path };
}

describe("atomic replace on NTFS", () => {
  it("Windows: a file open elsewhere for a moment — retried, then replaced", () => {
    const { tmp, path } = files();
    let calls = 0;
    const waits: number[] = [];
    replaceFile(tmp, path, {
      platform: "win32",
      rename: (a, b) => {
        if (++calls <= 2) throw busy(calls === 1 ? "EPERM" : "EBUSY");
        writeFileSync(b, readFileSync(a));
      },
      sleep: (ms) => waits.push(ms),
    });
    expect(calls).toBe(3);
    expect(waits).toEqual([20, 40]);
    expect(readFileSync(path, "utf8")).toBe("new");
  });

  it("Windows: still open after the retries — a clear message naming the file, the old file kept, no temp file left", () => {
    const { tmp, path } = files();
    let calls = 0;
    let error: unknown;
    try {
      replaceFile(tmp, path, { platform: "win32", rename: () => { calls++; throw busy("EACCES"); }, sleep: () => undefined });
    } catch (e) {
      error = e;
    }
    expect(calls).toBe(10);
    expect(readFileSync(path, "utf8")).toBe("old");
    expect(existsSync(tmp)).toBe(false);
    for (const lang of ["en", "ja"] as const) {
      const r = reportError(error, translator(lang));
      expect(r.exitCode).toBe(4);
      expect(r.message).toContain(path);
      expect(r.hint).toMatch(/OneDrive/);
    }
  });

  it("Linux: EPERM is a real permission problem — reported at once, not retried", () => {
    const { tmp, path } = files();
    let calls = 0;
    expect(() => replaceFile(tmp, path, { platform: "linux", rename: () => { calls++; throw busy("EPERM"); }, sleep: () => undefined })).toThrow(/EPERM/);
    expect(calls).toBe(1);
  });

  it("the real rename still replaces the file", () => {
    const { tmp, path } = files();
    replaceFile(tmp, path);
    expect(readFileSync(path, "utf8")).toBe("new");
  });
});

describe("signals that stop the program", () => {
  it("Windows: Ctrl-C (SIGINT), Ctrl-Break (SIGBREAK), closing the window (SIGHUP); no SIGTERM to rely on", () => {
    expect(stopSignals("win32")).toEqual({ SIGINT: 130, SIGBREAK: 149, SIGHUP: 129 });
  });
  it("Linux and macOS: SIGINT, SIGTERM, SIGHUP", () => {
    expect(stopSignals("linux")).toEqual({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 });
    expect(stopSignals("darwin")).toEqual(stopSignals("linux"));
  });
});
