/**
 * The product's own AWS clients pointed at a served sandbox (`--endpoint-url`, as `sandbox env`
 * sets it) judge "still starting" at the sandbox's speed, as in process: right after launch, an
 * SSM Agent that cannot reach SSM is named broken with its fix at instant speed, not "wait up to
 * ten minutes"; at real speed it is still starting, as on AWS.
 */
import { AuthorizeSecurityGroupEgressCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand, RevokeSecurityGroupEgressCommand } from "@aws-sdk/client-ec2";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAwsClients } from "../../src/aws/clients.js";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { pollInterval } from "../../src/commands/session.js";
import { serveSandbox, type ServedSandbox } from "../../src/sandbox/serve/server.js";
import { buildLab, copyLab, type LabCopy } from "../helpers/built-lab.js";
import { servedClients } from "../helpers/served-clients.js";

const opened: ServedSandbox[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** A build at instant speed, served; the Consumer's outbound rules cut to HTTP in its VPC (no 443: its agent cannot reach SSM). */
async function agentCutOff(): Promise<{ lab: LabCopy; served: ServedSandbox }> {
  const lab = await copyLab(await buildLab());
  const served = await serveSandbox({ sandbox: lab.h.sandbox });
  opened.push(served);
  const region = lab.ctx.state.region;
  const { ec2 } = servedClients(served, region);
  const p = await readLearnerPath(lab.ctx);
  const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [p.consumerSgId!] }))).SecurityGroups![0]!;
  await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: p.consumerSgId, IpPermissions: group.IpPermissionsEgress }));
  const cidr = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [p.consumerVpcId!] }))).Vpcs![0]!.CidrBlock!;
  await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: p.consumerSgId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: cidr }] }] }));
  return { lab, served };
}

/** `diagnose` through the product's AWS clients (real HTTP, SigV4) at the served sandbox. */
async function diagnoseServed(lab: LabCopy, served: ServedSandbox) {
  vi.stubEnv("AWS_ACCESS_KEY_ID", served.credentials.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", served.credentials.secretAccessKey);
  vi.stubEnv("AWS_PROFILE", undefined);
  const clients = await createAwsClients({ region: lab.ctx.state.region, endpointUrl: served.url, maxAttempts: 1 });
  return diagnose({ ...lab.ctx, clients });
}

describe("diagnose over HTTP at a served sandbox's speed", () => {
  it("instant: right after launch, the agent that cannot reach SSM is broken, with its fix (as in process)", { timeout: 120_000 }, async () => {
    const { lab, served } = await agentCutOff();
    const d = await diagnoseServed(lab, served);
    expect(d.wait).toBeUndefined();
    expect(d.first).toMatchObject({ id: "consumer-instance", status: "fail", problem: "ssm-offline" });
    expect(d.first!.cli).toContain("aws ssm describe-instance-information");
    const inProcess = await diagnose(lab.ctx);
    expect(d.first).toEqual(inProcess.first);
  });

  it("real speed: the same agent right after launch is still registering (wait, no fix), as on AWS", { timeout: 120_000 }, async () => {
    const { lab, served } = await agentCutOff();
    lab.h.sandbox.speed = 1;
    const d = await diagnoseServed(lab, served);
    expect(d.first).toBeUndefined();
    expect(d.wait?.link).toMatchObject({ id: "consumer-instance", status: "wait", problem: "ssm-registering" });
  });
});

describe("the lesson's polling at a served sandbox's speed", () => {
  /** The product's clients at a served sandbox of `speed`, after one answer (the speed comes with it). */
  async function pollAfterFirstAnswer(speed: number): Promise<{ before: number; after: number }> {
    const lab = await copyLab(await buildLab());
    lab.h.sandbox.speed = speed;
    const served = await serveSandbox({ sandbox: lab.h.sandbox });
    opened.push(served);
    vi.stubEnv("AWS_ACCESS_KEY_ID", served.credentials.accessKeyId);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", served.credentials.secretAccessKey);
    vi.stubEnv("AWS_PROFILE", undefined);
    const clients = await createAwsClients({ region: lab.ctx.state.region, endpointUrl: served.url, maxAttempts: 1 });
    const before = pollInterval(clients);
    await clients.ec2.send(new DescribeVpcsCommand({}));
    return { before, after: pollInterval(clients) };
  }

  it("polls as often as the sandbox in process does once the served one has said its speed (not every 5 s as on AWS)", { timeout: 120_000 }, async () => {
    expect(await pollAfterFirstAnswer(0.1)).toEqual({ before: 5000, after: 500 });
    expect((await pollAfterFirstAnswer(0)).after).toBe(0);
  });

  it("a served sandbox at real speed is polled at AWS's pace", { timeout: 120_000 }, async () => {
    expect((await pollAfterFirstAnswer(1)).after).toBe(5000);
  });
});
