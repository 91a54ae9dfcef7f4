/**
 * The product's own AWS clients pointed at a served sandbox (`--endpoint-url`, as `sandbox env`
 * sets it) judge "still starting" at the sandbox's speed, as in process: right after launch, an
 * SSM Agent that cannot reach SSM is named broken with its fix at instant speed, not "wait up to
 * ten minutes"; at real speed it is still starting, as on AWS. So do a workshop room's participants
 * who reach it at another address than 127.0.0.1 (the facilitator's LAN address); against AWS the
 * pace stays AWS's, whatever an answer says.
 */
import { AuthorizeSecurityGroupEgressCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand, RevokeSecurityGroupEgressCommand } from "@aws-sdk/client-ec2";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { SSMClient } from "@aws-sdk/client-ssm";
import { STSClient } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { awsSpeed, createAwsClients } from "../../src/aws/clients.js";
import { isAwsEndpoint } from "../../src/aws/endpoint-kind.js";
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

/** The product's AWS clients (real HTTP, SigV4) at the served sandbox, with its keys in the environment as `sandbox env` puts them. */
async function clientsAt(served: ServedSandbox, region: string) {
  vi.stubEnv("AWS_ACCESS_KEY_ID", served.credentials.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", served.credentials.secretAccessKey);
  vi.stubEnv("AWS_PROFILE", undefined);
  return createAwsClients({ region, endpointUrl: served.url, maxAttempts: 1 });
}

/** `diagnose` through the product's AWS clients at the served sandbox. */
async function diagnoseServed(lab: LabCopy, served: ServedSandbox) {
  return diagnose({ ...lab.ctx, clients: await clientsAt(served, lab.ctx.state.region) });
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
    // At real speed the cut came before the agent first registered: it was never Online (so not ConnectionLost).
    lab.h.sandbox.store.transact((w) => {
      for (const rw of Object.values(w.regions)) for (const inst of Object.values(rw.instances)) delete inst.agentOnlineAt;
    });
    const d = await diagnoseServed(lab, served);
    expect(d.first).toBeUndefined();
    expect(d.wait?.link).toMatchObject({ id: "consumer-instance", status: "wait", problem: "ssm-registering" });
  });
});

describe("the lesson's polling at a served sandbox's speed", () => {
  /** The product's clients at a served sandbox of `speed` (listening on `host`), after one answer (the speed comes with it). */
  async function pollAfterFirstAnswer(speed: number, host?: string): Promise<{ before: number; after: number }> {
    const lab = await copyLab(await buildLab());
    lab.h.sandbox.speed = speed;
    const served = await serveSandbox({ sandbox: lab.h.sandbox, ...(host ? { host } : {}) });
    opened.push(served);
    const clients = await clientsAt(served, lab.ctx.state.region);
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

describe("a workshop room reached at another address than 127.0.0.1", () => {
  // A participant on another computer joins at the facilitator's LAN address; here the room
  // listens on 127.0.0.2, which only this computer reaches but which is not 127.0.0.1 either.
  it("tells its speed to the participants' clients too: an instant room is polled without waiting", { timeout: 120_000 }, async () => {
    const lab = await copyLab(await buildLab());
    const served = await serveSandbox({ sandbox: lab.h.sandbox, host: "127.0.0.2" });
    opened.push(served);
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    const clients = await clientsAt(served, lab.ctx.state.region);
    await clients.ec2.send(new DescribeVpcsCommand({}));
    expect(awsSpeed(clients)).toBe(0);
    expect(pollInterval(clients)).toBe(0);
  });
});

describe("whose answers may set the pace", () => {
  /** What the SDK reaches by itself (no endpoint URL) in every partition, plain, FIPS and dual-stack. */
  function sdkDefaultEndpoints(): string[] {
    const regions = ["us-east-1", "ap-northeast-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1"];
    const urls: string[] = [];
    for (const Client of [EC2Client, SSMClient, STSClient, IAMClient])
      for (const Region of regions)
        for (const UseFIPS of [false, true])
          for (const UseDualStack of [false, true]) {
            const provider = new Client({ region: Region }).config.endpointProvider;
            try {
              urls.push(provider({ Region, UseFIPS, UseDualStack }).url.href);
            } catch {
              // A combination the partition does not offer (FIPS with dual-stack in GovCloud, say).
            }
          }
    return urls;
  }

  it("AWS: the SDK's own endpoints (no URL given) and any URL at an AWS domain, in every partition", () => {
    expect(isAwsEndpoint(undefined)).toBe(true);
    expect(isAwsEndpoint("")).toBe(true);
    const urls = sdkDefaultEndpoints();
    expect(urls.length).toBeGreaterThan(100);
    for (const url of urls) expect(isAwsEndpoint(url), url).toBe(true);
    for (const url of ["https://EC2.US-EAST-1.AMAZONAWS.COM.", "https://vpce-0abc.ec2.ap-northeast-1.vpce.amazonaws.com", "https://amazonaws.com"]) expect(isAwsEndpoint(url), url).toBe(true);
    // What cannot be read as a URL is taken for AWS: only an endpoint known not to be AWS sets the pace.
    expect(isAwsEndpoint("not a url")).toBe(true);
  });

  it("not AWS: a room on this computer or on the LAN, an emulator, a name that only looks like AWS's", () => {
    const others = [
      "http://127.0.0.1:4566",
      "http://localhost:4566",
      "http://[::1]:4566",
      "http://127.0.0.2:4566",
      "http://192.168.1.20:47123",
      "http://10.0.0.7:47123",
      "http://[fd00::2]:47123",
      "http://my-laptop.local:47123",
      "https://notamazonaws.com",
      "https://amazonaws.com.example.net",
    ];
    for (const url of others) expect(isAwsEndpoint(url), url).toBe(false);
  });

  it("the clients read the header from every endpoint but AWS's: a header on an AWS answer changes nothing", async () => {
    // Made, never sent: the test suites' guard against AWS is lifted only while the clients are built.
    vi.stubEnv("PRIVATELINK_LAB_NO_AWS", "");
    const made = (endpointUrl?: string) => createAwsClients({ region: "ap-northeast-1", ...(endpointUrl ? { endpointUrl } : {}) });
    const [byDefault, byUrl, lan] = await Promise.all([made(), made("https://ec2.ap-northeast-1.amazonaws.com"), made("http://192.168.1.20:47123")]);
    vi.stubEnv("PRIVATELINK_LAB_NO_AWS", "1");
    const readers = (c: typeof lan) => c.ec2.middlewareStack.identify().filter((m) => m.startsWith("privatelinkLabServedSpeed"));
    for (const aws of [byDefault, byUrl]) {
      expect(aws.served).toBeUndefined();
      expect(readers(aws)).toEqual([]);
      expect(awsSpeed(aws)).toBe(1);
      expect(pollInterval(aws)).toBe(5000);
    }
    expect(lan.served).toEqual({});
    expect(readers(lan)).toHaveLength(1);
  });
});
