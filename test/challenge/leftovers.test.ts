/**
 * A fix that works but leaves things behind (acceptance turned off on the endpoint service, the rejected endpoint kept
 * beside the new one, a spare listener) passes `challenge check`, and the check names each thing left, whether it matters
 * and the command that removes it, in English and Japanese. Nothing is removed for the learner; a clean fix and what the
 * build already had at the start are not named.
 */
import { AcceptVpcEndpointConnectionsCommand, CreateVpcEndpointCommand, DescribeVpcEndpointsCommand, ModifyVpcEndpointServiceConfigurationCommand } from "@aws-sdk/client-ec2";
import { CreateListenerCommand, DescribeListenersCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { beforeAll, describe, expect, it } from "vitest";
import { readLearnerPath, type LearnerPath } from "../../src/challenge/learner-path.js";
import { checkChallenge, startChallenge } from "../../src/challenge/run.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";
import { CHALLENGE_FIXES } from "../helpers/challenge-fixes.js";
import type { RecordingHost } from "../helpers/recording-host.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

async function acceptanceOff(ctx: LessonContext, serviceId: string): Promise<void> {
  await ctx.clients.ec2.send(new ModifyVpcEndpointServiceConfigurationCommand({ ServiceId: serviceId, AcceptanceRequired: false }));
}

/** turned-away fixed the quick way: acceptance off, a new endpoint (it connects at once), the rejected one kept. */
async function newEndpointNoAcceptance(ctx: LessonContext, p: LearnerPath): Promise<void> {
  await acceptanceOff(ctx, p.serviceId!);
  await ctx.clients.ec2.send(
    new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: p.consumerVpcId, ServiceName: p.serviceName, SubnetIds: [p.consumerSubnetId!], SecurityGroupIds: [p.endpointSgId!], PrivateDnsEnabled: false }),
  );
}

/** The notes after the check's "Fixed!". */
function notesAfterFix(host: RecordingHost, from: number): string[] {
  const events = host.events.slice(from);
  const fixed = events.findIndex((e) => e.type === "challenge" && e.status === "fixed");
  expect(fixed).toBeGreaterThanOrEqual(0);
  return events.slice(fixed + 1).flatMap((e) => (e.type === "notice" ? [e.message] : []));
}

describe("a passing check names what the fix left", () => {
  for (const lang of ["en", "ja"] as const) {
    it(`turned-away fixed with acceptance off, the rejected endpoint kept: both named, with commands (${lang})`, async () => {
      const { ctx, host } = await copyLab(lab, lang);
      await startChallenge(ctx, "turned-away");
      const p = await readLearnerPath(ctx);
      const rejected = p.endpointId!;
      await newEndpointNoAcceptance(ctx, p);
      const from = host.events.length;
      expect(await checkChallenge(ctx)).toBe(true);
      const [note, ...more] = notesAfterFix(host, from);
      expect(more).toEqual([]);
      expect(note).toContain(lang === "en" ? "curl does not need" : "curl に必要ないもの");
      // Acceptance off: it matters, and how to turn it back on.
      expect(note).toContain(lang === "en" ? `Acceptance is off on the endpoint service ${p.serviceId}` : `エンドポイントサービス ${p.serviceId} の承諾が無効`);
      expect(note).toContain(`aws ec2 modify-vpc-endpoint-service-configuration --service-id ${p.serviceId} --acceptance-required`);
      // The rejected endpoint: harmless, and how to delete it.
      expect(note).toContain(lang === "en" ? `rejected endpoint ${rejected} is still there. It carries no traffic and does no harm` : `拒否されたエンドポイント ${rejected} が残っています。通信は流れず害はありません`);
      expect(note).toMatch(new RegExp(`aws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${rejected} --region [a-z0-9-]+ --endpoint-url http://127\\.0\\.0\\.1`));
      expect(host.events.slice(from).find((e) => e.type === "notice" && e.message === note)).toMatchObject({ level: "warn" });
      // Nothing removed for the learner.
      const left = await ctx.clients.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [rejected] }));
      expect(left.VpcEndpoints?.[0]?.State?.toLowerCase()).toBe("rejected");
      expect(ctx.state.challenges.solved["turned-away"]).toBeDefined();
    });
  }

  it("wrong-number fixed with a new listener on 80: the one left on the wrong port is named", async () => {
    const { ctx, host } = await copyLab(lab);
    await startChallenge(ctx, "wrong-number");
    const p = await readLearnerPath(ctx);
    await ctx.clients.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: p.nlbArn, Protocol: "TCP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: p.targetGroupArn }] }));
    const spare = (await ctx.clients.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: p.nlbArn }))).Listeners!.find((l) => l.Port !== 80)!;
    const from = host.events.length;
    expect(await checkChallenge(ctx)).toBe(true);
    const notes = notesAfterFix(host, from);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`A listener on port ${spare.Port} of the load balancer`);
    expect(notes[0]).toContain(`aws elbv2 delete-listener --listener-arn ${spare.ListenerArn}`);
  });

  it("silent-door fixed after trying a second endpoint: the second one is named, billed", async () => {
    const { ctx, host } = await copyLab(lab);
    await startChallenge(ctx, "silent-door");
    const p = await readLearnerPath(ctx);
    const made = await ctx.clients.ec2.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: p.consumerVpcId, ServiceName: p.serviceName, SubnetIds: [p.consumerSubnetId!], SecurityGroupIds: [p.endpointSgId!], PrivateDnsEnabled: false }),
    );
    await ctx.clients.ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: p.serviceId, VpcEndpointIds: [made.VpcEndpoint!.VpcEndpointId!] }));
    await CHALLENGE_FIXES["silent-door"]!(ctx.clients, p);
    const from = host.events.length;
    expect(await checkChallenge(ctx)).toBe(true);
    const notes = notesAfterFix(host, from);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`A second endpoint ${made.VpcEndpoint!.VpcEndpointId} to the same service: it is billed by the hour`);
  });

  it("the fix the hints give leaves nothing to name; nor does what the build had before the start", async () => {
    const { ctx, host } = await copyLab(lab);
    const p = await readLearnerPath(ctx);
    await acceptanceOff(ctx, p.serviceId!); // the learner's choice before any challenge
    await startChallenge(ctx, "silent-door");
    await CHALLENGE_FIXES["silent-door"]!(ctx.clients, await readLearnerPath(ctx));
    const from = host.events.length;
    expect(await checkChallenge(ctx)).toBe(true);
    expect(notesAfterFix(host, from)).toEqual([]);
  });
});
