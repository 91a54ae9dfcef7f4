/**
 * Every screen says what happened: the hands-on lesson in both languages with each wrong choice,
 * and the text shown must be true of the cloud (issue 22). In-process against the sandbox.
 */
import { CreateSecurityGroupCommand, DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { diagnose as diagnoseCommand } from "../../src/commands/diagnose.js";
import { start } from "../../src/commands/start.js";
import { step as stepCommand } from "../../src/commands/step.js";
import type { Lang } from "../../src/i18n/lang.js";
import { translator } from "../../src/i18n/messages.js";
import { ourEndpoint, ourService, readCloud } from "../../src/lesson/cloud-view.js";
import { runLesson } from "../../src/lesson/engine.js";
import { authorize } from "../../src/lesson/steps/allow-http.js";
import { createInterfaceEndpoint, requireConsumer } from "../../src/lesson/steps/interface-endpoint.js";
import { drawDiagram } from "../../src/ui/diagram.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost, type Answer } from "../helpers/recording-host.js";
import type { LessonContext } from "../../src/lesson/context.js";
import type { Choice } from "../../src/ui/io-host.js";

/** The fixed start of a message (up to its first value): what a scripted answer matches. */
const frag = (lang: Lang, key: string) => translator(lang)(key, new Proxy({}, { get: () => "\u0000" }) as Record<string, string>).split("\u0000")[0]!;
const serviceName = (h: ReturnType<typeof harness>) => () =>
  Object.values(h.sandbox.store.snapshot().regions["ap-northeast-1"]?.endpointServices ?? {})[0]?.ServiceName ?? "";
const text = (host: RecordingHost) => [...host.ofType("explain").map((e) => e.markdown), ...host.ofType("notice").map((e) => e.message)].join("\n");

function handsOn(lang: Lang, answers: (h: ReturnType<typeof harness>) => { match: string; value: Answer; times?: number }[]) {
  const box: { h?: ReturnType<typeof harness> } = {};
  const host = new RecordingHost(lang, true, []);
  const h = harness({ host, opts: { mode: "hands-on", lang } });
  box.h = h;
  (host as unknown as { answers: unknown[] }).answers.push(...answers(h));
  h.env.env.LANG = lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8";
  return { h, host };
}

/** A learner who deletes their endpoint by hand at step 5 (allow HTTP), then chooses "verify"; the forms otherwise. */
class DeletesEndpointAtStep5 extends RecordingHost {
  ctx?: LessonContext;
  deleted = false;
  constructor(lang: Lang) {
    super(lang, true, []);
  }
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    const step = this.ofType("step-started").at(-1)?.step;
    if (message !== translator(this.lang)("engine.howToDo") || step !== "allow-http" || this.deleted) return super.select(message, choices, defaultValue);
    this.deleted = true;
    const ep = ourEndpoint(await readCloud(this.ctx!.clients, this.ctx!.names))!;
    await this.ctx!.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [ep.id] }));
    return "verify" as T;
  }
}

describe.each(["en", "ja"] as const)("hands-on in %s: the text is true of the cloud", (lang) => {
  const t = translator(lang);

  it("an AWS service in the endpoint form: the 'not done' line names the endpoint and its service", async () => {
    const s3 = "com.amazonaws.ap-northeast-1.s3";
    const { h, host } = handsOn(lang, (h) => [
      { match: frag(lang, "form.endpoint.serviceName"), value: s3, times: 1 },
      { match: frag(lang, "form.endpoint.serviceName"), value: serviceName(h) },
    ]);
    await start(h.opts, h.env);
    const shown = text(host);
    expect(shown).not.toMatch(/\{\w+\}|<\w+>/);
    const stray = host.ofType("notice").find((n) => n.message.includes(s3));
    expect(stray?.message).toMatch(/vpce-[0-9a-f]+/);
    // The hint after it talks about the service (the VPC was right), naming the one to pick.
    const hint = host.ofType("explain").find((e) => e.step === "interface-endpoint" && e.section === "hint")!.markdown;
    expect(hint).toContain(serviceName(h)());
    expect(hint).toMatch(lang === "en" ? /the VPC was right, the service was not/ : /VPC は合っていて、サービスが違います/);
    expect(host.ofType("lesson-finished")[0]).toMatchObject({ cleanedUp: true });
  });

  it("acceptance off: step 4 says the endpoint is accepted at once, never that it waits", async () => {
    const { h, host } = handsOn(lang, (h) => [
      { match: frag(lang, "form.service.acceptance"), value: false },
      { match: frag(lang, "form.endpoint.serviceName"), value: serviceName(h) },
    ]);
    await start(h.opts, h.env);
    const concept = host.ofType("explain").find((e) => e.step === "interface-endpoint" && e.section === "concept")!.markdown;
    expect(concept).toMatch(lang === "en" ? /does not require acceptance/ : /「承諾が必要」にしていない/);
    expect(concept).not.toMatch(lang === "en" ? /Because the endpoint service requires acceptance/ : /「承諾が必要」なので/);
  });

  it("reject: says why the lesson goes back to step 4, and deletes the rejected endpoint when asked", async () => {
    const { h, host } = handsOn(lang, (h) => [
      { match: frag(lang, "form.accept.action"), value: "reject", times: 1 },
      { match: frag(lang, "form.accept.rejectSure"), value: true, times: 1 },
      { match: frag(lang, "form.endpoint.serviceName"), value: serviceName(h) },
    ]);
    await start(h.opts, h.env);
    const notices = host.ofType("notice").map((n) => n.message);
    const back = notices.find((m) => m.startsWith(frag(lang, "engine.back")));
    expect(back).toMatch(/vpce-[0-9a-f]+/);
    expect(back).toContain(t("engine.back", { n: "4", title: "\u0000", why: "\u0000" }).split("\u0000")[0]);
    expect(back).toContain(frag(lang, "detect.endpoint.rejected"));
    expect(host.questions.some((q) => q.startsWith(frag(lang, "screens.rejected.remove")))).toBe(true);
    expect(h.sandbox.calls.filter((c) => c.command === "DeleteVpcEndpointsCommand").length).toBeGreaterThanOrEqual(2); // the rejected one, then the cleanup's
    expect(host.ofType("curl-result")[0]?.exitCode).toBe(0);
    // The new endpoint reuses the group that already admits TCP 80: step 5 says so, it is not skipped in silence.
    const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const said = escape(t("engine.alreadyDone", { title: "\u0001", why: t("detect.http.done", { sg: "\u0002" }) }))
      .replace("\u0001", ".+")
      .replace("\u0002", "sg-[0-9a-f]+ \\(alice-endpoint-sg\\)");
    const afterBack = notices.slice(notices.indexOf(back!));
    expect(afterBack.some((m) => new RegExp(`^${said}$`).test(m)), afterBack.join("\n")).toBe(true);
  });

  it("the endpoint deleted by hand at step 5: the lesson says step 4 is not done any more as it goes back to it", async () => {
    const host = new DeletesEndpointAtStep5(lang);
    const h = harness({ host, opts: { mode: "hands-on", lang } });
    h.env.learnerReachesSandbox = true;
    (host as unknown as { answers: unknown[] }).answers.push({ match: frag(lang, "form.endpoint.serviceName"), value: serviceName(h) });
    host.ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    await start(h.opts, h.env);
    expect(host.deleted).toBe(true);
    const started = host.ofType("step-started").map((e) => e.step);
    expect(started.filter((s) => s === "interface-endpoint")).toHaveLength(2);
    const back = host.ofType("notice").map((n) => n.message).filter((m) => m.startsWith(frag(lang, "engine.back")));
    expect(back).toEqual([t("engine.back", { n: "4", title: host.ofType("step-started").find((e) => e.step === "interface-endpoint")!.title, why: t("detect.endpoint.todo") })]);
    // Said before step 4 starts again, not after.
    const events = host.events.map((e) => (e.type === "notice" && e.message === back[0] ? "back" : e.type === "step-started" ? e.step : ""));
    expect(events.indexOf("back")).toBeGreaterThan(events.indexOf("allow-http"));
    expect(events.lastIndexOf("interface-endpoint")).toBeGreaterThan(events.indexOf("back"));
    expect(host.ofType("curl-result")[0]?.exitCode).toBe(0);
  });

  it("a reused group with a TCP 443 rule: step 4's done text lists the rule instead of 'no inbound rules'", async () => {
    const host = new RecordingHost(lang, false);
    const h = harness({ host, opts: { lang } });
    for (const id of ["preflight", "deploy", "tour", "endpoint-service"]) await stepCommand(id, h.opts, h.env);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const view = await readCloud(ctx.clients, ctx.names);
    const { vpcId, subnetId } = requireConsumer(view, ctx);
    const sg = (await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: "my-own-door", Description: "mine", VpcId: vpcId }))).GroupId!;
    await authorize(ctx, sg, { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/16" }] });
    await createInterfaceEndpoint(ctx, { serviceName: ourService(view)!.name, vpcId, subnetIds: [subnetId], sgIds: [sg], name: "mine" });
    await stepCommand("interface-endpoint", h.opts, h.env);
    // Step 5 as on AWS (the sandbox leaves the console's path out): the path names the learner's own group.
    const onAws = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    await runLesson({ ...onAws, clients: { ...onAws.clients, sandbox: undefined } }, { only: "allow-http" });
    const explained = host.ofType("explain");
    const done = explained.filter((e) => e.step === "interface-endpoint" && (e.section === "done")).map((e) => e.markdown).join("\n");
    const alreadyDone = host.ofType("notice").map((n) => n.message).join("\n");
    expect(done + alreadyDone).not.toMatch(lang === "en" ? /no inbound rules yet/ : /まだインバウンドルールがない/);
    const console5 = explained.find((e) => e.step === "allow-http" && e.section === "console")!.markdown;
    expect(console5).toContain("my-own-door");
    expect(console5).not.toContain("alice-endpoint-sg");
  });

  it("diagnose after the endpoint is deleted names the link without unfilled values", async () => {
    const host = new RecordingHost(lang, false);
    const h = harness({ host, opts: { lang } });
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept"]) await stepCommand(id, h.opts, h.env);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    const ep = ourEndpoint(await readCloud(ctx.clients, ctx.names))!;
    await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [ep.id] }));
    await diagnoseCommand(h.opts, h.env).catch(() => undefined);
    const d = host.ofType("diagnosis")[0]!;
    expect(JSON.stringify(d)).not.toMatch(/<\w+>|\{\{?\w+\}?\}/);
    expect(d.first?.id).toBe("endpoint");
    expect(d.links.find((l) => l.id === "endpoint")?.name).toBe(lang === "en" ? "Interface endpoint" : "インターフェイスエンドポイント");
  });

  it("the cleaned-up diagram marks every part deleted, none built", async () => {
    const host = new RecordingHost(lang, false);
    const h = harness({ host, opts: { lang } });
    await start(h.opts, h.env);
    const last = host.ofType("diagram").at(-1)!;
    expect(last.step).toBe("cleanup");
    expect(last.cleanedUp).toBe(true);
    expect(last.parts.every((p) => p.state === "deleted")).toBe(true);
    const drawn = drawDiagram(last, t);
    expect(drawn).not.toContain("✔");
    expect(drawn).toContain(t("screens.diagram.deleted"));
  });
});
