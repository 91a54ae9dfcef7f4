/**
 * `status` while a cleanup is under way (stopped with Ctrl-C): the quiz the learner did not finish is not shown as done.
 * Its done-ness is what the progress file says they answered; the cleanup having begun does not take the quiz for them
 * (after the cleanup finished, status already said "not yet": it says the same during it).
 */
import { DeleteStackCommand } from "@aws-sdk/client-cloudformation";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { status } from "../../src/commands/status.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

describe.each(["en", "ja"] as const)("status during a stopped cleanup, the quiz not taken (%s)", (lang) => {
  it("shows the quiz as not done, and the cleanup as the step under way", async () => {
    const h = harness({ speed: 0.1, host: new RecordingHost(lang), opts: { prefix: "midq", mode: "guided", lang, yes: true } });
    h.env.learnerReachesSandbox = true;
    for (const s of STEPS.filter((s) => s.id !== "cleanup" && s.id !== "review")) await stepCommand(s.id, h.opts, h.env);
    // `destroy` began deleting the stacks, then was stopped.
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: ctx.names.consumerStack }));

    await status(h.opts, h.env);
    const report = h.host.ofType("status").at(-1)!;
    const row = (id: string) => report.steps.find((st) => st.id === id)!;
    expect(row("cleanup")).toMatchObject({ current: true, done: false });
    expect(row("review")).toMatchObject({ done: false, text: translator(lang)("detect.review.todo") });
  });
});
