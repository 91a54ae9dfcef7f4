/**
 * A learner who left in the middle of a challenge runs the lesson again (`npx privatelink-lab`, the command every stop
 * prints). The challenge broke the build on purpose (turned-away: the endpoint rejected), so the cloud shows step 4 not
 * done: the lesson used to go back and teach "Consumer side: create an interface endpoint" as if new, and build it again
 * (a second endpoint beside the rejected one). It now says which challenge is in progress and the commands that go on
 * with it (check, fix, give up), and builds nothing. Found by QA resuming a challenge.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { start } from "../../src/commands/start.js";
import { translator } from "../../src/i18n/messages.js";
import { readCloud } from "../../src/lesson/cloud-view.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

describe.each(["en", "ja"] as const)("the lesson run again during a challenge (%s)", (lang) => {
  it("turned-away in progress: says the challenge and its commands, teaches no step again, builds nothing", async () => {
    const t = translator(lang);
    const { h, ctx, host } = await copyLab(lab, lang);
    await challenge("start", "turned-away", h.opts, h.env);
    const before = (await readCloud(ctx.clients, ctx.names)).endpoints.map((e) => e.id);
    host.events.length = 0;
    await start(h.opts, h.env);
    expect(host.ofType("step-started")).toEqual([]);
    const told = host.ofType("notice").map((n) => n.message).join("\n");
    expect(told).toContain(t("status.challenge", { title: "\u0000", check: "", fix: "", giveUp: "" }).split("\u0000")[0]!);
    expect(told).toContain("challenge check");
    expect(told).toContain("challenge give-up");
    expect((await readCloud(ctx.clients, ctx.names)).endpoints.map((e) => e.id)).toEqual(before);
  });
});
