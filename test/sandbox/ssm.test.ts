import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, ListCommandInvocationsCommand, SendCommandCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { ssmAgentStatus } from "../../src/sandbox/model/ssm-agent.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import type { World } from "../../src/sandbox/world.js";
import { IDS, lessonWorld, PAGE, REGION, REGIONAL_NAME, T0, ZONAL_NAME } from "./fixtures-c.js";

async function setup(world: World = lessonWorld(), speed = 1) {
  const clock = new ManualClock(T0);
  const sandbox = new Sandbox({ store: new MemoryStore(world), clock, speed });
  const { ssm } = await createSandboxClients(sandbox, REGION);
  return { clock, ssm, sandbox };
}

const shell = (commands: string[], InstanceIds: string[] = [IDS.consumer]) =>
  new SendCommandCommand({ DocumentName: "AWS-RunShellScript", InstanceIds, Parameters: { commands } });

describe("SSM Run Command in the sandbox", () => {
  it("refuses SendCommand with InvalidInstanceId until the agent is Online (~60 s after launch)", async () => {
    const world = lessonWorld();
    world.regions[REGION]!.instances[IDS.consumer]!.life = { createdAt: T0 - 1000, readyAt: T0 };
    const { clock, ssm } = await setup(world);
    const before = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: "InstanceIds", Values: [IDS.consumer] }] }));
    expect(before.InstanceInformationList).toEqual([]);
    await expect(ssm.send(shell(["echo hi"]))).rejects.toMatchObject({
      name: "InvalidInstanceId",
      message: `Instances [[${IDS.consumer}]] not in a valid state for account 000000000000`,
    });
    clock.advance(61_000);
    const after = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: "InstanceIds", Values: [IDS.consumer] }] }));
    expect(after.InstanceInformationList?.[0]).toMatchObject({ InstanceId: IDS.consumer, PingStatus: "Online", PlatformName: "Amazon Linux", AgentVersion: expect.stringMatching(/^3\.3\./) });
  });

  it("says why an instance never registers: no ssmmessages endpoint, no SSM policy", () => {
    const world = lessonWorld();
    const rw = world.regions[REGION]!;
    delete rw.vpcEndpoints[IDS.ssmMessagesEndpoint];
    world.iamRoles["lab-ec2-role"]!.ManagedPolicyArns = [];
    const status = ssmAgentStatus(world, REGION, rw.instances[IDS.consumer]!, T0, 1);
    expect(status.online).toBe(false);
    expect(status.blockers).toEqual([
      { code: "role-missing-ssm-policy", subject: "lab-ec2-role" },
      { code: "no-endpoint", subject: `com.amazonaws.${REGION}.ssmmessages` },
    ]);
  });

  it("GetCommandInvocation: InvocationDoesNotExist right after sending, then InProgress, then Success with the page", async () => {
    const { clock, ssm } = await setup();
    const sent = await ssm.send(shell([`curl -sS -m 10 http://${REGIONAL_NAME}/`]));
    const id = sent.Command!.CommandId!;
    expect(sent.Command).toMatchObject({ Status: "Pending", DocumentName: "AWS-RunShellScript", InstanceIds: [IDS.consumer] });
    const ask = () => ssm.send(new GetCommandInvocationCommand({ CommandId: id, InstanceId: IDS.consumer }));
    await expect(ask()).rejects.toMatchObject({ name: "InvocationDoesNotExist" });
    clock.advance(1_600);
    expect(await ask()).toMatchObject({ Status: "InProgress", ResponseCode: -1, StandardOutputContent: "" });
    clock.advance(500);
    expect(await ask()).toMatchObject({ Status: "Success", ResponseCode: 0, StandardOutputContent: PAGE, StandardErrorContent: "" });
  });

  it("serves the page through the zonal name too", async () => {
    const { ssm } = await setup(lessonWorld(), 0);
    const sent = await ssm.send(shell([`curl -s http://${ZONAL_NAME}/`]));
    const got = await ssm.send(new GetCommandInvocationCommand({ CommandId: sent.Command!.CommandId!, InstanceId: IDS.consumer }));
    expect(got).toMatchObject({ Status: "Success", StandardOutputContent: PAGE });
  });

  it("a curl that times out (-m 10) keeps the invocation InProgress for 10 s, then Failed with exit 28", async () => {
    const world = lessonWorld();
    const ep = world.regions[REGION]!.vpcEndpoints[IDS.endpoint]!;
    ep.connection = { requiresAcceptance: true };
    const { clock, ssm } = await setup(world);
    const sent = await ssm.send(shell([`curl -sS -m 10 http://${REGIONAL_NAME}/`]));
    const ask = () => ssm.send(new GetCommandInvocationCommand({ CommandId: sent.Command!.CommandId!, InstanceId: IDS.consumer }));
    clock.advance(11_000);
    expect((await ask()).Status).toBe("InProgress");
    clock.advance(1_100);
    expect(await ask()).toMatchObject({
      Status: "Failed",
      ResponseCode: 28,
      StandardErrorContent: `curl: (28) Failed to connect to ${REGIONAL_NAME} port 80 after 10002 ms: Timeout was reached\nfailed to run commands: exit status 28`,
    });
  });

  it("accepts only AWS-RunShellScript", async () => {
    const { ssm } = await setup(lessonWorld(), 0);
    await expect(ssm.send(new SendCommandCommand({ DocumentName: "AWS-RunPowerShellScript", InstanceIds: [IDS.consumer], Parameters: { commands: ["dir"] } }))).rejects.toMatchObject({
      name: "InvalidDocument",
    });
  });

  it("ListCommandInvocations with Details shows the plugin output as the console does", async () => {
    const { ssm } = await setup(lessonWorld(), 0);
    const sent = await ssm.send(shell(["echo hi", "nosuchcmd"]));
    const list = await ssm.send(new ListCommandInvocationsCommand({ CommandId: sent.Command!.CommandId!, Details: true }));
    const inv = list.CommandInvocations![0]!;
    expect(inv).toMatchObject({ InstanceId: IDS.consumer, InstanceName: "lab-consumer", Status: "Failed" });
    expect(inv.CommandPlugins![0]).toMatchObject({ Name: "aws:runShellScript", ResponseCode: 127 });
    expect(inv.CommandPlugins![0]!.Output).toMatch(/^hi\n\n----------ERROR-------\n.*_script\.sh: line 2: nosuchcmd: command not found\nfailed to run commands: exit status 127$/s);
  });

  it.each([
    ["Provider SG admits only the Consumer CIDR", (w: World): void => {
      w.regions[REGION]!.securityGroups[IDS.providerSg]!.Ingress[0]!.CidrIpv4 = "10.0.0.0/16";
    }, 28, "provider-sg-denies"],
    ["httpd never started", (w: World): void => {
      w.regions[REGION]!.instances[IDS.provider]!.boot = {};
    }, 7, "httpd-not-running"],
    ["endpoint SG has no HTTP rule", (w: World): void => {
      w.regions[REGION]!.securityGroups[IDS.endpointSg]!.Ingress = [];
    }, 28, "endpoint-sg-denies"],
  ] as const)("decides curl from the world: %s", async (_name, breakIt, code, reason) => {
    const world = lessonWorld();
    breakIt(world);
    const { ssm, sandbox } = await setup(world, 0);
    const sent = await ssm.send(shell([`curl -sS -m 5 http://${REGIONAL_NAME}/`]));
    const got = await ssm.send(new GetCommandInvocationCommand({ CommandId: sent.Command!.CommandId!, InstanceId: IDS.consumer }));
    expect(got).toMatchObject({ Status: "Failed", ResponseCode: code });
    const stored = sandbox.store.snapshot().regions[REGION]!.ssmCommands[sent.Command!.CommandId!]!;
    expect(stored.Invocations[0]!.reason).toBe(reason);
  });
});
