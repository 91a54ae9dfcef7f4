/**
 * A challenge starts only on a build whose curl has worked, as the cloud shows it (Run Command's
 * history), never on a lesson still on its way, even when what that lesson lacks is exactly what a
 * challenge breaks (step 5: no rule on the endpoint's group, the endpoint awaiting acceptance).
 * The refusal names the first link that fails, as diagnose does, and the step to run next.
 */
import { DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { learnersEndpoint, readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { translator } from "../../src/i18n/messages.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const isRead = (c: string) => /^(Describe|Get|List)/.test(c);

async function refusal(h: Harness, id: string, lang: "en" | "ja") {
  // The learner's own terminal, in their language.
  const env = lang === "en" ? h.env : { ...h.env, makeHost: () => new RecordingHost(lang) };
  const err = await challenge("start", id, { ...h.opts, lang }, env).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `challenge start ${id} must be refused`).toBeDefined();
  return reportError(err, translator(lang));
}

describe("challenge start on a build that never curled", () => {
  it("at step 5 is refused for every challenge: exit 1, the first missing link and the next step's command, in both languages; nothing broken, tagged or recorded", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy", "endpoint-service", "interface-endpoint"]) await stepCommand(id, h.opts, h.env);
    const from = h.sandbox.calls.length;
    // silent-door's own link (the endpoint's group) is the one missing: still the lesson's, not a break.
    for (const id of ["silent-door", "turned-away", "wrong-number"]) {
      const en = await refusal(h, id, "en");
      expect(en.key).toBe("challengeReady.notReady");
      expect(en.exitCode).toBe(1);
      expect(en.message).toMatch(/First missing or not working: Endpoint security group sg-[0-9a-f]+: no inbound rule for TCP 80 from [\d.]+\.$/);
      expect(en.hint).toContain("Next is step 5, Open the endpoint's door: allow HTTP: `npx privatelink-lab step allow-http --prefix alice --sandbox`");
      // Every command in it names this learner's lesson: a bare one, in a new terminal, would follow the shell's AWS credentials.
      expect(en.hint).toContain("`npx privatelink-lab --prefix alice --sandbox` goes on in order");
    }
    const ja = await refusal(h, "silent-door", "ja");
    expect(ja.exitCode).toBe(1);
    expect(ja.message).toMatch(/最初に欠けているか動いていない所：エンドポイントのセキュリティグループ sg-[0-9a-f]+：.*インバウンドルールなし/);
    expect(ja.hint).toContain("次はステップ 5「エンドポイントの入口を開ける：HTTP を許可する」です：`npx privatelink-lab step allow-http --prefix alice --sandbox`");
    expect(ja.hint).toContain("`npx privatelink-lab --prefix alice --sandbox` なら順に進みます");
    expect(h.sandbox.calls.slice(from).filter((c) => !isRead(c.command) && !c.dryRun)).toEqual([]);
    expect(h.host.ofType("challenge")).toEqual([]);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    expect(ctx.state.challenges.active).toBeUndefined();
    // The lesson goes on where it was.
    await challenge("list", undefined, h.opts, h.env);
    expect(h.host.ofType("table").at(-1)!.rows.map((r) => r[0])).not.toContain("▶");
  });

  it("with the whole path built but curl never run, is refused naming the curl step; once curl worked, it starts", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy", "endpoint-service", "interface-endpoint", "allow-http", "accept"]) await stepCommand(id, h.opts, h.env);
    const en = await refusal(h, "silent-door", "en");
    expect(en.key).toBe("challengeReady.notCurled");
    expect(en.exitCode).toBe(1);
    expect(en.hint).toContain("Next is step 7, Prove it: curl from the Consumer: `npx privatelink-lab step curl --prefix alice --sandbox`");
    await stepCommand("curl", h.opts, h.env);
    await challenge("start", "silent-door", h.opts, h.env);
    expect(h.host.ofType("challenge").at(-1)).toMatchObject({ id: "silent-door", status: "started" });
  });
});

describe("challenge commands on a build that once curled, with a part the learner removed by hand", () => {
  /** The lesson built up to its curl, then `remove` done by hand (as with the AWS CLI). */
  async function curledThenRemoved(remove: (ctx: LessonContext) => Promise<void>): Promise<Harness> {
    const h = harness();
    for (const id of ["preflight", "deploy", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl"]) await stepCommand(id, h.opts, h.env);
    await remove(await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false));
    return h;
  }
  const deleteEndpoint = async (ctx: LessonContext) => {
    const id = learnersEndpoint(await readCloud(ctx.clients, ctx.names))!.id;
    await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
  };

  it("the interface endpoint deleted: start is refused naming it and the lesson's next step (its cleanup, as status reads it) in en and ja, not a half-started turned-away; check and give-up find no challenge and change nothing", async () => {
    const h = await curledThenRemoved(deleteEndpoint);
    const from = h.sandbox.calls.length;
    for (const id of ["silent-door", "turned-away"]) {
      const en = await refusal(h, id, "en");
      expect(en.key).toBe("halfStart.cleaning");
      expect(en.exitCode).toBe(1);
      expect(en.message).toMatch(/missing a part: Interface endpoint.*\. With the endpoint gone after curl worked/);
      expect(en.message).not.toContain("half-started");
      expect(en.hint).toBe("Finish the cleanup: `npx privatelink-lab step cleanup --prefix alice --sandbox`, then build it again from the first step: `npx privatelink-lab --restart --prefix alice --sandbox`.");
    }
    const ja = await refusal(h, "turned-away", "ja");
    expect(ja.key).toBe("halfStart.cleaning");
    expect(ja.message).toContain("欠けている所があります：");
    expect(ja.hint).toContain("`npx privatelink-lab step cleanup --prefix alice --sandbox`");
    expect(ja.hint).toContain("`npx privatelink-lab --restart --prefix alice --sandbox`");
    for (const action of ["check", "give-up"] as const) {
      await expect(challenge(action, undefined, h.opts, h.env)).rejects.toMatchObject({ key: "challenge.none" });
    }
    // Nothing made (no new endpoint), accepted, tagged or recorded.
    expect(h.sandbox.calls.slice(from).filter((c) => !isRead(c.command) && !c.dryRun)).toEqual([]);
    expect(h.host.ofType("challenge")).toEqual([]);
  });

  it("the endpoint deleted and made again by its step, awaiting acceptance: start is the refusal naming the accept step, not a half-started turned-away", async () => {
    const h = await curledThenRemoved(deleteEndpoint);
    await stepCommand("interface-endpoint", h.opts, h.env);
    const en = await refusal(h, "wrong-number", "en");
    expect(en.key).toBe("challengeReady.notReady");
    expect(en.message).toMatch(/First missing or not working: .*pendingAcceptance/);
    expect(en.hint).toContain("`npx privatelink-lab step accept --prefix alice --sandbox`");
    await expect(challenge("give-up", undefined, h.opts, h.env)).rejects.toMatchObject({ key: "challenge.none" });
  });
});
