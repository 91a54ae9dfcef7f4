/**
 * `destroy` with a challenge in progress deletes the broken build with the rest: the challenge ends with it. Left
 * recorded, it refused every other challenge on the next build and `challenge check` called it "Fixed!" there.
 */
import { describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { destroy } from "../../src/commands/destroy.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
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
});
