/**
 * One read of the whole room in a fixed number of AWS calls whatever the number of learners (only pagination adds a page
 * per ~100 stacks), then one `CloudView` per participant (what `readCloud` would read for that prefix), so the steps'
 * own `detect()` decides where each learner is: stacks by tag or Prefix parameter, the rest by relation.
 */
import type { Stack } from "@aws-sdk/client-cloudformation";
import type { Filter, Instance, SecurityGroup, ServiceConfiguration, Tag, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { Command, CommandInvocation } from "@aws-sdk/client-ssm";
import type { AwsClients } from "../aws/clients.js";
import { allPages, listDeletedStacks, listEndpoints, listGroups, listServices } from "../aws/pages.js";
import { awsPort } from "../aws/port.js";
import { anchorsOf, type CloudView, type StackView } from "../lesson/cloud-view.js";
import { namesFor, participantOf, prefixProblem } from "../participant.js";
import { challengeMark, type ChallengeMark } from "../challenge-mark.js";
import { instanceView, stackView } from "../lesson/cloud-shapes.js";
import { curlTraces } from "../lesson/curl-proof.js";
import { relate } from "../lesson/relations.js";

const STACK_ID_TAG = "aws:cloudformation:stack-id";
const LOGICAL_ID_TAG = "aws:cloudformation:logical-id";

/** Stack outputs that name a resource, by the logical id the steps look up. */
const OUTPUT_TO_LOGICAL: Record<string, string> = {
  VpcId: "Vpc",
  SubnetId: "PrivateSubnet",
  InstanceId: "EC2Instance",
  SecurityGroupId: "SecurityGroup",
  NLBArn: "NLB",
  TargetGroupArn: "TargetGroup",
};

interface RoomRaw {
  /** Live stacks of the lesson (tagged, or named `<Prefix>-consumer|provider` after their Prefix parameter). */
  stacks: Stack[];
  /** Every endpoint service, endpoint and security group of the region: relations decide whose they are. */
  services: ServiceConfiguration[];
  endpoints: VpcEndpoint[];
  groups: SecurityGroup[];
  instances: Instance[];
  /** Run Command history of the region (curl runs are found there). */
  commands: Command[];
  invocations: CommandInvocation[];
  /** Stacks deleted (ListStacks DELETE_COMPLETE): name → ms epoch. */
  deletedStacks: { name: string; deletedAt: number }[];
}

/** One participant's part of the room: the view the steps read, and the times the cloud shows. */
export interface ParticipantCloud {
  prefix: string;
  view: CloudView;
  /** ms epoch of the oldest of the participant's stacks (when billing began). */
  firstStackAt?: number;
  /** ms epoch of the newest stack. */
  lastStackAt?: number;
  /** ms epoch of the newest learner-made interface endpoint. */
  endpointAt?: number;
  /** ms epoch when a stack deletion began. */
  deletingAt?: number;
  /** The break-and-fix challenge the learner is on, from their Consumer instance's tags. */
  challenge?: ChallengeMark;
  /** A deleted lab's Consumer instance, while AWS still lists it terminated (an hour): its curls are in `view.curls`. */
  deletedInstance?: string;
}

function tagOf(tags: Tag[] | undefined, key: string): string | undefined {
  return tags?.find((t) => t.Key === key)?.Value;
}

/** Whose lesson stack this is: its participant tag, else the `Prefix` parameter its name was made from. */
function stackParticipant(s: Stack): string | undefined {
  const tagged = participantOf(s.Tags);
  if (tagged) return tagged;
  const prefix = s.Parameters?.find((p) => p.ParameterKey === "Prefix")?.ParameterValue;
  return prefix && (s.StackName === `${prefix}-consumer` || s.StackName === `${prefix}-provider`) ? prefix : undefined;
}

/** A stack from the room-wide read: its resources from its outputs (and its instance's tags before them). */
function roomStackView(s: Stack, instances: Instance[]): StackView {
  const resources: Record<string, string> = {};
  for (const o of s.Outputs ?? []) if (o.OutputKey && o.OutputValue && OUTPUT_TO_LOGICAL[o.OutputKey]) resources[OUTPUT_TO_LOGICAL[o.OutputKey]!] = o.OutputValue;
  // Before the outputs exist, the instance is known from the tags CloudFormation puts on it.
  const own = instances.find((i) => tagOf(i.Tags, STACK_ID_TAG) === s.StackId && tagOf(i.Tags, LOGICAL_ID_TAG) === "EC2Instance");
  if (own?.InstanceId) resources.EC2Instance ??= own.InstanceId;
  return stackView(s, resources);
}

const time = (d: Date | undefined): number | undefined => (d ? d.getTime() : undefined);

/** The newest instance a stack of this name made (still listed an hour after the stack is deleted). */
function madeBy(instances: Instance[], stackName: string): string | undefined {
  const made = instances.filter((i) => tagOf(i.Tags, "aws:cloudformation:stack-name") === stackName && tagOf(i.Tags, LOGICAL_ID_TAG) === "EC2Instance");
  return made.sort((x, y) => (time(y.LaunchTime) ?? 0) - (time(x.LaunchTime) ?? 0))[0]?.InstanceId;
}

/** One participant's view, built from the room-wide read. */
function participantCloud(raw: RoomRaw, prefix: string): ParticipantCloud {
  const names = namesFor(prefix);
  const mine = raw.stacks.filter((s) => stackParticipant(s) === prefix && s.StackStatus !== "DELETE_COMPLETE");
  const consumerStack = mine.find((s) => s.StackName === names.consumerStack);
  const providerStack = mine.find((s) => s.StackName === names.providerStack);
  const consumer = consumerStack ? roomStackView(consumerStack, raw.instances) : undefined;
  const provider = providerStack ? roomStackView(providerStack, raw.instances) : undefined;
  const anchors = anchorsOf(names, consumer, provider);
  const related = relate(anchors, raw.services, raw.endpoints, raw.groups);
  const ownEndpoints = raw.endpoints.filter((e) => related.endpoints.some((v) => v.id === e.VpcEndpointId));
  const deletedStacks = raw.deletedStacks.filter((d) => d.name === names.consumerStack || d.name === names.providerStack);
  // A deleted lab's curls are still in Run Command's history, found by its instance while AWS lists it.
  const deletedInstance = !consumerStack && deletedStacks.length > 0 ? madeBy(raw.instances, names.consumerStack) : undefined;
  const instanceId = consumer?.resources.EC2Instance ?? deletedInstance;
  const instance = consumer && instanceId ? raw.instances.find((i) => i.InstanceId === instanceId) : undefined;
  const providerInstanceId = provider?.resources.EC2Instance ?? (deletedInstance ? madeBy(raw.instances, names.providerStack) : undefined);
  const curls = instanceId ? curlTraces(raw.commands, raw.invocations, instanceId, providerInstanceId) : [];
  const stackTimes = [consumerStack, providerStack].map((s) => time(s?.CreationTime)).filter((t): t is number => t !== undefined);
  const endpointTimes = ownEndpoints.map((e) => time(e.CreationTimestamp)).filter((t): t is number => t !== undefined);
  const deletion = [consumerStack, providerStack].map((s) => time(s?.DeletionTime)).filter((t): t is number => t !== undefined);
  return {
    prefix,
    view: {
      ...(consumer ? { consumer } : {}),
      ...(provider ? { provider } : {}),
      ...(instance ? { consumerInstance: instanceView(instance) } : {}),
      ...related,
      curls,
      deletedStacks,
    },
    ...(stackTimes.length ? { firstStackAt: Math.min(...stackTimes), lastStackAt: Math.max(...stackTimes) } : {}),
    ...(endpointTimes.length ? { endpointAt: Math.max(...endpointTimes) } : {}),
    ...(deletion.length ? { deletingAt: Math.min(...deletion) } : {}),
    ...(challengeMark(instance?.Tags) ? { challenge: challengeMark(instance?.Tags)! } : {}),
    ...(deletedInstance ? { deletedInstance } : {}),
  };
}

/** Participants whose two lesson stacks CloudFormation lists as deleted (it does for 90 days): a lesson cleaned up. */
function cleanedUpIn(raw: RoomRaw): string[] {
  const gone = new Set(raw.deletedStacks.map((d) => d.name));
  const prefixes = [...gone].map((n) => /^(.+)-consumer$/.exec(n)?.[1]).filter((p): p is string => p !== undefined && prefixProblem(p) === undefined);
  return prefixes.filter((p) => gone.has(namesFor(p).providerStack));
}

/** Everyone with something to clean up, sorted (not by instances: AWS lists one an hour after its stack is gone). */
function prefixesIn(raw: RoomRaw): string[] {
  const all = [...raw.stacks.map(stackParticipant), ...[...raw.services, ...raw.endpoints, ...raw.groups].map((x) => participantOf(x.Tags))];
  return [...new Set(all.filter((p): p is string => Boolean(p)))].sort();
}

export interface Room {
  /** ms epoch of the read (the clock the clients' backend uses). */
  at: number;
  participants: ParticipantCloud[];
}

/** Instances made by a stack (a learner's hand-made stack carries no participant tag). */
const STACK_MADE: Filter[] = [{ Name: "tag-key", Values: ["aws:cloudformation:stack-name"] }];

/** Every page of a list that takes and answers `NextToken`. */
function paged<O extends { NextToken?: string | undefined }, T>(call: (token: { NextToken?: string }) => Promise<O>, items: (out: O) => T[] | undefined): Promise<T[]> {
  return allPages(async (NextToken) => {
    const out = await call(NextToken ? { NextToken } : {});
    return { items: items(out) ?? [], next: out.NextToken };
  });
}

async function readRoomRaw(clients: AwsClients): Promise<RoomRaw> {
  const aws = awsPort(clients);
  const [stacks, services, endpoints, groups, reservations, commands, invocations, deletedStacks] = await Promise.all([
    paged((p) => aws.cfn.describeStacks(p), (out) => out.Stacks),
    listServices(aws),
    listEndpoints(aws, undefined),
    listGroups(aws, undefined),
    paged((p) => aws.ec2.describeInstances({ Filters: STACK_MADE, ...p }), (out) => out.Reservations),
    paged((p) => aws.ssm.listCommands({ MaxResults: 50, ...p }), (out) => out.Commands),
    paged((p) => aws.ssm.listCommandInvocations({ Details: true, MaxResults: 50, ...p }), (out) => out.CommandInvocations),
    listDeletedStacks(aws),
  ]);
  return {
    stacks: stacks.filter((s) => stackParticipant(s) !== undefined),
    services: services.filter((s) => String(s.ServiceState).toLowerCase() !== "deleted"),
    endpoints: endpoints.filter((e) => String(e.State).toLowerCase() !== "deleted"),
    groups,
    instances: reservations.flatMap((r) => r.Instances ?? []),
    commands,
    invocations,
    deletedStacks,
  };
}

/**
 * Every participant with anything in the account and region, each with the view its steps read. `seats` (status): also
 * the roster's seats, started or not, and those whose lesson stacks CloudFormation lists as deleted.
 */
export async function readRoom(clients: AwsClients, now: () => number, seats?: { roster?: readonly string[] | undefined }): Promise<Room> {
  const raw = await readRoomRaw(clients);
  const prefixes = seats ? [...new Set([...(seats.roster ?? []), ...prefixesIn(raw), ...cleanedUpIn(raw)])].sort() : prefixesIn(raw);
  return { at: now(), participants: prefixes.map((p) => participantCloud(raw, p)) };
}
