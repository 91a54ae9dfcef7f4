import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import type { Life, World } from "../../src/sandbox/world.js";
import { IDS, lessonWorld, REGION, T0 } from "./fixtures-c.js";

async function setup(world: World = lessonWorld(), speed = 1) {
  const clock = new ManualClock(T0);
  const sandbox = new Sandbox({ store: new MemoryStore(world), clock, speed });
  const { elbv2 } = await createSandboxClients(sandbox, REGION);
  return { clock, elbv2 };
}

/** A Provider side that is being created right now: NLB active after 150 s, httpd up after 120 s. */
function freshProvider(): World {
  const w = lessonWorld();
  const rw = w.regions[REGION]!;
  const at = (ready: number): Life => ({ createdAt: T0, readyAt: T0 + ready * 1000 });
  rw.loadBalancers[IDS.nlbArn]!.life = at(150);
  rw.targetGroups[IDS.tgArn]!.life = at(5);
  rw.listeners[IDS.listenerArn]!.life = at(151);
  rw.instances[IDS.provider]!.life = at(30);
  rw.instances[IDS.provider]!.boot.httpdReadyAt = T0 + 120_000;
  return w;
}

const health = (elbv2: Awaited<ReturnType<typeof setup>>["elbv2"]) =>
  elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: IDS.tgArn })).then((r) => r.TargetHealthDescriptions![0]!.TargetHealth);

describe("ELBv2 describes in the sandbox", () => {
  it("DescribeLoadBalancers: provisioning, then active; by name or ARN", async () => {
    const { clock, elbv2 } = await setup(freshProvider());
    const first = await elbv2.send(new DescribeLoadBalancersCommand({ Names: ["lab-nlb"] }));
    expect(first.LoadBalancers![0]).toMatchObject({ LoadBalancerArn: IDS.nlbArn, Type: "network", Scheme: "internal", State: { Code: "provisioning" }, VpcId: IDS.providerVpc });
    expect(first.LoadBalancers![0]!.AvailabilityZones).toEqual([{ ZoneName: "ap-northeast-1a", SubnetId: IDS.providerSubnet, LoadBalancerAddresses: [] }]);
    clock.advance(150_000);
    const later = await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [IDS.nlbArn] }));
    expect(later.LoadBalancers![0]!.State).toEqual({ Code: "active" });
  });

  it("fails with LoadBalancerNotFoundException for an unknown name", async () => {
    const { elbv2 } = await setup();
    await expect(elbv2.send(new DescribeLoadBalancersCommand({ Names: ["nope-nlb"] }))).rejects.toMatchObject({
      name: "LoadBalancerNotFoundException",
      message: "Load balancers '[nope-nlb]' not found",
    });
  });

  it("DescribeTargetGroups by load balancer, and TargetGroupNotFoundException", async () => {
    const { elbv2 } = await setup();
    const byLb = await elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: IDS.nlbArn }));
    expect(byLb.TargetGroups).toHaveLength(1);
    expect(byLb.TargetGroups![0]).toMatchObject({ TargetGroupName: "lab-tg", Protocol: "TCP", Port: 80, HealthCheckProtocol: "TCP", HealthCheckPort: "traffic-port", LoadBalancerArns: [IDS.nlbArn] });
    await expect(elbv2.send(new DescribeTargetGroupsCommand({ Names: ["other-tg"] }))).rejects.toMatchObject({ name: "TargetGroupNotFoundException" });
  });

  it("DescribeListeners by load balancer: TCP 80 forwarding to the group", async () => {
    const { elbv2 } = await setup();
    const out = await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: IDS.nlbArn }));
    expect(out.Listeners).toEqual([
      expect.objectContaining({ Port: 80, Protocol: "TCP", DefaultActions: [expect.objectContaining({ Type: "forward", TargetGroupArn: IDS.tgArn })] }),
    ]);
    await expect(elbv2.send(new DescribeListenersCommand({ ListenerArns: [IDS.listenerArn + "x"] }))).rejects.toMatchObject({ name: "ListenerNotFoundException" });
  });

  it("target health: registration → initial health checks → healthy ~90 s after NLB, instance and httpd are up", async () => {
    const { clock, elbv2 } = await setup(freshProvider());
    expect(await health(elbv2)).toMatchObject({ State: "initial", Reason: "Elb.RegistrationInProgress" });
    clock.advance(190_000); // NLB active at 150 s, registration done at ~181 s
    expect(await health(elbv2)).toMatchObject({ State: "initial", Reason: "Elb.InitialHealthChecking", Description: "Initial health checks in progress" });
    clock.advance(90_000); // everything up at 181 s → healthy at 271 s
    expect(await health(elbv2)).toEqual({ State: "healthy" });
  });

  it("unhealthy (Target.FailedHealthChecks) when the Provider SG admits only the Consumer's CIDR, not the NLB", async () => {
    const w = lessonWorld();
    w.regions[REGION]!.securityGroups[IDS.providerSg]!.Ingress[0]!.CidrIpv4 = "10.0.0.0/16";
    const { elbv2 } = await setup(w);
    expect(await health(elbv2)).toEqual({ State: "unhealthy", Reason: "Target.FailedHealthChecks", Description: "Health checks failed" });
  });

  it("unhealthy when httpd never started; unused for an unregistered target", async () => {
    const w = lessonWorld();
    w.regions[REGION]!.instances[IDS.provider]!.boot = { httpdFailure: "dnf could not reach the package repository" };
    const { elbv2 } = await setup(w);
    expect(await health(elbv2)).toMatchObject({ State: "unhealthy", Reason: "Target.FailedHealthChecks" });
    const other = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: IDS.tgArn, Targets: [{ Id: IDS.consumer, Port: 80 }] }));
    expect(other.TargetHealthDescriptions![0]!.TargetHealth).toEqual({ State: "unused", Reason: "Target.NotRegistered", Description: "Target is not registered to the target group" });
  });

  it("unused (Target.InvalidState) once the instance is terminated", async () => {
    const w = lessonWorld();
    w.regions[REGION]!.instances[IDS.provider]!.life.deleteRequestedAt = T0 - 1000;
    const { elbv2 } = await setup(w);
    expect(await health(elbv2)).toMatchObject({ State: "unused", Reason: "Target.InvalidState" });
  });
});
