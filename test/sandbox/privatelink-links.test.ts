/**
 * The table: build the real lesson (both templates, endpoint service, endpoint, rule,
 * accept) through the real SDK clients, then break one link at a time and send curl through SSM
 * as a learner would. Each broken link gives what curl on AWS gives, with a reason.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  AcceptVpcEndpointConnectionsCommand,
  RejectVpcEndpointConnectionsCommand,
  RevokeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSubnetsCommand,
} from "@aws-sdk/client-ec2";
import { DescribeStackResourcesCommand } from "@aws-sdk/client-cloudformation";
import { GetCommandInvocationCommand, SendCommandCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { CONSUMER, PROVIDER, deploy, lab, type Lab } from "./cfn-helpers.js";

interface Built {
  l: Lab;
  consumer: Record<string, string>;
  provider: Record<string, string>;
  serviceId: string;
  serviceName: string;
  endpointId: string;
  endpointSg: string;
  regional: string;
  zonal: string;
}

async function resources(l: Lab, stack: string): Promise<Record<string, string>> {
  const out = await l.clients.cfn.send(new DescribeStackResourcesCommand({ StackName: stack }));
  return Object.fromEntries((out.StackResources ?? []).map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]));
}

async function build(opts: { accept?: boolean; rule?: boolean } = {}): Promise<Built> {
  const l = await lab("ap-northeast-1");
  // Two Consumers in one account need more than a fresh account's 5 running vCPUs.
  l.sandbox.store.transact((w) => void (w.quotas.runningOnDemandStandardVcpus = 32));
  await deploy(l, "p-consumer", CONSUMER, { Prefix: "p", AvailabilityZone: "ap-northeast-1a" });
  await deploy(l, "p-provider", PROVIDER, { Prefix: "p", AvailabilityZone: "ap-northeast-1a" });
  const consumer = await resources(l, "p-consumer");
  const provider = await resources(l, "p-provider");
  const svc = await l.clients.ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [provider.NLB!], AcceptanceRequired: true }));
  const serviceId = svc.ServiceConfiguration!.ServiceId!;
  const serviceName = svc.ServiceConfiguration!.ServiceName!;
  const sg = await l.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: "p-endpoint-sg", Description: "endpoint", VpcId: consumer.Vpc! }));
  const ep = await l.clients.ec2.send(
    new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", ServiceName: serviceName, VpcId: consumer.Vpc!, SubnetIds: [consumer.PrivateSubnet!], SecurityGroupIds: [sg.GroupId!], PrivateDnsEnabled: false }),
  );
  const endpointId = ep.VpcEndpoint!.VpcEndpointId!;
  if (opts.rule !== false) {
    await l.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg.GroupId!, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: consumer.SecurityGroup! }] }] }));
  }
  if (opts.accept !== false) await l.clients.ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [endpointId] }));
  const names = (ep.VpcEndpoint!.DnsEntries ?? []).map((d) => d.DnsName!);
  return { l, consumer, provider, serviceId, serviceName, endpointId, endpointSg: sg.GroupId!, regional: names[0]!, zonal: names.find((n) => n.includes("-ap-northeast-1a."))! };
}

async function curl(b: Built, url: string): Promise<{ status: string; code: number; out: string; err: string }> {
  const sent = await b.l.clients.ssm.send(
    new SendCommandCommand({ InstanceIds: [b.consumer.EC2Instance!], DocumentName: "AWS-RunShellScript", Parameters: { commands: [`curl -sS -m 5 ${url}`] } }),
  );
  const id = sent.Command!.CommandId!;
  b.l.clock.advance(60_000);
  const inv = await b.l.clients.ssm.send(new GetCommandInvocationCommand({ CommandId: id, InstanceId: b.consumer.EC2Instance! }));
  return { status: String(inv.Status), code: inv.ResponseCode ?? -1, out: inv.StandardOutputContent ?? "", err: inv.StandardErrorContent ?? "" };
}

describe("curl through PrivateLink, one broken link at a time", () => {
  it("works through the regional and the zonal name", async () => {
    const b = await build();
    for (const name of [b.regional, b.zonal]) {
      const r = await curl(b, `http://${name}/`);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(b.provider.EC2Instance!);
    }
  });

  it.each([
    {
      link: "not accepted (pendingAcceptance)",
      build: { accept: false },
      expect: { code: 28, err: /Timeout was reached|timed out/ },
    },
    {
      link: "rejected",
      build: { accept: false },
      breakIt: (b: Built) => b.l.clients.ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: b.serviceId, VpcEndpointIds: [b.endpointId] })),
      expect: { code: 28, err: /Timeout was reached|timed out/ },
    },
    {
      link: "no rule for TCP 80 on the endpoint's security group",
      build: { rule: false },
      expect: { code: 28, err: /Timeout was reached|timed out/ },
    },
    {
      link: "wrong port (8080 has no listener)",
      url: (b: Built) => `http://${b.regional}:8080/`,
      breakIt: (b: Built) =>
        b.l.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: b.endpointSg, IpPermissions: [{ IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: "10.0.0.0/16" }] }] })),
      expect: { code: 28, err: /port 8080/ },
    },
    {
      link: "targets unhealthy (Provider security group no longer admits the NLB)",
      breakIt: (b: Built) =>
        b.l.clients.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: b.provider.SecurityGroup!, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] })),
      expect: { code: 28, err: /Timeout was reached|timed out/ },
    },
    {
      link: "wrong DNS name",
      url: (b: Built) => `http://${b.regional.replace(/^vpce-[0-9a-f]+/, "vpce-0000000000000000")}/`,
      expect: { code: 6, err: /Could not resolve host/ },
    },
  ])("$link", async (row) => {
    const b = await build(row.build ?? {});
    if (row.breakIt) await row.breakIt(b);
    const r = await curl(b, row.url ? row.url(b) : `http://${b.regional}/`);
    expect(r.status).toBe("Failed");
    expect(r.code).toBe(row.expect.code);
    expect(r.err).toMatch(row.expect.err);
    expect(r.out).not.toContain("Provider");
  });

  it("an endpoint in an AZ the service does not offer is refused by CreateVpcEndpoint", async () => {
    const b = await build();
    // A second Consumer pinned to another AZ than the Provider's NLB (ap-northeast-1a).
    await deploy(b.l, "q-consumer", CONSUMER, { Prefix: "q", AvailabilityZone: "ap-northeast-1c" });
    const q = await resources(b.l, "q-consumer");
    const subnets = await b.l.clients.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [q.PrivateSubnet!] }));
    expect(subnets.Subnets?.[0]?.AvailabilityZone).toBe("ap-northeast-1c");
    const err = await b.l.clients.ec2
      .send(new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", ServiceName: b.serviceName, VpcId: q.Vpc!, SubnetIds: [q.PrivateSubnet!] }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "InvalidParameter" });
    expect(String((err as Error).message)).toMatch(/does not support the availability zone/);
  });
});
