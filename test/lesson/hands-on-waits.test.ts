/**
 * What a hands-on learner meets between doing a step and the lesson seeing it: a resource made
 * right but still becoming ready is waited for (no "Not done yet", no hint used), and a step that
 * finished while the lesson was not running still teaches its notes, so the quiz asks all of it.
 */
import { AcceptVpcEndpointConnectionsCommand, type DescribeVpcEndpointsCommandOutput } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { start } from "../../src/commands/start.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { loadQuiz } from "../../src/content/lesson-content.js";
import { ourEndpoint, ourService, readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";
import { byHandSteps } from "../helpers/by-hand-steps.js";
import type { Choice, Spinner } from "../../src/ui/io-host.js";
import { translator } from "../../src/i18n/messages.js";
import { allHandlers } from "../../src/sandbox/handlers/index.js";
import type { HandlerContext, HandlerTables } from "../../src/sandbox/handler.js";

const PREFIX = "wait";

async function context(h: Harness): Promise<LessonContext> {
  return lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
}

const byHand = byHandSteps(PREFIX);

describe("hands-on: verify right after doing the step", () => {
  it("a stack still creating, an endpoint still pending: waited for, no 'Not done yet', no hint", async () => {
    // AWS's own pace, scaled: a new endpoint stays `pending` for a while, stacks stay CREATE_IN_PROGRESS.
    const h = harness({ speed: 0.1, opts: { prefix: PREFIX, mode: "hands-on" } });
    h.env.learnerReachesSandbox = true;
    const ctx = await context(h);
    await stepCommand("preflight", { ...h.opts, mode: "guided" }, h.env);
    for (const id of ["deploy", "tour", "endpoint-service", "interface-endpoint"]) {
      const act = byHand[id];
      if (!act) {
        await stepCommand(id, { ...h.opts, mode: "guided" }, h.env);
        continue;
      }
      await act(ctx); // pasted in the second window…
      const view = await readCloud(ctx.clients, ctx.names);
      if (id === "interface-endpoint") expect(ourEndpoint(view)?.state).toBe("pending");
      if (id === "deploy") expect(view.consumer?.status).toBe("CREATE_IN_PROGRESS");
      // …and "verify" chosen at once: a second question would mean the verify failed.
      const host = new RecordingHost("en", true, [
        { match: "How do you want", value: "verify", times: 1 },
        { match: "How do you want", value: () => { throw new Error(`${id}: verify right after the learner's commands was counted as a failed try`); } },
      ]);
      await stepCommand(id, h.opts, { ...h.env, makeHost: () => host });
      expect(host.ofType("notice").filter((n) => n.level === "warn").map((n) => n.message), id).toEqual([]);
      expect(host.ofType("explain").filter((e) => e.section === "hint"), id).toEqual([]);
      expect(host.ofType("step-finished").at(-1), id).toMatchObject({ step: id, status: "done" });
    }
  }, 60_000);
});

/** A learner who verifies at once, and whose screen keeps the lines each wait ends with. */
class FinishedWaits extends RecordingHost {
  readonly finished: string[] = [];
  override spinner(step: string, text: string): Spinner {
    super.spinner(step, text);
    return { update: () => undefined, succeed: (t) => void this.finished.push(t ?? text), fail: () => undefined, stop: () => undefined };
  }
}

describe.each(["en", "ja"] as const)("hands-on: the wait for a resource becoming ready, once over (%s)", (lang) => {
  it("says it is ready, no longer that it is waiting", async () => {
    const t = translator(lang);
    const h = harness({ speed: 0.1, opts: { prefix: PREFIX, mode: "hands-on", lang } });
    h.env.learnerReachesSandbox = true;
    const ctx = await context(h);
    for (const id of ["preflight", "deploy", "tour", "endpoint-service"]) await stepCommand(id, { ...h.opts, mode: "guided" }, h.env);
    await byHand["interface-endpoint"]!(ctx);
    const host = new FinishedWaits(lang, true, [{ match: t("engine.howToDo"), value: "verify", times: 1 }]);
    await stepCommand("interface-endpoint", h.opts, { ...h.env, makeHost: () => host });
    expect(host.ofType("progress").filter((p) => p.message.includes(t("handsOnFixes.settling")))).toHaveLength(1);
    const done = host.finished.filter((l) => l.startsWith(t("handsOnFixes.settled")));
    expect(done).toHaveLength(1);
    // How long it took, in the language's own brackets: " (4s)", "（4 秒）".
    expect(done[0]).toMatch(lang === "en" ? / \(\d+s\)$/ : /[^ ]（\d+ 秒）$/);
    expect(host.finished.filter((l) => l.includes(t("handsOnFixes.settling")))).toEqual([]);
  }, 60_000);
});

describe("hands-on: a resource still not ready when the wait runs out", () => {
  it("says it is still not ready and asks again (verify · show · the tool), with no hint used; verify later finishes the step", async () => {
    // AWS leaves the endpoint `pending` far past its usual time (a busy Region), then makes it available.
    let stuck = true;
    const describeEndpoints = allHandlers.ec2.DescribeVpcEndpointsCommand!;
    const handlers: HandlerTables = {
      ...allHandlers,
      ec2: {
        ...allHandlers.ec2,
        DescribeVpcEndpointsCommand: ((ctx: HandlerContext, input: never) => {
          const out = describeEndpoints(ctx, input) as DescribeVpcEndpointsCommandOutput;
          return stuck ? { ...out, VpcEndpoints: out.VpcEndpoints?.map((e) => ({ ...e, State: "pending" as const })) } : out;
        }) as never,
      },
    };
    const h = harness({ handlers, speed: 0.1, opts: { prefix: PREFIX, mode: "hands-on" } });
    h.env.learnerReachesSandbox = true;
    const ctx = await context(h);
    for (const id of ["preflight", "deploy", "tour", "endpoint-service"]) await stepCommand(id, { ...h.opts, mode: "guided" }, h.env);
    await byHand["interface-endpoint"]!(ctx);
    const asked: string[][] = [];
    // The learner verifies at once; asked again, AWS has made it available by then, and they verify again.
    const host = new (class extends RecordingHost {
      override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
        if (!message.includes("How do you want")) return super.select(message, choices, defaultValue);
        if (asked.push(choices.map((c) => String(c.value))) > 1) stuck = false;
        return "verify" as T;
      }
    })("en", true);
    await stepCommand("interface-endpoint", h.opts, { ...h.env, makeHost: () => host });
    expect(asked.length, "asked again after the wait ran out").toBe(2);
    expect(asked[1]).toEqual(expect.arrayContaining(["verify", "show", "guided"]));
    const told = host.ofType("notice").map((n) => n.message).join("\n");
    expect(told).toMatch(/still not ready/i);
    expect(told).toMatch(/pending/);
    expect(told).not.toMatch(/Not done yet/);
    expect(host.ofType("explain").filter((e) => e.section === "hint")).toEqual([]);
    expect(host.ofType("step-finished").at(-1)).toMatchObject({ step: "interface-endpoint", status: "done" });
  }, 60_000);
});

/** A learner who lets the tool do every step but accepts the connection by hand (at step `at`), then verifies at once. */
class AcceptsByHand extends RecordingHost {
  ctx?: LessonContext;
  accepted = false;
  at = "accept";
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    if (!message.includes("How do you want")) return super.select(message, choices, defaultValue);
    const step = this.ofType("step-started").at(-1)?.step;
    if (step === this.at && !this.accepted) {
      this.accepted = true;
      const view = await readCloud(this.ctx!.clients, this.ctx!.names);
      await this.ctx!.clients.ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: ourService(view)!.id, VpcEndpointIds: [ourEndpoint(view)!.id] }));
      expect(ourEndpoint(await readCloud(this.ctx!.clients, this.ctx!.names))?.state).toBe("pending");
      return "verify" as T;
    }
    return "guided" as T;
  }
}

describe("hands-on: accepting by hand", () => {
  it("the endpoint is pending just after the accept: verify waits for it, and the lesson does not go back to step 4", async () => {
    const host = new AcceptsByHand("en", true);
    const h = harness({ host, speed: 0.1, opts: { prefix: PREFIX, mode: "hands-on" } });
    h.env.learnerReachesSandbox = true;
    host.ctx = await context(h);
    await start(h.opts, h.env);
    expect(host.accepted).toBe(true);
    expect(host.ofType("step-started").filter((e) => e.step === "interface-endpoint").length, "step 4 again").toBe(1);
    expect(host.ofType("notice").filter((n) => n.level === "warn").map((n) => n.message)).toEqual([]);
    expect(host.ofType("explain").filter((e) => e.section === "hint")).toEqual([]);
    expect(host.ofType("step-finished").find((e) => e.step === "accept")).toMatchObject({ status: "done" });
  }, 60_000);

  it("accepted before HTTP is allowed (step 5; the text says either order): the pending endpoint still counts for step 4, step 5 goes on", async () => {
    const host = new AcceptsByHand("en", true);
    host.at = "allow-http";
    const h = harness({ host, speed: 0.1, opts: { prefix: PREFIX, mode: "hands-on" } });
    h.env.learnerReachesSandbox = true;
    host.ctx = await context(h);
    await start(h.opts, h.env);
    expect(host.accepted).toBe(true);
    const started = host.ofType("step-started").map((e) => e.step);
    expect(started.filter((s) => s === "interface-endpoint"), started.join(" → ")).toHaveLength(1);
    // HTTP was not allowed yet: step 5 says that (and only that), then the tool allows it.
    const warned = host.ofType("notice").filter((n) => n.level === "warn").map((n) => n.message);
    expect(warned).toEqual([expect.stringMatching(/^Not done yet: the endpoint's security group does not admit TCP 80/)]);
    // The learner accepted it by hand: once the endpoint is available, the accept step is found done.
    expect(host.ofType("step-finished").find((e) => e.step === "accept")).toMatchObject({ status: "already-done" });
    expect(host.ofType("curl-result")[0]?.exitCode).toBe(0);
  }, 60_000);
});

describe("the quiz after a run stopped during the deploy", () => {
  it("the stacks finished while the lesson was not running: their notes are shown on the rerun, and the quiz asks all its questions", async () => {
    const h = harness({ opts: { prefix: PREFIX } });
    const ctx = await context(h);
    await stepCommand("preflight", h.opts, h.env);
    await byHand.deploy!(ctx); // the deploy went on in CloudFormation after Ctrl-C
    await start(h.opts, h.env);
    const quiz = loadQuiz("privatelink", "en");
    const asked = h.host.ofType("quiz-answer").map((a) => a.id);
    expect(asked).toContain("ssm-no-internet");
    expect(h.host.ofType("quiz-result")[0]!.total).toBe(quiz.length);
    // The note came before its question.
    const events = h.host.events;
    const note = events.findIndex((e) => e.type === "explain" && e.step === "deploy" && e.section === "note" && /Session Manager/.test(e.markdown));
    const question = events.findIndex((e) => e.type === "quiz-answer" && e.id === "ssm-no-internet");
    expect(note).toBeGreaterThanOrEqual(0);
    expect(note).toBeLessThan(question);
  }, 60_000);
});

/** Accepts the connection by hand while the accept step's concept is on screen, then stops (Ctrl-C, or kill -9). */
class StopsAtAccept extends RecordingHost {
  ctx?: LessonContext;
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    if (this.ofType("step-started").at(-1)?.step !== "accept") return super.select(message, choices, defaultValue);
    const view = await readCloud(this.ctx!.clients, this.ctx!.names);
    await this.ctx!.clients.ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: ourService(view)!.id, VpcEndpointIds: [ourEndpoint(view)!.id] }));
    throw new Error("killed while the accept step's concept was on screen");
  }
}

describe("the quiz after a run stopped on the accept step's concept", () => {
  it("the concept was on screen, so it counts as taught: the rerun's quiz asks all its questions", async () => {
    const first = new StopsAtAccept("en", true);
    const h = harness({ host: first, opts: { prefix: PREFIX } });
    first.ctx = await context(h);
    await expect(start(h.opts, h.env)).rejects.toThrow(/killed/);
    expect(first.ofType("explain").some((e) => e.step === "accept" && e.section === "concept")).toBe(true);
    const again = new RecordingHost("en");
    h.env.makeHost = () => again;
    await start(h.opts, h.env);
    expect(again.ofType("explain").filter((e) => e.step === "accept" && e.section === "concept"), "not taught twice").toEqual([]);
    expect(again.ofType("quiz-answer").map((a) => a.id)).toContain("endpoint-vs-privatelink");
    expect(again.ofType("quiz-result")[0]!.total).toBe(loadQuiz("privatelink", "en").length);
  }, 60_000);
});

describe("a step done but still becoming ready is waited for before the next builds on it", () => {
  it("an endpoint the learner just created (still `pending`, not yet waiting for acceptance): the lesson waits for it before accepting", async () => {
    const h = harness({ speed: 0.1, opts: { prefix: PREFIX, yes: true } });
    const ctx = await context(h);
    for (const id of ["preflight", "deploy", "tour", "endpoint-service"]) await stepCommand(id, h.opts, h.env);
    await byHand["interface-endpoint"]!(ctx);
    expect(ourEndpoint(await readCloud(ctx.clients, ctx.names))?.state).toBe("pending");
    const host = new RecordingHost("en", true);
    await start(h.opts, { ...h.env, makeHost: () => host });
    expect(host.ofType("step-finished").find((e) => e.step === "accept")).toMatchObject({ status: "done" });
    expect(host.ofType("curl-result")[0]?.exitCode).toBe(0);
  }, 60_000);
});
