/**
 * DescribeInstances, DescribeInstanceStatus, StopInstances, StartInstances and ModifyInstanceAttribute (its
 * security groups, the one attribute a learner changes here). An instance is
 * `pending` until its `readyAt`, then `running` (`stopping`, `stopped`, `pending` again as a learner
 * stops and starts it: see model/instances.ts); once its stack
 * deletes it, `shutting-down` until `deletedAt`, then `terminated`, and AWS keeps showing a
 * terminated instance for about an hour.
 * Its status checks are `initializing` for the first two minutes it runs, then `ok`.
 */
import type { Instance as SdkInstance, InstanceState, ModifyInstanceAttributeCommandInput, InstanceStateChange, InstanceStatusSummary } from "@aws-sdk/client-ec2";
import { type Ec2, type HandlerContext, handlers } from "../../handler.js";
import type { Instance } from "../../world.js";
import { instanceStateAt, runningSince } from "../../model/target-health.js";
import { changePower, replaceInstanceGroups } from "../../model/instances.js";
import { describe, groupsOf, outTags, sameNamed, type FilterFields } from "./filters.js";

/** How long AWS lists a terminated instance (real seconds, scaled by the speed). */
const TERMINATED_VISIBLE_SECONDS = 3600;

const STATE_CODES = { pending: 0, running: 16, "shutting-down": 32, terminated: 48, stopping: 64, stopped: 80 } as const;

function instanceState(i: Instance, now: number): InstanceState {
  const name = instanceStateAt(i, now);
  return { Code: STATE_CODES[name], Name: name };
}

/** Instances DescribeInstances shows at `now`: created, and not terminated for too long. */
function visibleInstances(ctx: HandlerContext): Instance[] {
  const window = TERMINATED_VISIBLE_SECONDS * 1000 * ctx.speed;
  return Object.values(ctx.rw.instances).filter(
    (i) => i.life.createdAt <= ctx.now && (i.life.deletedAt === undefined || i.life.deletedAt + window > ctx.now),
  );
}

/** Status checks: not run unless running; `initializing` for the first minutes, then passed. */
function checks(ctx: HandlerContext, i: Instance): InstanceStatusSummary {
  if (instanceStateAt(i, ctx.now) !== "running") return { Status: "not-applicable" };
  const passed = ctx.now >= runningSince(i, ctx.now) + (ctx.after(120) - ctx.now);
  return { Status: passed ? "ok" : "initializing", Details: [{ Name: "reachability", Status: passed ? "passed" : "initializing" }] };
}

function toSdkInstance(ctx: HandlerContext, i: Instance): SdkInstance {
  const state = instanceState(i, ctx.now);
  const gone = state.Name === "terminated";
  const profile = Object.values(ctx.world.instanceProfiles).find((p) => p.Arn === i.IamInstanceProfileArn);
  const groups = groupsOf(ctx, i.SecurityGroupIds);
  // Where it is on the network: on the instance, and again on its primary interface.
  const where = { SubnetId: i.SubnetId, VpcId: i.VpcId, PrivateIpAddress: i.PrivateIpAddress, PrivateDnsName: i.PrivateDnsName };
  return {
    InstanceId: i.InstanceId,
    ImageId: i.ImageId,
    InstanceType: i.InstanceType as SdkInstance["InstanceType"],
    State: state,
    LaunchTime: new Date(i.life.createdAt),
    Placement: { AvailabilityZone: i.AvailabilityZone, Tenancy: "default", GroupName: "" },
    Architecture: "x86_64",
    PlatformDetails: "Linux/UNIX",
    RootDeviceType: "ebs",
    RootDeviceName: "/dev/xvda",
    Hypervisor: "xen",
    VirtualizationType: "hvm",
    ...(i.IamInstanceProfileArn ? { IamInstanceProfile: { Arn: i.IamInstanceProfileArn, Id: profile?.InstanceProfileId ?? "" } } : {}),
    ...(state.Name === "stopping" || state.Name === "stopped"
      ? {
          StateTransitionReason: `User initiated (${new Date((i.power ?? []).filter((p) => p.state === "stopping").at(-1)?.from ?? 0).toISOString()})`,
          StateReason: { Code: "Client.UserInitiatedShutdown", Message: "Client.UserInitiatedShutdown: User initiated shutdown" },
        }
      : {}),
    ...(gone
      ? { StateTransitionReason: `User initiated (${new Date(i.life.deleteRequestedAt ?? i.life.deletedAt ?? 0).toISOString()})` }
      : {
          ...where,
          SecurityGroups: groups,
          NetworkInterfaces: [
            {
              NetworkInterfaceId: i.NetworkInterfaceId,
              ...where,
              Groups: groups,
              Status: "in-use",
              InterfaceType: "interface",
              OwnerId: ctx.world.accountId,
            },
          ],
        }),
    Tags: outTags(i.Tags),
  };
}

/** StopInstances / StartInstances: every id must name a visible instance; each moves, or the call fails. */
function powerChanges(ctx: HandlerContext, ids: string[] | undefined, move: "stop" | "start"): InstanceStateChange[] {
  if (!ids || ids.length === 0) return ctx.fail("MissingParameter", "The request must contain the parameter InstanceIds");
  const bad = ids.find((id) => !/^i-[0-9a-z]{8,17}$/.test(id));
  if (bad) return ctx.fail("InvalidInstanceID.Malformed", `Invalid id: "${bad}"`);
  const found = describe(ctx, "instances", { ids, filters: undefined }, {}, visibleInstances(ctx));
  return found.map((i) => {
    const { previous, current } = changePower(ctx, i, move);
    return { InstanceId: i.InstanceId, CurrentState: { Code: STATE_CODES[current], Name: current }, PreviousState: { Code: STATE_CODES[previous], Name: previous } };
  });
}

/** The attributes other than `Groups` ModifyInstanceAttribute can change (one per call, as AWS requires). */
const OTHER_ATTRIBUTES = [
  "Attribute", "BlockDeviceMappings", "DisableApiStop", "DisableApiTermination", "EbsOptimized", "EnaSupport", "InstanceInitiatedShutdownBehavior",
  "InstanceType", "Kernel", "Ramdisk", "SourceDestCheck", "SriovNetSupport", "UserData", "Value",
] as const satisfies (keyof ModifyInstanceAttributeCommandInput)[];

/** ModifyInstanceAttribute: `Groups` replaces the instance's security groups; the sandbox says plainly it models nothing else. */
function modifyInstance(ctx: HandlerContext, input: ModifyInstanceAttributeCommandInput): void {
  const id = input.InstanceId;
  if (!id) return ctx.fail("MissingParameter", "The request must contain the parameter InstanceId");
  if (!/^i-[0-9a-z]{8,17}$/.test(id)) return ctx.fail("InvalidInstanceID.Malformed", `Invalid id: "${id}"`);
  const [inst] = describe(ctx, "instances", { ids: [id], filters: undefined }, {}, visibleInstances(ctx));
  if (!inst) return ctx.fail("InvalidInstanceID.NotFound", `The instance ID '${id}' does not exist`);
  if (input.Groups?.length) return replaceInstanceGroups(ctx, inst, input.Groups);
  if (OTHER_ATTRIBUTES.some((k) => input[k] !== undefined)) {
    return ctx.fail("UnsupportedOperation", "The sandbox changes only an instance's security groups (--groups).");
  }
  return ctx.fail("InvalidParameterCombination", "No attributes specified.");
}

export const instanceHandlers = handlers<Ec2>({
  ModifyInstanceAttributeCommand: (ctx, input) => {
    modifyInstance(ctx, input);
    return {};
  },

  StopInstancesCommand: (ctx, input) => ({ StoppingInstances: powerChanges(ctx, input.InstanceIds, "stop") }),
  StartInstancesCommand: (ctx, input) => ({ StartingInstances: powerChanges(ctx, input.InstanceIds, "start") }),

  DescribeInstanceStatusCommand: (ctx, input) => {
    const fields: FilterFields<Instance> = {
      ...sameNamed<Instance>("availability-zone"),
      "instance-state-name": (i) => instanceState(i, ctx.now).Name,
      "instance-state-code": (i) => instanceState(i, ctx.now).Code,
      "instance-status.status": (i) => checks(ctx, i).Status,
      "system-status.status": (i) => checks(ctx, i).Status,
      "instance-status.reachability": (i) => checks(ctx, i).Details?.[0]?.Status,
      "system-status.reachability": (i) => checks(ctx, i).Details?.[0]?.Status,
    };
    const all = describe(ctx, "instances", { ids: input.InstanceIds, filters: input.Filters }, fields, visibleInstances(ctx));
    // Only running instances, unless all are asked for.
    const shown = input.IncludeAllInstances ? all : all.filter((i) => instanceStateAt(i, ctx.now) === "running");
    return {
      InstanceStatuses: shown.map((i) => ({
        InstanceId: i.InstanceId,
        AvailabilityZone: i.AvailabilityZone,
        InstanceState: instanceState(i, ctx.now),
        InstanceStatus: checks(ctx, i),
        SystemStatus: checks(ctx, i),
      })),
    };
  },

  DescribeInstancesCommand: (ctx, input) => {
    const fields: FilterFields<Instance> = {
      ...sameNamed<Instance>("instance-id", "instance-type", "image-id", "vpc-id", "subnet-id", "availability-zone", "private-ip-address"),
      "instance-state-name": (i) => instanceState(i, ctx.now).Name,
      "instance-state-code": (i) => instanceState(i, ctx.now).Code,
      "iam-instance-profile.arn": (i) => i.IamInstanceProfileArn,
      "instance.group-id": (i) => i.SecurityGroupIds,
      "network-interface.network-interface-id": (i) => i.NetworkInterfaceId,
    };
    const request = { ids: input.InstanceIds, filters: input.Filters };
    const instances = describe(ctx, "instances", request, fields, visibleInstances(ctx));
    // One reservation per instance: the CloudFormation engine launches them one at a time.
    return {
      Reservations: instances.map((i) => ({
        ReservationId: `r-${i.InstanceId.slice(2)}`,
        OwnerId: ctx.world.accountId,
        Groups: [],
        Instances: [toSdkInstance(ctx, i)],
      })),
    };
  },
});
