/**
 * `destroy` with a challenge in progress deletes the broken build with the rest: the challenge ends with it. Left
 * recorded, it refused every other challenge on the next build and `challenge check` called it "Fixed!" there.
 */
import { describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { destroy } from "../../src/commands/destroy.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { saveState } from "../../src/lesson/context.js";
import { buildLab, copyLab } from "../helpers/built-lab.js";

describe("destroy while a challenge is in progress", () => {
  it("ends the challenge: none is in progress afterwards, and the ones solved before stay solved", async () => {
    const { h } = await copyLab(await buildLab());
    await challenge("start", "silent-door", h.opts, h.env);
    await challenge("give-up", undefined, h.opts, h.env);
    await challenge("start", "wrong-number", h.opts, h.env);
    await destroy({ ...h.opts, yes: true }, h.env);
    const state = (await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false)).state;
    expect(state.challenges.active).toBeUndefined();
    expect(Object.keys(state.challenges.gaveUp)).toEqual(["silent-door"]);
    await challenge("list", undefined, h.opts, h.env);
    expect(h.host.ofType("table").at(-1)!.rows.map((r) => r[0])).not.toContain("▶");
  });

  it("ends a challenge left recorded when nothing of the build is left: destroy finds nothing to delete", async () => {
    const { h } = await copyLab(await buildLab());
    await destroy({ ...h.opts, yes: true }, h.env);
    // A record the build outlived (an older version's, or the build deleted in the console).
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    ctx.state.challenges.active = { id: "wrong-number", hints: 0, startedAt: new Date(0).toISOString(), undo: {} };
    saveState(ctx);
    await destroy({ ...h.opts, yes: true }, h.env);
    const after = (await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false)).state;
    expect(after.challenges.active).toBeUndefined();
  });
});
