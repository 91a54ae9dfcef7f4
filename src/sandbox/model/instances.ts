/**
 * EC2 instances. Launch checks what AWS checks (AMI id, instance type offered in the subnet's AZ,
 * the running-vCPU quota), gives the instance an ENI, and decides at once what its user data will
 * achieve at boot (see instance-boot.ts): the network it boots into does not change that afterwards.
 */
import type { HandlerContext } from "../handler.js";
import { zoneInfo, regionInfo } from "../regions.js";
import { markDeleted, newId, notDeletedBy, type Instance, type NewOf } from "../world.js";
import { requireEntity } from "./ec2-kinds.js";
import { decideBoot } from "./instance-boot.js";
import { createNetworkInterface, releaseNetworkInterfaces } from "./network-interfaces.js";
import { rememberAgentsOnline } from "./ssm-agent.js";
import { instanceStateAt, type InstanceStateName } from "./target-health.js";

/** vCPUs per instance type (the running on-demand standard-instances quota counts these). */
const VCPUS: Record<string, number> = {
  "t2.nano": 1,
  "t2.micro": 1,
  "t3.nano": 2,
  "t3.micro": 2,
  "t3.small": 2,
  "t3.medium": 2,
  "m5.large": 2,
};

function vcpusOf(instanceType: string): number {
  return VCPUS[instanceType] ?? 2;
}

/** UserData is base64, as RunInstances and CloudFormation take it; life: createdAt = pending, readyAt = running. */
type NewInstance = NewOf<Instance, "ImageId" | "InstanceType" | "SubnetId" | "SecurityGroupIds" | "life", "IamInstanceProfileArn" | "UserData" | "Tags">;

function checkLaunch(ctx: HandlerContext, p: NewInstance, az: string): void {
  if (!/^ami-[0-9a-f]{8,17}$/.test(p.ImageId)) ctx.fail("InvalidAMIID.Malformed", `Invalid id: "${p.ImageId}" (expecting "ami-...")`);
  if (!(p.InstanceType in VCPUS)) ctx.fail("InvalidParameterValue", `Invalid value '${p.InstanceType}' for InstanceType.`);
  if (!zoneInfo(ctx.region, az)?.instanceTypes.includes(p.InstanceType)) {
    const offered = (regionInfo(ctx.region)?.zones ?? []).filter((z) => z.instanceTypes.includes(p.InstanceType)).map((z) => z.ZoneName);
    ctx.fail(
      "Unsupported",
      `Your requested instance type (${p.InstanceType}) is not supported in your requested Availability Zone (${az}). Please retry your request by not specifying an Availability Zone or choosing ${offered.join(", ")}.`,
    );
  }
  checkVcpus(ctx, p.InstanceType, p.life.createdAt);
}

/**
 * RunInstances and StartInstances fail with VcpuLimitExceeded when the instance's vCPUs and those
 * of the instances running at `at` exceed the quota; stopped (and terminated) instances hold none.
 */
function checkVcpus(ctx: HandlerContext, instanceType: string, at: number): void {
  const holding = Object.values(ctx.rw.instances).filter((i) => !["stopped", "terminated"].includes(instanceStateAt(i, at)));
  const used = holding.reduce((sum, i) => sum + vcpusOf(i.InstanceType), 0);
  const limit = ctx.world.quotas.runningOnDemandStandardVcpus;
  if (used + vcpusOf(instanceType) > limit) {
    ctx.fail(
      "VcpuLimitExceeded",
      `You have requested more vCPU capacity than your current vCPU limit of ${limit} allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.`,
    );
  }
}

function privateDnsName(region: string, ip: string): string {
  const domain = region === "us-east-1" ? "ec2.internal" : `${region}.compute.internal`;
  return `ip-${ip.replace(/\./g, "-")}.${domain}`;
}

export function launchInstance(ctx: HandlerContext, p: NewInstance): Instance {
  const subnet = requireEntity(ctx, "subnets", p.SubnetId, p.life.createdAt);
  checkLaunch(ctx, p, subnet.AvailabilityZone);
  const InstanceId = newId(ctx.world, "i");
  const eni = createNetworkInterface(ctx, {
    SubnetId: p.SubnetId,
    GroupIds: p.SecurityGroupIds,
    InterfaceType: "interface",
    Description: "",
    OwnerRef: InstanceId,
    RequesterManaged: false,
    life: p.life,
  });
  const instance: Instance = {
    InstanceId,
    ImageId: p.ImageId,
    InstanceType: p.InstanceType,
    SubnetId: p.SubnetId,
    VpcId: subnet.VpcId,
    AvailabilityZone: subnet.AvailabilityZone,
    PrivateIpAddress: eni.PrivateIpAddress,
    PrivateDnsName: privateDnsName(ctx.region, eni.PrivateIpAddress),
    SecurityGroupIds: [...p.SecurityGroupIds],
    ...(p.IamInstanceProfileArn ? { IamInstanceProfileArn: p.IamInstanceProfileArn } : {}),
    ...(p.UserData ? { UserData: p.UserData } : {}),
    NetworkInterfaceId: eni.NetworkInterfaceId,
    Tags: p.Tags ?? [],
    boot: {},
    life: { ...p.life },
  };
  instance.boot = decideBoot(ctx, instance);
  ctx.rw.instances[InstanceId] = instance;
  return instance;
}

/** Terminates at `at` (shutting-down until then); the ENI goes with it. */
export function terminateInstance(ctx: HandlerContext, instanceId: string, at: number): void {
  const i = ctx.rw.instances[instanceId];
  if (!i || !notDeletedBy(i.life, at)) return;
  markDeleted(i.life, ctx.now, at);
  releaseNetworkInterfaces(ctx, [i.NetworkInterfaceId], at);
}

/** AWS seconds an instance spends stopping, and pending again after a start (typical times). */
const POWER_SECONDS = { stop: 40, start: 20 } as const;

/** Where StopInstances and StartInstances go from each state (a state missing here is refused). */
const POWER_MOVES = {
  stop: { running: "stopping", stopping: "stopping", stopped: "stopped" },
  start: { stopped: "pending", pending: "pending", running: "running" },
} as const satisfies Record<"stop" | "start", Partial<Record<InstanceStateName, InstanceStateName>>>;

/**
 * Stops or starts the instance (StopInstances, StartInstances): running → stopping → stopped, or
 * stopped → pending → running, over AWS's usual times at the sandbox's speed. Asking for the state
 * it is in or going to changes nothing; from any other state AWS refuses with IncorrectInstanceState,
 * and a start beyond the running-vCPU quota with VcpuLimitExceeded.
 * Apache, enabled by the lesson's user data, starts again a minute after the instance runs.
 */
export function changePower(ctx: HandlerContext, inst: Instance, move: "stop" | "start"): { previous: InstanceStateName; current: InstanceStateName } {
  const previous = instanceStateAt(inst, ctx.now);
  const moves: Partial<Record<InstanceStateName, InstanceStateName>> = POWER_MOVES[move];
  const current = moves[previous];
  if (!current) return ctx.fail("IncorrectInstanceState", `The instance '${inst.InstanceId}' is not in a state from which it can be ${move === "stop" ? "stopped" : "started"}.`);
  if (current === previous) return { previous, current };
  if (move === "start") checkVcpus(ctx, inst.InstanceType, ctx.now);
  const settled = ctx.after(POWER_SECONDS[move]);
  inst.power = [
    ...(inst.power ?? []),
    { state: current as "stopping" | "pending", from: ctx.now },
    { state: move === "stop" ? "stopped" : "running", from: settled },
  ];
  if (move === "start" && inst.boot.httpdReadyAt !== undefined) inst.boot.httpdReadyAt = settled + (ctx.after(60) - ctx.now);
  return { previous, current };
}

/** AWS's limit of security groups on one network interface (the default quota). */
const GROUPS_PER_INTERFACE = 5;

/**
 * ModifyInstanceAttribute with `Groups`: replaces the instance's security groups (on it and on its primary interface),
 * as AWS does. Every group must exist and sit in the instance's VPC; a group of another VPC is refused the way EC2
 * refuses it (InvalidGroup.NotFound, "two resources that belong to different networks"). An instance shutting down or
 * terminated cannot change (IncorrectInstanceState). A change can cut an SSM Agent off: it then shows ConnectionLost.
 */
export function replaceInstanceGroups(ctx: HandlerContext, inst: Instance, groupIds: string[]): void {
  const state = instanceStateAt(inst, ctx.now);
  if (state === "shutting-down" || state === "terminated") {
    ctx.fail("IncorrectInstanceState", `The instance '${inst.InstanceId}' is not in a state from which it can be modified.`);
  }
  const ids = [...new Set(groupIds)];
  for (const id of ids) {
    if (!/^sg-[0-9a-z]{8,17}$/.test(id)) ctx.fail("InvalidGroupId.Malformed", `Invalid id: "${id}" (expecting "sg-...")`);
    const sg = requireEntity(ctx, "securityGroups", id);
    if (sg.VpcId !== inst.VpcId) ctx.fail("InvalidGroup.NotFound", "You have specified two resources that belong to different networks.");
  }
  if (ids.length > GROUPS_PER_INTERFACE) {
    ctx.fail("SecurityGroupsPerInterfaceLimitExceeded", "The maximum number of security groups per interface has been reached.");
  }
  rememberAgentsOnline(ctx.world, ctx.region, ctx.now, ctx.speed);
  inst.SecurityGroupIds = ids;
  const eni = ctx.rw.networkInterfaces[inst.NetworkInterfaceId];
  if (eni) eni.GroupIds = [...ids];
}
