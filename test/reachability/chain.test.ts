/**
 * The chain `diagnose` walks, from hand-written describe shapes (the SDK's own types, as AWS
 * returns them): no sandbox. Each case changes one thing of a working path; the first failed
 * link must be the one changed, and curl on the same facts must fail exactly when a link fails.
 * A part AWS is still starting is no failure: it is named as starting, with about how long to wait.
 */
import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { DescribeShapes } from "../../src/reachability/from-describe.js";
import { describe, expect, it } from "vitest";
import { firstFailure, stillStarting, walkChain } from "../../src/reachability/chain.js";
import { runCurl } from "../../src/reachability/curl.js";
import { explainLink, loadDiagnoseText } from "../../src/diagnose/text.js";
import { factsFromDescribe, type ReadTime } from "../../src/reachability/from-describe.js";

const NLB = "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/net/alice-nlb/0123456789abcdef";
const TG = "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:targetgroup/alice-tg/fedcba9876543210";
const SVC = "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0a1b2c3d4e5f60718";
const DNS = "vpce-0e1f2a3b4c5d6e7f8-abcd1234.vpce-svc-0a1b2c3d4e5f60718.ap-northeast-1.vpce.amazonaws.com";
const AZ = "ap-northeast-1a";
/** AWS answers endpoint states in camelCase, where the SDK's enum is PascalCase. */
const st = (state: string) => state as VpcEndpoint["State"];

function working(): DescribeShapes {
  return {
    accountId: "111122223333",
    consumer: {
      InstanceId: "i-0c0c0c0c0c0c0c0c0",
      PrivateIpAddress: "10.0.0.12",
      VpcId: "vpc-0c",
      SubnetId: "subnet-0c",
      Placement: { AvailabilityZone: AZ },
      State: { Name: "running" },
      SecurityGroups: [{ GroupId: "sg-0consumer" }],
    },
    consumerVpc: { VpcId: "vpc-0c", CidrBlock: "10.0.0.0/16" },
    consumerPing: { InstanceId: "i-0c0c0c0c0c0c0c0c0", PingStatus: "Online" },
    vpcEndpoints: [
      {
        VpcEndpointId: "vpce-0e1f2a3b4c5d6e7f8",
        VpcEndpointType: "Interface",
        ServiceName: SVC,
        VpcId: "vpc-0c",
        State: st("available"),
        DnsEntries: [{ DnsName: DNS }, { DnsName: DNS.replace("-abcd1234.", `-abcd1234-${AZ}.`) }],
        NetworkInterfaceIds: ["eni-0e"],
        Groups: [{ GroupId: "sg-0endpoint" }],
      },
    ],
    networkInterfaces: [
      { NetworkInterfaceId: "eni-0e", PrivateIpAddress: "10.0.0.99", SubnetId: "subnet-0c", AvailabilityZone: AZ },
      { NetworkInterfaceId: "eni-0n", PrivateIpAddress: "10.1.0.40", SubnetId: "subnet-0p", AvailabilityZone: AZ, Description: "ELB net/alice-nlb/0123456789abcdef" },
    ],
    securityGroups: [
      { GroupId: "sg-0consumer", IpPermissions: [], IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] },
      { GroupId: "sg-0endpoint", IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "10.0.0.12/32" }] }], IpPermissionsEgress: [] },
      { GroupId: "sg-0provider", IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }], IpPermissionsEgress: [] },
    ],
    serviceConfigurations: [{ ServiceId: "vpce-svc-0a1b2c3d4e5f60718", ServiceName: SVC, NetworkLoadBalancerArns: [NLB], AcceptanceRequired: true, AvailabilityZones: [AZ] }],
    loadBalancers: [{ LoadBalancerArn: NLB, LoadBalancerName: "alice-nlb", VpcId: "vpc-0p", State: { Code: "active" } }],
    listeners: [{ ListenerArn: `${NLB.replace(":loadbalancer/", ":listener/")}/1111`, LoadBalancerArn: NLB, Port: 80, Protocol: "TCP", DefaultActions: [{ Type: "forward", TargetGroupArn: TG }] }],
    targetGroups: [{ TargetGroupArn: TG, TargetGroupName: "alice-tg", Protocol: "TCP", Port: 80 }],
    targetHealth: { [TG]: [{ Target: { Id: "i-0p0p0p0p0p0p0p0p0", Port: 80 }, TargetHealth: { State: "healthy" } }] },
    targetInstances: [{ InstanceId: "i-0p0p0p0p0p0p0p0p0", PrivateIpAddress: "10.1.0.10", State: { Name: "running" }, SecurityGroups: [{ GroupId: "sg-0provider" }] }],
  };
}

function chainOf(s: DescribeShapes, time?: ReadTime) {
  return walkChain(factsFromDescribe(s, time), { endpointId: "vpce-0e1f2a3b4c5d6e7f8", port: 80 });
}

const CASES: { what: string; change: (s: DescribeShapes) => void; link: string; problem: string; curlCannotRun?: boolean }[] = [
  { what: "the Consumer is stopped", change: (s) => void (s.consumer.State = { Name: "stopped" }), link: "consumer-instance", problem: "not-running", curlCannotRun: true },
  { what: "the agent is not registered", change: (s) => void (s.consumerPing = null), link: "consumer-instance", problem: "ssm-offline", curlCannotRun: true },
  { what: "the Consumer may not send HTTP", change: (s) => void (s.securityGroups[0]!.IpPermissionsEgress = [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }]), link: "consumer-sg-egress", problem: "no-rule" },
  { what: "the endpoint has no ENI yet", change: (s) => void Object.assign(s.vpcEndpoints[0]!, { State: st("pendingAcceptance"), NetworkInterfaceIds: [] }), link: "dns-name", problem: "no-address" },
  { what: "the endpoint's ENI is in another AZ than the NLB", change: (s) => void (s.networkInterfaces[1]!.AvailabilityZone = "ap-northeast-1c"), link: "endpoint", problem: "other-az" },
  { what: "the endpoint SG admits 443 only", change: (s) => void (s.securityGroups[1]!.IpPermissions = [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/16" }] }]), link: "endpoint-sg", problem: "no-rule" },
  { what: "the connection waits for acceptance", change: (s) => void (s.vpcEndpoints[0]!.State = st("pendingAcceptance")), link: "service-acceptance", problem: "pending-acceptance" },
  { what: "the listener is on 8080", change: (s) => void (s.listeners[0]!.Port = 8080), link: "nlb-listener", problem: "wrong-port" },
  { what: "no target is registered", change: (s) => void (s.targetHealth[TG] = []), link: "target-group", problem: "no-targets" },
  {
    what: "the Provider SG no longer admits the NLB",
    change: (s) => {
      s.securityGroups[2]!.IpPermissions = [];
      s.targetHealth[TG]![0]!.TargetHealth = { State: "unhealthy", Reason: "Target.FailedHealthChecks" };
    },
    link: "provider-sg",
    problem: "no-rule",
  },
  { what: "Apache does not answer", change: (s) => void (s.targetHealth[TG]![0]!.TargetHealth = { State: "unhealthy", Reason: "Target.FailedHealthChecks" }), link: "httpd", problem: "not-answering" },
];

const LAUNCHED = Date.UTC(2026, 10, 29, 1, 0, 0);
/** Read `seconds` after the instances were launched, on AWS (scale 1). */
const at = (seconds: number): ReadTime => ({ now: LAUNCHED + seconds * 1000, scale: 1 });
const launched = (s: DescribeShapes) => {
  s.consumer.LaunchTime = new Date(LAUNCHED);
  s.targetInstances[0]!.LaunchTime = new Date(LAUNCHED);
};

const STARTING: { what: string; change: (s: DescribeShapes) => void; link: string; problem: string; time?: ReadTime }[] = [
  { what: "the Consumer is pending", change: (s) => void (s.consumer.State = { Name: "pending" }), link: "consumer-instance", problem: "instance-pending" },
  { what: "a new Consumer's agent is not registered yet", change: (s) => void (launched(s), (s.consumerPing = null)), time: at(60), link: "consumer-instance", problem: "ssm-registering" },
  { what: "the endpoint is pending", change: (s) => void (s.vpcEndpoints[0]!.State = st("pending")), link: "endpoint", problem: "endpoint-pending" },
  { what: "the NLB is provisioning", change: (s) => void (s.loadBalancers[0]!.State = { Code: "provisioning" }), link: "nlb-listener", problem: "nlb-provisioning" },
  { what: "the target is still being checked", change: (s) => void (s.targetHealth[TG]![0]!.TargetHealth = { State: "initial", Reason: "Elb.InitialHealthChecking" }), link: "target-health", problem: "targets-initial" },
  { what: "the Provider is pending", change: (s) => void (s.targetInstances[0]!.State = { Name: "pending" }), link: "httpd", problem: "instance-pending" },
  {
    what: "a new Provider fails its first checks (Apache still installing)",
    change: (s) => void (launched(s), (s.targetHealth[TG]![0]!.TargetHealth = { State: "unhealthy", Reason: "Target.FailedHealthChecks" })),
    time: at(90),
    link: "httpd",
    problem: "httpd-installing",
  },
];

describe("the chain from plain describe shapes", () => {
  it("passes every link of a working path, and curl gets an answer", () => {
    const s = working();
    expect(chainOf(s).filter((l) => l.status !== "pass")).toEqual([]);
    expect(runCurl(["-sS", "-m", "10", `http://${DNS}/`], factsFromDescribe(s), { now: 0 }).exitCode).toBe(0);
  });

  it.each(CASES)("$what → $link ($problem) is the first failure, and curl fails too", ({ change, link, problem, curlCannotRun }) => {
    const s = working();
    change(s);
    const chain = chainOf(s);
    expect(firstFailure(chain)).toMatchObject({ id: link, problem });
    // A Consumer that is stopped or unreachable through SSM runs no curl at all.
    if (!curlCannotRun) expect(runCurl(["-sS", "-m", "10", `http://${DNS}/`], factsFromDescribe(s), { now: 0 }).exitCode).not.toBe(0);
  });

  it.each(STARTING)("$what → $link ($problem) is still starting: no failure, a wait", ({ change, link, problem, time }) => {
    const s = working();
    change(s);
    const chain = chainOf(s, time);
    expect(firstFailure(chain)).toBeUndefined();
    const starting = stillStarting(chain);
    expect(starting?.link).toMatchObject({ id: link, status: "wait", problem });
    expect(starting!.seconds).toBeGreaterThanOrEqual(30);
  });

  it("a registration on another port failing beside the healthy one breaks no link, as curl still gets an answer", () => {
    const s = working();
    const stray = { Target: { Id: "i-0p0p0p0p0p0p0p0p0", Port: 8080 }, TargetHealth: { State: "unhealthy" as const, Reason: "Target.FailedHealthChecks" as const } };
    s.targetHealth[TG] = [stray, ...s.targetHealth[TG]!];
    expect(chainOf(s).filter((l) => l.status === "fail")).toEqual([]);
    expect(runCurl(["-sS", "-m", "10", `http://${DNS}/`], factsFromDescribe(s), { now: 0 }).exitCode).toBe(0);
  });

  it("with the Provider's rule gone, the link names the target group's port, not a stray registration's", () => {
    const s = working();
    const failing = { State: "unhealthy" as const, Reason: "Target.FailedHealthChecks" as const };
    s.targetHealth[TG] = [{ Target: { Id: "i-0p0p0p0p0p0p0p0p0", Port: 8080 }, TargetHealth: failing }, { Target: { Id: "i-0p0p0p0p0p0p0p0p0", Port: 80 }, TargetHealth: failing }];
    s.securityGroups[2]!.IpPermissions = [];
    expect(firstFailure(chainOf(s))).toMatchObject({ id: "provider-sg", problem: "no-rule", vars: { port: "80" } });
  });

  it("an agent or Apache still missing long after launch is a fault, not a wait", () => {
    const s = working();
    launched(s);
    s.consumerPing = null;
    expect(firstFailure(chainOf(s, at(3600)))).toMatchObject({ id: "consumer-instance", problem: "ssm-offline" });
    const p = working();
    launched(p);
    p.targetHealth[TG]![0]!.TargetHealth = { State: "unhealthy", Reason: "Target.FailedHealthChecks" };
    expect(firstFailure(chainOf(p, at(3600)))).toMatchObject({ id: "httpd", problem: "not-answering" });
  });

  it("a real break beside a link still starting is named, with its fix, not a wait", () => {
    const s = working();
    s.targetHealth[TG]![0]!.TargetHealth = { State: "initial", Reason: "Elb.InitialHealthChecking" };
    s.securityGroups[2]!.IpPermissions = [];
    const chain = chainOf(s);
    expect(firstFailure(chain)).toMatchObject({ id: "provider-sg", problem: "no-rule" });
    expect(stillStarting(chain)).toBeUndefined();
  });
});

describe("a line of the chain never ends in an empty value", () => {
  it.each(["en", "ja"] as const)("a pending endpoint's DNS name before AWS gives it an address: the link's name alone (%s)", (lang) => {
    const s = working();
    Object.assign(s.vpcEndpoints[0]!, { State: st("pending"), NetworkInterfaceIds: [] });
    const link = chainOf(s).find((l) => l.id === "dns-name")!;
    expect(link).toMatchObject({ status: "wait", problem: "endpoint-pending" });
    const text = loadDiagnoseText("privatelink", lang);
    expect(explainLink(text, link, {}).name).toBe(text.links["dns-name"]!.short);
  });
});
