/**
 * `destroy` run again after it was stopped midway, with one thing left: its question counts what is listed above it in
 * plain words ("Delete the 1 item above?"), not "Delete these 1 item?".
 */
import { DeleteStackCommand } from "@aws-sdk/client-cloudformation";
import { describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const ASKED = { en: ["Delete the 1 item above?", "Delete the 2 items above?"], ja: ["上の 1 件を削除しますか？", "上の 2 件を削除しますか？"] } as const;

describe.each(["en", "ja"] as const)("destroy's question (%s)", (lang) => {
  it("counts what is listed above it, one thing or more", async () => {
    const h = harness({ opts: { prefix: "ask", mode: "guided", lang } });
    for (const id of ["preflight", "deploy"]) await stepCommand(id, h.opts, h.env);
    const ask = () => {
      const host = new RecordingHost(lang, true, [{ match: "", value: false }]);
      return { host, run: destroy({ ...h.opts, yes: false }, { ...h.env, makeHost: () => host }) };
    };
    const both = ask();
    await both.run;
    expect(both.host.questions).toEqual([ASKED[lang][1]]);

    // One stack deleted already (the last destroy was stopped while deleting): one item left.
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: ctx.names.providerStack }));
    const one = ask();
    await one.run;
    expect(one.host.questions).toEqual([ASKED[lang][0]]);
  });
});
