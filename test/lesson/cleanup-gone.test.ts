/**
 * Hands-on cleanup, part of it already done by the learner's own commands: the text and the hints follow the cloud.
 * - The endpoint already being deleted: the third hint no longer says to run `delete-vpc-endpoints` (it did, while
 *   the step's text had already left that command out).
 * - Its security group, or the endpoint service, already deleted: said to be gone, and its delete command left out of
 *   the text and the hints (AWS would answer NotFound); what is still there keeps its command.
 * - The stacks already DELETE_IN_PROGRESS too (a cleanup stopped after starting them): told to wait, not to delete them
 *   (the text still gave the two delete-stack).
 */
import { DeleteStackCommand } from "@aws-sdk/client-cloudformation";
import { DeleteSecurityGroupCommand, DeleteVpcEndpointServiceConfigurationsCommand, DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { ourEndpoint, ourService, readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { loadStep } from "../../src/content/lesson-content.js";
import { cleanup } from "../../src/lesson/steps/cleanup.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const LANGS = ["en", "ja"] as const;
type Lang = (typeof LANGS)[number];
const GONE = { en: "is already deleted", ja: "はすでに削除済み" } as const;

/** A finished lab in hands-on mode, the cleanup not begun; `byHand` is what the learner's own commands deleted first. */
async function cleanupAfter(lang: Lang, prefix: string, byHand: (ctx: LessonContext, h: ReturnType<typeof harness>) => Promise<void>, speed = 0, verifyFirst = true) {
  const h = harness({ speed, opts: { prefix, mode: "hands-on", lang } });
  h.env.learnerReachesSandbox = true;
  for (const s of STEPS.filter((s) => s.id !== "cleanup")) await stepCommand(s.id, { ...h.opts, mode: "guided" }, h.env);
  const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
  const view = await readCloud(ctx.clients, ctx.names);
  const ids = { endpoint: ourEndpoint(view)!.id, sg: ourEndpoint(view)!.sgIds[0]!, service: ourService(view)!.id };
  await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [ids.endpoint] }));
  await byHand(ctx, h);
  // The learner asks to be verified until every hint is out, then lets the tool finish (or, `verifyFirst` false, reads
  // the console and CLI text first: all that is left being deleted, the first verify waits it out).
  const how = translator(lang)("engine.howToDo");
  const host = new RecordingHost(lang, true, [...(verifyFirst ? [] : [{ match: how, value: "show", times: 1 }]), { match: how, value: "verify", times: 3 }, { match: how, value: "show", times: 1 }, { match: how, value: "guided" }]);
  await stepCommand("cleanup", h.opts, { ...h.env, makeHost: () => host });
  const text = (section: string) =>
    host
      .ofType("explain")
      .filter((e) => e.step === "cleanup" && e.section === section)
      .map((e) => e.markdown)
      .join("\n");
  return { ids, text, hints: host.ofType("explain").filter((e) => e.step === "cleanup" && e.section === "hint") };
}

describe.each(LANGS)("hands-on cleanup, the endpoint already being deleted (%s)", (lang) => {
  it("gives a last hint that does not say to delete the endpoint again", async () => {
    const { hints } = await cleanupAfter(lang, "gohint", async () => undefined);
    expect(hints).toHaveLength(3);
    const last = hints.at(-1)!.markdown;
    expect(last).not.toContain("delete-vpc-endpoints");
    expect(last).toContain("delete-security-group");
    expect(last).toContain("delete-vpc-endpoint-service-configurations");
    expect(last).toContain("delete-stack");
  });
});

describe.each(LANGS)("hands-on cleanup, the endpoint's security group already deleted by hand (%s)", (lang) => {
  it("says it is gone and leaves its delete command out of the text and the hints", async () => {
    const { ids, text, hints } = await cleanupAfter(lang, "gosg", async (ctx) => {
      await ctx.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: (await readCloud(ctx.clients, ctx.names)).endpointSgs.find((g) => g.owned)!.id }));
    });
    expect(text("concept")).toContain(`${ids.sg} ${GONE[lang]}`);
    for (const said of [text("cli"), text("console"), hints.at(-1)!.markdown]) {
      expect(said).not.toContain("delete-security-group");
      expect(said).not.toContain("delete-vpc-endpoints");
    }
    expect(text("cli")).toContain("delete-vpc-endpoint-service-configurations");
    expect(hints.at(-1)!.markdown).toContain("delete-vpc-endpoint-service-configurations");
  });
});

describe.each(LANGS)("hands-on cleanup, the endpoint service already deleted by hand (%s)", (lang) => {
  it("says it is gone and leaves its delete command out of the text and the hints", async () => {
    const { ids, text, hints } = await cleanupAfter(lang, "gosvc", async (ctx) => {
      await ctx.clients.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [ourService(await readCloud(ctx.clients, ctx.names))!.id] }));
    });
    expect(text("concept")).toContain(`${ids.service} ${GONE[lang]}`);
    for (const said of [text("cli"), hints.at(-1)!.markdown]) {
      expect(said).not.toContain("delete-vpc-endpoint-service-configurations");
      expect(said).toContain("delete-security-group");
    }
  });
});

describe.each(LANGS)("hands-on cleanup, the security group and the endpoint service both deleted by hand (%s)", (lang) => {
  it("leaves only the stacks to delete", async () => {
    const { ids, text, hints } = await cleanupAfter(lang, "goboth", async (ctx) => {
      const view = await readCloud(ctx.clients, ctx.names);
      await ctx.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: view.endpointSgs.find((g) => g.owned)!.id }));
      await ctx.clients.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [ourService(view)!.id] }));
    });
    expect(text("concept")).toContain(`${ids.sg} ${GONE[lang]}`);
    expect(text("concept")).toContain(`${ids.service} ${GONE[lang]}`);
    for (const said of [text("cli"), hints.at(-1)!.markdown]) {
      for (const gone of ["delete-vpc-endpoints", "delete-security-group", "delete-vpc-endpoint-service-configurations"]) expect(said).not.toContain(gone);
      expect(said).toContain("delete-stack");
    }
  });
});

describe.each(LANGS)("hands-on cleanup, the stacks already being deleted (a cleanup stopped after starting them) (%s)", (lang) => {
  it("tells the learner to wait for the stacks, not to delete them, in the text and the hints", async () => {
    let variant: string | undefined;
    const { text } = await cleanupAfter(lang, "gostk", async (ctx, h) => {
      h.clock.advance(30 * 60_000);
      const view = await readCloud(ctx.clients, ctx.names);
      await ctx.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: view.endpointSgs.find((g) => g.owned)!.id }));
      await ctx.clients.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [ourService(view)!.id] }));
      for (const name of [ctx.names.consumerStack, ctx.names.providerStack]) await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: name }));
      variant = cleanup.cloudVariant!(await readCloud(ctx.clients, ctx.names));
      // (The sandbox at a tenth of AWS's speed: the stacks stay DELETE_IN_PROGRESS while the step is shown.)
    }, 0.1, false);
    const content = loadStep("privatelink", "cleanup", lang);
    const hints = content.hintVariants[variant!] ?? content.hints;
    for (const said of [text("cli"), text("console"), hints.join("\n")]) {
      expect(said).not.toMatch(/delete-stack\b/);
      expect(said).not.toMatch(/「削除」|choose "Delete"/);
    }
    expect(text("cli")).toContain("stack-delete-complete");
    expect(text("concept")).toContain(lang === "en" ? "Both stacks are already being deleted" : "2 つのスタックもすでに削除中");
    expect(hints.at(-1)).toContain(lang === "en" ? "Wait until they are gone" : "消えるまで待ち");
  });
});

describe.each(LANGS)("hands-on cleanup, the endpoint already gone (a cleanup stopped after it was deleted) (%s)", (lang) => {
  it("says the endpoint is already deleted, not being deleted, and gives nothing to wait for", async () => {
    const { ids, text } = await cleanupAfter(lang, "gonend", async (ctx, h) => {
      // The endpoint's deletion finished; the stopped cleanup had then deleted its group, the service, and begun the stacks.
      h.clock.advance(30 * 60_000);
      const view = await readCloud(ctx.clients, ctx.names);
      expect(view.endpoints.filter((e) => !/^deleted$/i.test(e.state))).toEqual([]);
      await ctx.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: view.endpointSgs.find((g) => g.owned)!.id }));
      await ctx.clients.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [ourService(view)!.id] }));
      for (const name of [ctx.names.consumerStack, ctx.names.providerStack]) await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: name }));
    }, 0.1, false);
    expect(text("concept")).toContain(`${ids.endpoint} ${GONE[lang]}`);
    expect(text("concept")).not.toContain(`${ids.endpoint} ${lang === "en" ? "is already being deleted" : "はすでに削除中"}`);
    for (const said of [text("cli"), text("console")]) expect(said).not.toMatch(/describe-vpc-endpoints|wait until it disappears|消えるまで待ちます（もう一度/);
  });
});
