/**
 * The stores skip copying, locking and writing for Describe/Get/List commands, and hand the world
 * they keep to the read. That is only right if no read handler ever changes the world, and if the
 * tool never changes an answer it was given afterwards (an answer may share objects with that
 * world): this runs the whole lesson on a store that checks both.
 */
import { describe, expect, it } from "vitest";
import { start } from "../../src/commands/start.js";
import { readFileSync } from "node:fs";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import type { World } from "../../src/sandbox/world.js";
import { harness } from "../helpers/lesson-harness.js";

class CheckingStore extends MemoryStore {
  reads = 0;
  private lastRead: { world: World; text: string } | undefined;
  override transact<T>(fn: (world: World) => T, readOnly = false): T {
    if (this.lastRead) expect(JSON.stringify(this.lastRead.world), "the tool changed an answer after a read").toBe(this.lastRead.text);
    if (!readOnly) return super.transact(fn);
    this.reads += 1;
    let before = "";
    const result = super.transact((w) => {
      before = JSON.stringify(w);
      const r = fn(w);
      expect(JSON.stringify(w), "a read-only command changed the world").toBe(before);
      this.lastRead = { world: w, text: before };
      return r;
    }, true);
    return result;
  }
}

describe("read-only commands", () => {
  it("never change the world during a whole lesson, teardown included", async () => {
    const store = new CheckingStore();
    const h = harness({ store });
    await start(h.opts, h.env);
    expect(h.host.ofType("lesson-finished")[0]).toMatchObject({ cleanedUp: true });
    expect(store.reads).toBeGreaterThan(50);
  });

  it("ValidateTemplate is one: it reads a template on a fresh account and leaves it as it was", () => {
    const store = new CheckingStore();
    const before = store.snapshot();
    const sandbox = new Sandbox({ store });
    const TemplateBody = readFileSync(new URL("../../templates/Provider.yml", import.meta.url), "utf8");
    expect(sandbox.call("cloudformation", "ValidateTemplateCommand", { TemplateBody }, "eu-west-1")).toMatchObject({ Description: "Provider Template." });
    expect(store.reads).toBe(1);
    expect(store.snapshot()).toEqual(before);
  });
});
