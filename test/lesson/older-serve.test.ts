/**
 * A `sandbox serve` of an older privatelink-lab (its served.json record says not who serves) is used by the lesson when
 * it is safe: on 127.0.0.1, with the account's own key pair (kept beside the account file), accepting a request signed
 * with it. One that answers but is not that is reported, in the learner's language, with how to stop it: the lesson (or
 * a new `sandbox serve`) never serves the account a second time without saying so.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { closeDoor } from "../../src/lesson/learner-door.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import { newCredentials, sandboxCredentials } from "../../src/sandbox/serve/credentials.js";
import { serveSandbox } from "../../src/sandbox/serve/server.js";
import type { SandboxCredentials } from "../../src/sandbox/serve/sigv4.js";
import { publishServed, servedFile } from "../../src/sandbox/served-file.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { noticesIn, openedDoor, startServe, type Lang } from "../helpers/served-lesson.js";

/** A learner's account in its own folder. */
function learner(): { dir: string; h: Harness } {
  const dir = mkdtempSync(join(tmpdir(), "pll-older-serve-"));
  return { dir, h: harness({ store: new SqliteStore(join(dir, "account.db")), stateDir: join(dir, "state") }) };
}

/**
 * What an older privatelink-lab's `sandbox serve` leaves: the account served with `credentials`, its record without `by`
 * (saying the keys `recorded`, the same unless given).
 */
async function olderServe(h: Harness, credentials: SandboxCredentials, recorded = credentials): Promise<{ url: string; stop: () => Promise<void> }> {
  const served = await serveSandbox({ sandbox: h.sandbox, host: "127.0.0.1", port: 0, credentials });
  const unpublish = publishServed(servedFile(h.env.env, h.stateDir), { url: served.url, region: "ap-northeast-1", ...recorded });
  return {
    url: served.url,
    stop: async () => {
      unpublish();
      await served.close();
    },
  };
}

describe.each<Lang>(["en", "ja"])("an older privatelink-lab's `sandbox serve` (%s)", (lang) => {
  const older = (url: string) => translator(lang)("serve.olderServing", { url, pid: process.pid });

  it("serving this account with its own keys: the lesson uses it, as it uses a `sandbox serve` of this version", async () => {
    const { dir, h } = learner();
    const serve = await olderServe(h, sandboxCredentials(join(dir, "account.db")));
    const from = h.host.events.length;
    const ctx = await openedDoor(h, { lang });
    try {
      const served = h.host.ofType("served").at(-1)!;
      expect(served.url).toBe(serve.url);
      expect(served.lastTime).toBe("running");
      expect(noticesIn(h.host.events.slice(from))).not.toContain(older(serve.url));
    } finally {
      await closeDoor(ctx);
      await serve.stop();
    }
  });

  it.each([
    ["with other keys", () => newCredentials(), undefined],
    ["refusing the account's own keys, though its record says them", () => newCredentials(), (dir: string) => sandboxCredentials(join(dir, "account.db"))],
  ])("%s: not used, and reported with how to stop it; the lesson serves the account itself", async (_, keys, recorded) => {
    const { dir, h } = learner();
    const serve = await olderServe(h, keys(), recorded?.(dir));
    const from = h.host.events.length;
    const ctx = await openedDoor(h, { lang });
    try {
      expect(h.host.ofType("served").at(-1)!.url).not.toBe(serve.url);
      const said = noticesIn(h.host.events.slice(from)).filter((n) => n === older(serve.url));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain("Ctrl-C");
      expect(said[0]).toContain(String(process.pid));
    } finally {
      await closeDoor(ctx);
      await serve.stop();
    }
  });

  it("a new `sandbox serve` started beside it says so too", async () => {
    const { dir, h } = learner();
    const serve = await olderServe(h, sandboxCredentials(join(dir, "account.db")));
    try {
      const mine = await startServe(h, dir, { lang, json: false });
      try {
        expect(mine.url).not.toBe(serve.url);
        expect(mine.notices).toContain(older(serve.url));
      } finally {
        await mine.stop();
      }
    } finally {
      await serve.stop();
    }
  });
});
