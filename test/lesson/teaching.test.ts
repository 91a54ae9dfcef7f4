/**
 * What the screen teaches: every note a quiz question depends on is shown before the quiz, on the
 * guided path and on a hands-on path with wrong choices; "done" texts tell what the learner really
 * did; quiz feedback tells right from wrong. (The RecordingHost fails on any unfilled `<name>`.)
 */
import { describe, expect, it } from "vitest";
import { loadQuiz, loadStep } from "../../src/content/lesson-content.js";
import { start } from "../../src/commands/start.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import type { Choice, LabEvent } from "../../src/ui/io-host.js";
import { renderMarkdown } from "../../src/ui/markdown.js";
import { loadPhrases } from "../../src/ui/line-breaks.js";
import { stripVTControlCharacters as plain } from "node:util";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost, unfilled } from "../helpers/recording-host.js";
import { AuthorizeSecurityGroupIngressCommand, RevokeSecurityGroupIngressCommand } from "@aws-sdk/client-ec2";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { ourEndpoint, readCloud } from "../../src/lesson/cloud-view.js";

type Explain = Extract<LabEvent, { type: "explain" }>;

/** `<step>` / `<step>/<note>` items shown before the first quiz question. */
function shownBeforeQuiz(events: LabEvent[]): Set<string> {
  const shown = new Set<string>();
  for (const e of events) {
    if (e.type === "quiz-answer") break;
    if (e.type !== "explain") continue;
    if (e.section === "concept") shown.add(e.step);
    if (e.section === "note") {
      const notes = loadStep("privatelink", e.step, "en").notes;
      const key = Object.keys(notes).find((k) => notes[k] && sameNote(notes[k]!, e.markdown));
      if (key) shown.add(`${e.step}/${key}`);
    }
  }
  return shown;
}

/** A rendered note matches its source once placeholders are ignored. */
function sameNote(source: string, rendered: string): boolean {
  const firstLine = source.split("\n")[0]!.replace(/\{\{\s*\w+\s*\}\}/g, "\u0000");
  const parts = firstLine.split("\u0000").filter((p) => p.length > 3);
  return parts.every((p) => rendered.includes(p));
}

function doneText(host: RecordingHost, step: string): string {
  return host.ofType("explain").filter((e: Explain) => e.step === step && e.section === "done").map((e) => e.markdown).join("\n");
}

describe("guided mode teaches what the quiz asks", () => {
  it("shows every note the quiz depends on, before the quiz, and asks every question", async () => {
    const h = harness();
    await start(h.opts, h.env);
    const quiz = loadQuiz("privatelink", "en");
    const shown = shownBeforeQuiz(h.host.events);
    for (const q of quiz) for (const need of q.needs ?? []) expect(shown.has(need), `${q.id} needs ${need}`).toBe(true);
    expect(h.host.ofType("quiz-answer").length).toBe(quiz.length);
    // Terms the quiz uses were shown: the regional/zonal and source-IP notes, NLB spelled out.
    const notes = h.host.ofType("explain").filter((e) => e.section === "note").map((e) => e.markdown).join("\n");
    expect(notes).toMatch(/regional name/);
    expect(notes).toMatch(/NLB's private IPs/);
    expect(notes).toMatch(/sandbox/);
  });

  it("the last screen names what was deleted without unfilled ids", async () => {
    const h = harness();
    await start(h.opts, h.env);
    const last = doneText(h.host, "cleanup");
    expect(last).toMatch(/Everything is deleted/);
    expect(unfilled(last)).toEqual([]);
    expect(last).toContain("alice-consumer");
  });
});

describe("hands-on with wrong choices", () => {
  it("done texts tell what the learner did, and quiz feedback marks right and wrong", async () => {
    let serviceName = "";
    const host = new RecordingHost("en", true, [
      { match: "Service name", value: "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0nope", times: 1 },
      { match: "Service name", value: () => serviceName },
      { match: "Security groups", value: "default" },
      { match: "Inbound rule: type", value: 443, times: 1 },
      { match: "Source", value: "sg" },
    ]);
    const h = harness({ host, opts: { mode: "hands-on" } });
    const realSelect = host.select.bind(host);
    host.select = async (message, choices, def) => {
      serviceName ||= Object.values(h.sandbox.store.snapshot().regions["ap-northeast-1"]?.endpointServices ?? {})[0]?.ServiceName ?? "";
      return realSelect(message, choices, def);
    };
    await start(h.opts, h.env);

    const notes = host.ofType("explain").filter((e) => e.section === "note").map((e) => e.markdown).join("\n");
    expect(notes).toMatch(/You gave the endpoint the VPC's default security group/);
    expect(notes).not.toMatch(/You are about to/);
    expect(notes).toMatch(/service name was not found/);
    // The learner chose the instance's security group and left a 443 rule: the text says so.
    const http = doneText(host, "allow-http");
    expect(http).toMatch(/from sg-[0-9a-f]+/);
    expect(http).toMatch(/TCP 443 ← sg-/);
    expect(http).not.toMatch(/Only HTTP/);
    // The endpoint waited for acceptance (the service requires it): the text says pendingAcceptance.
    expect(doneText(host, "interface-endpoint")).toMatch(/pendingAcceptance/);
    const answers = host.ofType("quiz-answer");
    expect(answers.some((a) => a.right)).toBe(true);
    const wrong = answers.filter((a) => !a.right);
    expect(wrong.length).toBeGreaterThan(0);
    const q = loadQuiz("privatelink", "en");
    for (const a of wrong) expect(a.answer).toBe(q.find((x) => x.id === a.id)!.choices[q.find((x) => x.id === a.id)!.answer]);
    expect(host.ofType("step-finished").map((e) => e.step)).toEqual(STEPS.map((s) => s.id));
  });

  it("a service without acceptance: the endpoint's done text says available, and no pendingAcceptance note", async () => {
    const host = new RecordingHost("en", true, [
      { match: "Acceptance required", value: false },
      { match: "Service name", value: () => Object.values(h.sandbox.store.snapshot().regions["ap-northeast-1"]?.endpointServices ?? {})[0]?.ServiceName ?? "" },
    ]);
    const h = harness({ host, opts: { mode: "hands-on" } });
    await start(h.opts, h.env);
    const done = doneText(host, "interface-endpoint");
    expect(done).toMatch(/already `available`/);
    expect(done).not.toMatch(/is `pendingAcceptance`/);
    const notes = host.ofType("explain").filter((e) => e.step === "interface-endpoint" && e.section === "note").map((e) => e.markdown);
    expect(notes.join("\n")).not.toMatch(/is not an error/);
    // The fix command in the no-acceptance note names the real service.
    const fix = host.ofType("explain").find((e) => e.step === "endpoint-service" && /modify-vpc-endpoint-service-configuration/.test(e.markdown));
    expect(fix?.markdown).toMatch(/--service-id vpce-svc-[0-9a-f]+/);
    // The accept step never ran here (found done), so its concept is not asked; what it teaches (the
    // cleanup order) is shown when it is found done, and asked only after that.
    const asked = host.ofType("quiz-answer").map((a) => a.id);
    expect(asked).not.toContain("endpoint-vs-privatelink");
    const note = host.events.findIndex((e) => e.type === "explain" && e.step === "accept" && e.section === "note" && /decides the order/.test(e.markdown));
    const question = host.events.findIndex((e) => e.type === "quiz-answer" && e.id === "cleanup-order");
    expect(note).toBeGreaterThanOrEqual(0);
    expect(question).toBeGreaterThan(note);
  });
});

describe("the concept tells the cloud as it is", () => {
  it("resumed with a TCP 443 rule on the endpoint's group: step 5's concept names that rule, and never says the group has none", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint"]) await stepCommand(id, h.opts, h.env);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const sgId = ourEndpoint(await readCloud(ctx.clients, ctx.names))!.sgIds[0]!;
    await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sgId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/16" }] }] }));
    for (const lang of ["en", "ja"] as const) {
      const host = new RecordingHost(lang);
      await stepCommand("allow-http", { ...h.opts, lang }, { ...h.env, makeHost: () => host });
      const concept = host.ofType("explain").find((e) => e.step === "allow-http" && e.section === "concept")!.markdown;
      expect(concept).toContain(`TCP 443 ← 10.0.0.0/16`);
      expect(concept).not.toMatch(/no inbound rules|1 つもなく/);
      await ctx.clients.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: sgId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: `${(await readCloud(ctx.clients, ctx.names)).consumerInstance!.ip}/32` }] }] }));
    }
  });
});

describe("hands-on hints for the curl step, learner who never asked 'show how'", () => {
  it.each(["en", "ja"] as const)("(%s) says what is missing, and the last hint gives the whole command, with no line starting with punctuation at 80 columns", async (lang) => {
    const host = new (class extends RecordingHost {
      override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
        const step = this.ofType("step-started").at(-1)?.step;
        const verify = choices.find((c) => c.value === "verify");
        if (verify) return (step === "curl" && this.ofType("explain").filter((e) => e.section === "hint").length < 3 ? "verify" : "guided") as T;
        return super.select(message, choices, defaultValue);
      }
    })(lang, true);
    const h = harness({ host, opts: { prefix: "hint", mode: "hands-on", lang } });
    h.env.learnerReachesSandbox = true;
    await start(h.opts, h.env);
    const curlStep = host.events.slice(host.events.findIndex((e) => e.type === "step-started" && e.step === "curl"));
    const notYet = curlStep.find((e): e is Extract<LabEvent, { type: "notice" }> => e.type === "notice" && e.level === "warn")!.message;
    expect(notYet).toMatch(/Run Command/);
    const hints = host.ofType("explain").filter((e) => e.step === "curl" && e.section === "hint").map((e) => e.markdown);
    expect(hints).toHaveLength(3);
    expect(hints[2]).toMatch(/aws ssm send-command .*--instance-ids i-[0-9a-f]+ .*--document-name AWS-RunShellScript/);
    expect(hints[2]).not.toMatch(/above|上の/);
    const screen = plain(renderMarkdown(hints[2]!, 80, { color: false, phrases: lang === "ja" ? await loadPhrases("ja") : undefined }));
    expect(screen.split("\n").filter((l) => /^\s*[.,;:。、]/.test(l))).toEqual([]);
  }, 60_000);
});
