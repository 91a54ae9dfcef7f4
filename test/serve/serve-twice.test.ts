/**
 * `sandbox serve` started a second time for the same account (a second terminal, or the first one forgotten): the first
 * one holds the account's port, so the second served it again elsewhere and said a terminal pointed at the first port
 * "reaches nothing", which was false (the first still answered there). It now says where the account is already served,
 * and by which process, how a second terminal reaches it, and how to serve it from here instead; it serves nothing.
 * So it does while a hands-on lesson serves the account itself (it would otherwise serve it again on another port).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import { EXIT } from "../../src/errors.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { openedDoor, startServe, type Lang } from "../helpers/served-lesson.js";
import { closeDoor } from "../../src/lesson/learner-door.js";
import { sandboxAnswers } from "../../src/sandbox/serve/running.js";

/** What `sandbox serve` says when it serves nothing (one that served anyway is stopped, and reported as the error it is not). */
async function refused(h: Harness, dir: string, lang: Lang): Promise<ReturnType<typeof reportError>> {
  const second = await startServe(h, dir, { lang, json: false }).then(
    async (s) => (await s.stop(), s),
    (e: unknown) => e,
  );
  return reportError(second, translator(lang));
}

describe.each<Lang>(["en", "ja"])("`sandbox serve` while one already serves the account (%s)", (lang) => {
  it("says where it is served and by which process, and serves nothing more", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-serve-twice-"));
    const h = harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state") });
    const first = await startServe(h, dir, { lang, json: false });
    try {
      const said = await refused(h, dir, lang);
      expect(said.key, JSON.stringify(said)).toBe("serve.alreadyServing");
      expect(said.exitCode).toBe(EXIT.busy);
      expect(said.message).toContain(first.url);
      expect(said.message).toContain(String(process.pid));
      expect(said.hint).toContain('`eval "$(npx privatelink-lab sandbox env)"`');
      expect(said.hint).toContain("Ctrl-C");
    } finally {
      await first.stop();
    }
    // Stopped, the account is served again from here.
    const again = await startServe(h, dir, { lang, json: false });
    await again.stop();
  });
});

describe.each<Lang>(["en", "ja"])("`sandbox serve` while a hands-on lesson serves the account itself (%s)", (lang) => {
  it("says where the lesson serves it and that it stops with the lesson, and serves nothing more", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-serve-lesson-"));
    const h = harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state") });
    const ctx = await openedDoor(h, { lang });
    const lessonUrl = h.host.ofType("served").at(-1)!.url;
    try {
      const said = await refused(h, dir, lang);
      expect(said.key, JSON.stringify(said)).toBe("serve.lessonServing");
      expect(said.exitCode).toBe(EXIT.busy);
      expect(said.message).toContain(lessonUrl);
      expect(said.message).toContain(String(process.pid));
      expect(said.hint).toContain('`eval "$(npx privatelink-lab sandbox env)"`');
      // Only one server answers for the account: the lesson's.
      expect(await sandboxAnswers(lessonUrl)).toBe(true);
    } finally {
      await closeDoor(ctx);
    }
    // The lesson over, `sandbox serve` serves it.
    const again = await startServe(h, dir, { lang, json: false });
    await again.stop();
  });
});
