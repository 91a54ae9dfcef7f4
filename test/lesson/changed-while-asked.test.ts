/**
 * The learner changes the account while the lesson's question waits: at the accept step they delete their endpoint
 * from the second terminal, then answer "let the tool do it", the console's form, or (guided) "Run". The lesson reads
 * the cloud again before it acts: it says the endpoint is gone and goes back to step 4, instead of stopping the lesson
 * with "Accepting vpce-… failed: Endpoint vpce-… is in state deleting." (exit 3). Found by QA resuming a lesson in the
 * served sandbox with the AWS CLI.
 */
import { DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { start } from "../../src/commands/start.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { ourEndpoint, readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import type { Choice } from "../../src/ui/io-host.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const BUILT = ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http"];

class BackAtStep4 extends Error {}

/** Deletes the endpoint while the accept step's question is on screen, answers `answer`; stops once step 4 is asked again. */
class DeletesWhileAsked extends RecordingHost {
  ctx?: LessonContext;
  deleted?: string;
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    const step = this.ofType("step-started").at(-1)?.step;
    if (step === "interface-endpoint" && this.deleted) throw new BackAtStep4();
    if (step === "accept" && !this.deleted) {
      const endpoint = ourEndpoint(await readCloud(this.ctx!.clients, this.ctx!.names))!;
      await this.ctx!.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoint.id] }));
      this.deleted = endpoint.id;
    }
    return super.select(message, choices, defaultValue);
  }
}

async function deletedAtAccept(lang: "en" | "ja", mode: "hands-on" | "guided", answer?: string) {
  const t = translator(lang);
  // AWS's pace, scaled: the deleted endpoint is still `deleting` when the learner answers.
  const h = harness({ speed: 0.1, opts: { prefix: "asked", lang, mode } });
  for (const id of BUILT) await stepCommand(id, { ...h.opts, mode: "guided" }, h.env);
  const host = new DeletesWhileAsked(lang, true, answer ? [{ match: t("engine.howToDo"), value: answer }] : []);
  host.ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
  await expect(start({ ...h.opts, yes: false }, { ...h.env, makeHost: () => host })).rejects.toBeInstanceOf(BackAtStep4);
  return { host, t };
}

describe.each(["en", "ja"] as const)("the endpoint deleted while the accept step's question waits (%s)", (lang) => {
  it.each([
    ["hands-on", "let the tool do it", "guided"],
    ["hands-on", "the console's form", "form"],
    ["guided", "Run", undefined],
  ] as const)("%s, answered %s: back to step 4, saying why; nothing fails", async (mode, _said, answer) => {
    const { host, t } = await deletedAtAccept(lang, mode, answer);
    expect(host.deleted).toBeDefined();
    const notices = host.ofType("notice").map((n) => n.message);
    const back = t("engine.back", { n: "4", title: "\u0000", why: "\u0000" }).split("\u0000")[0]!;
    expect(notices.some((m) => m.startsWith(back)), notices.join("\n")).toBe(true);
    expect(host.ofType("error")).toEqual([]);
    expect(host.ofType("step-started").map((s) => s.step).slice(-2)).toEqual(["accept", "interface-endpoint"]);
  }, 60_000);
});
