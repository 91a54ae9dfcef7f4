/**
 * `challenge start <id>` again while that challenge is in progress (from a fresh process, as a learner reruns it):
 * it says the challenge is already in progress and what to run next, breaks nothing again, and does not tell the
 * story again as if it had just broken.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { startChallenge } from "../../src/challenge/run.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { translator } from "../../src/i18n/messages.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 120_000);

const isRead = (c: string) => /^(Describe|Get|List)/.test(c);

describe.each(["en", "ja"] as const)("challenge start again (%s)", (lang) => {
  const t = translator(lang);

  it("says it is already in progress, with check / fix / give-up, and changes nothing", async () => {
    const { h, ctx, host } = await copyLab(lab, lang);
    await startChallenge(ctx, "silent-door");
    expect(host.ofType("challenge")).toHaveLength(1);
    const from = h.sandbox.calls.length;
    const again = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    await startChallenge(again, "silent-door");
    // No second story: the one "started" event is the first start's.
    expect(host.ofType("challenge")).toHaveLength(1);
    const said = host.ofType("notice").map((n) => n.message).join("\n");
    expect(said).toContain(t("challenge.stillInProgress", { id: "silent-door", title: host.ofType("challenge")[0]!.title }));
    for (const command of ["challenge check", "challenge fix", "challenge give-up"]) expect(said).toContain(`npx privatelink-lab ${command}`);
    // Nothing broken again: no call that changes the account.
    expect(h.sandbox.calls.slice(from).filter((c) => !isRead(c.command))).toEqual([]);
  });
});
