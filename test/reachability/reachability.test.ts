import { describe, expect, it } from "vitest";
import { runCurl } from "../../src/reachability/curl.js";
import type { ReachabilityFacts } from "../../src/reachability/facts.js";

const NOW = Date.UTC(2026, 10, 29, 1, 0, 0);
const REGIONAL = "vpce-0e1-abcd1234.vpce-svc-0a1.ap-northeast-1.vpce.amazonaws.com";
const ZONAL = "vpce-0e1-abcd1234-ap-northeast-1a.vpce-svc-0a1.ap-northeast-1.vpce.amazonaws.com";
const PAGE = "<h1>Hello from the Provider (i-0p1, ap-northeast-1a)</h1>\n";

/** A fully working PrivateLink path: Consumer instance → endpoint → NLB → Provider httpd. */
function working(): ReachabilityFacts {
  return {
    consumer: {
      InstanceId: "i-0c1",
      PrivateIpAddress: "10.0.0.10",
      SecurityGroupIds: ["sg-consumer"],
      SubnetId: "subnet-c",
      AvailabilityZone: "ap-northeast-1a",
      VpcId: "vpc-c",
      VpcCidrBlock: "10.0.0.0/16",
    },
    vpcEndpoints: [
      {
        VpcEndpointId: "vpce-0e1",
        VpcEndpointType: "Interface",
        ServiceName: "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0a1",
        VpcId: "vpc-c",
        State: "available",
        DnsEntries: [{ DnsName: REGIONAL }, { DnsName: ZONAL }],
        NetworkInterfaces: [{ NetworkInterfaceId: "eni-e1", PrivateIpAddress: "10.0.0.50", SubnetId: "subnet-c", AvailabilityZone: "ap-northeast-1a" }],
        SecurityGroupIds: ["sg-endpoint"],
      },
    ],
    securityGroups: [
      { GroupId: "sg-consumer", Ingress: [], Egress: [{ IpProtocol: "-1", CidrIpv4: "0.0.0.0/0" }] },
      { GroupId: "sg-endpoint", Ingress: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIpv4: "10.0.0.10/32" }] },
      { GroupId: "sg-provider", Ingress: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIpv4: "0.0.0.0/0" }] },
    ],
    endpointServices: [{ ServiceId: "vpce-svc-0a1", ServiceName: "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0a1", NetworkLoadBalancerArns: ["arn:nlb"], AcceptanceRequired: true }],
    loadBalancers: [
      {
        LoadBalancerArn: "arn:nlb",
        LoadBalancerName: "lab-nlb",
        VpcId: "vpc-p",
        State: "active",
        Listeners: [{ ListenerArn: "arn:listener", Port: 80, Protocol: "TCP", TargetGroupArn: "arn:tg" }],
        Nodes: [{ PrivateIpAddress: "10.1.0.20", SubnetId: "subnet-p", AvailabilityZone: "ap-northeast-1a" }],
      },
    ],
    targetGroups: [{ TargetGroupArn: "arn:tg", TargetGroupName: "lab-tg", Protocol: "TCP", Port: 80, Targets: [{ Id: "i-0p1", Port: 80, State: "healthy" }] }],
    targetInstances: [{ InstanceId: "i-0p1", PrivateIpAddress: "10.1.0.30", SecurityGroupIds: ["sg-provider"], State: "running", httpd: { status: "running", body: PAGE } }],
  };
}

const curl = (cmd: string, facts: ReachabilityFacts) => runCurl(cmd.split(" ").slice(1), facts, { now: NOW });
const timeoutLine = (host: string, port = 80) => `curl: (28) Failed to connect to ${host} port ${port} after 10002 ms: Timeout was reached\n`;
const refusedLine = (host: string) => `curl: (7) Failed to connect to ${host} port 80 after 2 ms: Couldn't connect to server\n`;

interface Case {
  name: string;
  breakIt: (f: ReachabilityFacts) => void;
  url?: string;
  exitCode: number;
  reason: string;
  stderr: string;
}

const cases: Case[] = [
  { name: "endpoint not accepted yet (pendingAcceptance)", breakIt: (f) => (f.vpcEndpoints[0]!.State = "pendingAcceptance"), exitCode: 28, reason: "endpoint-pending-acceptance", stderr: timeoutLine(REGIONAL) },
  { name: "endpoint rejected by the provider", breakIt: (f) => (f.vpcEndpoints[0]!.State = "rejected"), exitCode: 28, reason: "endpoint-rejected", stderr: timeoutLine(REGIONAL) },
  { name: "accepted but still pending", breakIt: (f) => (f.vpcEndpoints[0]!.State = "pending"), exitCode: 28, reason: "endpoint-pending", stderr: timeoutLine(REGIONAL) },
  { name: "no rule on the endpoint's security group", breakIt: (f) => (f.securityGroups[1]!.Ingress = []), exitCode: 28, reason: "endpoint-sg-denies", stderr: timeoutLine(REGIONAL) },
  {
    name: "a port with no NLB listener (SG admits it)",
    breakIt: (f) => f.securityGroups[1]!.Ingress.push({ IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, CidrIpv4: "10.0.0.0/16" }),
    url: `http://${REGIONAL}:8080/`,
    exitCode: 28,
    reason: "no-listener",
    stderr: timeoutLine(REGIONAL, 8080),
  },
  { name: "a port the endpoint SG does not admit", breakIt: () => undefined, url: `http://${REGIONAL}:8080/`, exitCode: 28, reason: "endpoint-sg-denies", stderr: timeoutLine(REGIONAL, 8080) },
  {
    name: "httpd not running (target unhealthy, NLB fails open, RST comes back)",
    breakIt: (f) => {
      f.targetInstances[0]!.httpd = { status: "not-running" };
      f.targetGroups[0]!.Targets[0]!.State = "unhealthy";
    },
    exitCode: 7,
    reason: "httpd-not-running",
    stderr: refusedLine(REGIONAL),
  },
  {
    name: "Provider SG admits only the Consumer's CIDR, not the NLB",
    breakIt: (f) => {
      f.securityGroups[2]!.Ingress = [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIpv4: "10.0.0.0/16" }];
      f.targetGroups[0]!.Targets[0]!.State = "unhealthy";
    },
    exitCode: 28,
    reason: "provider-sg-denies",
    stderr: timeoutLine(REGIONAL),
  },
  { name: "targets still in initial health checks", breakIt: (f) => (f.targetGroups[0]!.Targets[0]!.State = "initial"), exitCode: 28, reason: "targets-initial", stderr: timeoutLine(REGIONAL) },
  { name: "empty target group", breakIt: (f) => (f.targetGroups[0]!.Targets = []), exitCode: 28, reason: "no-targets", stderr: timeoutLine(REGIONAL) },
  { name: "a wrong DNS name", breakIt: () => undefined, url: "http://vpce-0e1-wrong.vpce-svc-0a1.ap-northeast-1.vpce.amazonaws.com/", exitCode: 6, reason: "dns-not-found", stderr: "curl: (6) Could not resolve host: vpce-0e1-wrong.vpce-svc-0a1.ap-northeast-1.vpce.amazonaws.com\n" },
  { name: "the Provider's private IP (another VPC: no route)", breakIt: () => undefined, url: "http://10.1.0.30/", exitCode: 28, reason: "no-route", stderr: timeoutLine("10.1.0.30") },
];

describe("reachability model: curl through PrivateLink", () => {
  it("returns the Provider's page through the regional DNS name", () => {
    const r = curl(`curl -sS -m 10 http://${REGIONAL}/`, working());
    expect(r).toMatchObject({ exitCode: 0, reason: "ok", stdout: PAGE, stderr: "", httpStatus: 200 });
  });

  it("returns the page through the zonal DNS name and the endpoint's IP too", () => {
    expect(curl(`curl -sS -m 10 http://${ZONAL}/`, working())).toMatchObject({ exitCode: 0, stdout: PAGE });
    expect(curl("curl -sS -m 10 http://10.0.0.50/", working())).toMatchObject({ exitCode: 0, stdout: PAGE });
  });

  it("admits the consumer through an SG rule that references its security group", () => {
    const f = working();
    f.securityGroups[1]!.Ingress = [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, ReferencedGroupId: "sg-consumer" }];
    expect(curl(`curl -sS -m 10 http://${REGIONAL}/`, f)).toMatchObject({ exitCode: 0, stdout: PAGE });
  });

  it.each(cases)("breaks when: $name", (c) => {
    const f = working();
    c.breakIt(f);
    const r = curl(`curl -sS -m 10 ${c.url ?? `http://${REGIONAL}/`}`, f);
    expect({ exitCode: r.exitCode, reason: r.reason, stderr: r.stderr, stdout: r.stdout }).toEqual({ exitCode: c.exitCode, reason: c.reason, stderr: c.stderr, stdout: "" });
  });

  it("times out only when the kernel gives up (~2 min) when curl has no timeout", () => {
    const f = working();
    f.vpcEndpoints[0]!.State = "pendingAcceptance";
    const r = curl(`curl -sS http://${REGIONAL}/`, f);
    expect(r.exitCode).toBe(28);
    expect(r.stderr).toBe(`curl: (28) Failed to connect to ${REGIONAL} port 80 after 131002 ms: Couldn't connect to server\n`);
    expect(r.durationMs).toBe(131_002);
  });

  it("uses the shorter of --connect-timeout and -m", () => {
    const f = working();
    f.vpcEndpoints[0]!.State = "pendingAcceptance";
    const r = curl(`curl -sS --connect-timeout 3 -m 10 http://${REGIONAL}/`, f);
    expect(r.stderr).toContain("after 3002 ms: Timeout was reached");
    expect(r.durationMs).toBe(3002);
  });

  it("-s alone hides the error; no -s shows the progress meter (stdout is not a terminal under Run Command)", () => {
    const f = working();
    f.vpcEndpoints[0]!.State = "rejected";
    expect(curl(`curl -s -m 5 http://${REGIONAL}/`, f)).toMatchObject({ exitCode: 28, stderr: "" });
    const loud = curl(`curl -m 5 http://${REGIONAL}/`, f);
    expect(loud.stderr).toMatch(/^ {2}% Total {4}% Received/);
    expect(loud.stderr.trimEnd().split("\n").at(-1)).toBe(`curl: (28) Failed to connect to ${REGIONAL} port 80 after 5002 ms: Timeout was reached`);
    const ok = curl(`curl http://${REGIONAL}/`, working());
    expect(ok.stdout).toBe(PAGE);
    expect(ok.stderr).toContain("100    ");
  });
});
