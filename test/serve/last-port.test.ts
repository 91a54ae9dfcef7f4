/**
 * `sandbox serve` started on its own takes the port the lesson gave the learner last time (the progress file's
 * servedUrl), so a second terminal still set up from that lesson works. When that port is taken it serves elsewhere and
 * says so, with the line that sets the terminal up again (en/ja); it keeps the new address for the next run. A port
 * given with --port still wins, and one that is taken is an error.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import { preferredPort, sandboxCredentials } from "../../src/sandbox/serve/credentials.js";
import { harness } from "../helpers/lesson-harness.js";
import { block, portOf, serveOnce, startServe, type Lang } from "../helpers/served-lesson.js";

/** How the move is said. */
const MOVED: Record<Lang, RegExp> = { en: /is in use now, so it answers at/, ja: /いま使用中のため、代わりに/ };

/** A learner whose last lesson gave their second terminal another port than the account's own (that one was taken then). */
async function afterLessonElsewhere(lang: Lang) {
  const dir = mkdtempSync(join(tmpdir(), "pll-last-port-"));
  const h = harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state") });
  const own = preferredPort(sandboxCredentials(join(dir, "account.db")));
  const usual = await block(own);
  let given: string;
  try {
    given = (await serveOnce(h, { lang })).served.url;
  } finally {
    await usual.free();
  }
  expect(portOf(given)).not.toBe(own);
  return { dir, h, own, given };
}

describe.each<Lang>(["en", "ja"])("`sandbox serve` and the port the lesson gave last time (%s)", (lang) => {
  it("serves on that port when it is free, saying nothing of a move", async () => {
    const { dir, h, given } = await afterLessonElsewhere(lang);
    const serve = await startServe(h, dir, { lang, json: false });
    try {
      expect(serve.url).toBe(given);
      expect(serve.notices.join("\n")).not.toMatch(MOVED[lang]);
    } finally {
      await serve.stop();
    }
  });

  it("taken: serves on the account's own port, says the port changed and what to run again, and the next lesson keeps the new address", async () => {
    const { dir, h, own, given } = await afterLessonElsewhere(lang);
    const taken = await block(portOf(given));
    try {
      const serve = await startServe(h, dir, { lang, json: false });
      try {
        expect(portOf(serve.url)).toBe(own);
        const moved = serve.notices.filter((n) => MOVED[lang].test(n));
        expect(moved).toEqual([translator(lang)("serve.portMoved", { port: portOf(given), url: serve.url, load: 'eval "$(npx privatelink-lab sandbox env)"' })]);
        expect(moved[0]).toContain(`${portOf(given)}`);
        expect(moved[0]).toContain('`eval "$(npx privatelink-lab sandbox env)"`');
      } finally {
        await serve.stop();
      }
    } finally {
      await taken.free();
    }
    // The terminal set up for the new address: the lesson serves there next, though the old port is free again.
    const next = await serveOnce(h, { lang });
    expect(portOf(next.served.url)).toBe(own);
    expect(next.served.lastTime).toBe("same");
  });

  it("--port wins over it, and a taken --port is an error naming the port", async () => {
    const { dir, h, own, given } = await afterLessonElsewhere(lang);
    const asked = await startServe(h, dir, { lang, json: false, port: String(own) });
    try {
      expect(portOf(asked.url)).toBe(own);
      expect(asked.notices.join("\n")).not.toMatch(MOVED[lang]);
    } finally {
      await asked.stop();
    }
    const taken = await block(portOf(given));
    try {
      await expect(startServe(h, dir, { lang, port: String(portOf(given)) })).rejects.toMatchObject({ key: "serve.portInUse", vars: { port: portOf(given) } });
    } finally {
      await taken.free();
    }
  });
});
