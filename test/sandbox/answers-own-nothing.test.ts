/**
 * The SQLite store changes the account it keeps in place (src/sandbox/account/sqlite-store.ts): a caller keeps what
 * a command returned only because no answer shares an object with the account. Every answer of a
 * whole lesson and of a second participant's five steps and `destroy` on the same account is held
 * to that here, reads and writes alike.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { start } from "../../src/commands/start.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import type { WorldStore } from "../../src/sandbox/store.js";
import type { World } from "../../src/sandbox/world.js";
import { harness } from "../helpers/lesson-harness.js";

function objectsOf(value: unknown, out = new Set<object>()): Set<object> {
  if (value !== null && typeof value === "object" && !out.has(value)) {
    out.add(value);
    for (const v of Object.values(value)) objectsOf(v, out);
  }
  return out;
}

/** A file store that notes every answer holding one of the account's own objects. */
class WatchedStore implements WorldStore {
  readonly shared: string[] = [];
  answers = 0;
  private readonly inner: SqliteStore;
  constructor() {
    this.inner = new SqliteStore(join(mkdtempSync(join(tmpdir(), "pll-own-")), "account.db"));
  }
  transact<T>(fn: (world: World) => T, readOnly = false): T {
    let held: Set<object> | undefined;
    const answer = this.inner.transact((world) => {
      const result = fn(world);
      held = objectsOf(world);
      return result;
    }, readOnly);
    this.answers += 1;
    const own = [...objectsOf(answer)].filter((o) => held?.has(o));
    if (own.length > 0) this.shared.push(JSON.stringify(own[0]).slice(0, 120));
    return answer;
  }
  snapshot(): World {
    return this.inner.snapshot();
  }
}

describe("the sandbox's answers", () => {
  it("share no object with the account, through a whole lesson and a destroy", async () => {
    const store = new WatchedStore();
    const h = harness({ store });
    await start(h.opts, h.env);
    const bob = harness({ store, opts: { prefix: "bob" } });
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint"]) await stepCommand(id, bob.opts, bob.env);
    await destroy(bob.opts, bob.env);
    expect(store.answers).toBeGreaterThan(200);
    expect(store.shared).toEqual([]);
  });
});
