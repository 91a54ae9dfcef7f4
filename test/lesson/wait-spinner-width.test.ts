/**
 * A hands-on learner verifies a step whose resource is still becoming ready (an endpoint `pending`): the spinner's line,
 * fitted to an 80- or 120-column terminal, stays one line that still says what it waits for and how long it has
 * waited, and the endpoint's state (at 80 columns in AWS's one word, `pending`, where its sentence does not fit); why it
 * waits ("made right, no hint used") and the step it waits for are on a line of their own before it.
 * (At 80 columns in Japanese the line was cut before the usual time and the seconds waited; then the state was dropped.)
 * The cleanup's wait speaks of deletions ("Waiting for the deletions to finish"), not of being ready.
 */
import { DeleteStackCommand } from "@aws-sdk/client-cloudformation";
import { DeleteSecurityGroupCommand, DeleteVpcEndpointServiceConfigurationsCommand, DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { ourEndpoint, ourService, readCloud } from "../../src/lesson/cloud-view.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import type { Spinner } from "../../src/ui/io-host.js";
import { spinnerLine } from "../../src/ui/spinner-line.js";
import { displayWidth } from "../../src/ui/text-width.js";
import { byHandSteps } from "../helpers/by-hand-steps.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

/** Keeps every text a spinner showed while it ran. */
class SpinnerTexts extends RecordingHost {
  readonly shown: string[] = [];
  /** The narrow form given with each text (the state in one word), if any. */
  readonly narrow = new Map<string, readonly string[]>();
  override spinner(step: string, text: string): Spinner {
    super.spinner(step, text);
    this.shown.push(text);
    const update = (t: string, narrow?: readonly string[]) => {
      this.shown.push(t);
      if (narrow !== undefined) this.narrow.set(t, narrow);
    };
    return { update, succeed: () => undefined, fail: () => undefined, stop: () => undefined };
  }
}

describe.each(["ja", "en"] as const)("hands-on: the wait after the learner's own try, on a terminal (%s)", (lang) => {
  it("keeps what it waits for and the time waited on one line at 80 and 120 columns; the why on its own line", async () => {
    const t = translator(lang);
    const h = harness({ speed: 0.1, opts: { prefix: "spin", mode: "hands-on", lang } });
    h.env.learnerReachesSandbox = true;
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    for (const id of ["preflight", "deploy", "tour", "endpoint-service"]) await stepCommand(id, { ...h.opts, mode: "guided" }, h.env);
    await byHandSteps("spin")["interface-endpoint"]!(ctx);
    const host = new SpinnerTexts(lang, true, [{ match: t("engine.howToDo"), value: "verify", times: 1 }]);
    await stepCommand("interface-endpoint", h.opts, { ...h.env, makeHost: () => host });
    // Each line drawn once the cloud was read: how long it has waited, and the state.
    const waited = host.shown.filter((s) => s.startsWith(t("handsOnFixes.settling")) && s.includes(" · "));
    expect(waited.length).toBeGreaterThan(0);
    const seconds = lang === "ja" ? / · \d+ 秒/ : / · \d+s/;
    for (const width of [80, 120])
      for (const text of waited) {
        // (ora draws its frame and a space before the text.)
        const line = spinnerLine(text, width - 3, host.narrow.get(text));
        expect(displayWidth(line), line).toBeLessThanOrEqual(width - 3);
        expect(line, `${width}`).toContain(t("handsOnFixes.settling"));
        expect(line, `${width}`).toMatch(seconds);
        // The endpoint's state stays on the line: in its sentence where there is room, else in AWS's one word.
        expect(line, `${width}`).toMatch(/ · .*pending/);
      }
    const title = t("handsOnFixes.settlingWhy", { title: host.ofType("step-started").at(-1)!.title });
    expect(host.ofType("notice").map((n) => n.message)).toContain(title);
  }, 60_000);
});

describe.each(["ja", "en"] as const)("hands-on cleanup: the wait for the learner's last deletions, 80 columns (%s)", (lang) => {
  it("says it waits for the deletions to finish, and keeps the state of what is still being deleted on the spinner's line", async () => {
    const t = translator(lang);
    const h = harness({ speed: 0.1, opts: { prefix: "spingo", mode: "hands-on", lang } });
    h.env.learnerReachesSandbox = true;
    for (const s of STEPS.filter((s) => s.id !== "cleanup")) await stepCommand(s.id, { ...h.opts, mode: "guided" }, h.env);
    // The learner's own commands, in the order the step's text gives: all deleted or being deleted.
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const view = await readCloud(ctx.clients, ctx.names);
    await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [ourEndpoint(view)!.id] }));
    h.clock.advance(30 * 60_000);
    await ctx.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: view.endpointSgs.find((g) => g.owned)!.id }));
    await ctx.clients.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [ourService(view)!.id] }));
    for (const name of [ctx.names.consumerStack, ctx.names.providerStack]) await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: name }));

    const host = new SpinnerTexts(lang, true, [{ match: t("engine.howToDo"), value: "verify", times: 1 }]);
    await stepCommand("cleanup", h.opts, { ...h.env, makeHost: () => host });
    // A step that deletes waits for the deletions to finish, not for anything to be ready.
    const waited = host.shown.filter((s) => s.startsWith(t("handsOnFixes.deleting")) && s.includes(" · "));
    expect(waited.length).toBeGreaterThan(0);
    for (const text of waited) expect(spinnerLine(text, 77, host.narrow.get(text)), text).toContain("DELETE_IN_PROGRESS");
    const why = t("handsOnFixes.deletingWhy", { title: host.ofType("step-started").at(-1)!.title });
    expect(host.ofType("notice").map((n) => n.message)).toContain(why);
    expect(host.shown.filter((s) => s.includes(t("handsOnFixes.settling")))).toEqual([]);
  }, 60_000);
});

describe.each(["ja", "en"] as const)("guided: every wait the tool runs, 80 columns (%s)", (lang) => {
  it("keeps the state (in AWS's one word where the sentence does not fit) with the time waited", async () => {
    const h = harness({ speed: 0.1, opts: { prefix: "spingd", mode: "guided", lang } });
    const waits = new Map<string, string[]>();
    const narrow = new Map<string, readonly string[]>();
    for (const s of STEPS) {
      const host = new SpinnerTexts(lang, true);
      await stepCommand(s.id, h.opts, { ...h.env, makeHost: () => host });
      // Each line drawn once AWS was read: what it waits for, the time waited, the state.
      waits.set(s.id, host.shown.filter((text) => text.split(" · ").length >= 3));
      for (const [text, forms] of host.narrow) narrow.set(text, forms);
    }
    for (const id of ["deploy", "endpoint-service", "interface-endpoint", "accept", "cleanup"]) {
      expect(waits.get(id)?.length, id).toBeGreaterThan(0);
      for (const text of waits.get(id)!) {
        const line = spinnerLine(text, 77, narrow.get(text));
        expect(line.split(" · ").length, `${id}: ${text} → ${line}`).toBeGreaterThanOrEqual(3);
      }
    }
  }, 120_000);
});

describe("a spinner's line on a narrow terminal", () => {
  it("drops the state first, then shortens what it waits for, and keeps the time waited", () => {
    const text = "正しく作成済みで、準備中です。完了を待っています（通常は約 9 秒） · 12 秒 · 接続は Provider の承諾を待っています（pendingAcceptance）";
    const line = spinnerLine(text, 50);
    expect(displayWidth(line)).toBeLessThanOrEqual(50);
    expect(line).toMatch(/ · 12 秒$/);
    expect(line).toMatch(/^正しく作成済みで/);
    expect(spinnerLine("Deploying the stacks (usually ~6 min) · 1m05s · CREATE_IN_PROGRESS", 120)).toBe("Deploying the stacks (usually ~6 min) · 1m05s · CREATE_IN_PROGRESS");
  });

  it("says the state in its narrow form before dropping it, and keeps the full sentence where it fits", () => {
    const text = "準備が整うのを待っています（通常は約 2 分） · 12 秒 · インターフェイスエンドポイントがあります（pending）";
    const narrow = "準備が整うのを待っています（通常は約 2 分） · 12 秒 · pending";
    expect(spinnerLine(text, 77, narrow)).toBe(narrow);
    expect(spinnerLine(text, 117, narrow)).toBe(text);
    expect(spinnerLine(text, 40, narrow)).toMatch(/ · 12 秒$/);
  });
});
