/**
 * Pure mapping from one room-wide read (every participant's resources at once) to one `CloudView`
 * per participant, so the steps' own `detect()` decides where each learner is. The shapes match
 * `src/lesson/cloud-view.ts`: a participant's view here equals what `readCloud` would read for
 * that prefix, without a call per participant.
 */
import type { Stack } from "@aws-sdk/client-cloudformation";
import type { Instance, SecurityGroup, ServiceConfiguration, Tag, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { CloudView, EndpointView, SecurityGroupView, StackView } from "../lesson/cloud-view.js";
import { namesFor, PARTICIPANT_TAG } from "../lesson/participant.js";
import { challengeMark, type ChallengeMark } from "../challenge/tags.js";
import { endpointView, instanceView, learnerEndpoint, liveService, securityGroupView, serviceView, stackMade } from "../lesson/cloud-shapes.js";

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

export interface RoomRaw {
  stacks: Stack[];
  services: ServiceConfiguration[];
  endpoints: VpcEndpoint[];
  /** Every group tagged for any participant, plus groups their endpoints use. */
  groups: SecurityGroup[];
  instances: Instance[];
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
}

export function tagOf(tags: Tag[] | undefined, key: string): string | undefined {
  return tags?.find((t) => t.Key === key)?.Value;
}

export const participantOf = (tags: Tag[] | undefined): string | undefined => tagOf(tags, PARTICIPANT_TAG);

function stackView(s: Stack, instances: Instance[]): StackView {
  const outputs: Record<string, string> = {};
  for (const o of s.Outputs ?? []) if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
  const resources: Record<string, string> = {};
  for (const [output, logical] of Object.entries(OUTPUT_TO_LOGICAL)) if (outputs[output]) resources[logical] = outputs[output]!;
  // Before the outputs exist, the instance is known from the tags CloudFormation puts on it.
  const own = instances.find((i) => tagOf(i.Tags, STACK_ID_TAG) === s.StackId && tagOf(i.Tags, LOGICAL_ID_TAG) === "EC2Instance");
  if (own?.InstanceId) resources.EC2Instance ??= own.InstanceId;
  const participant = participantOf(s.Tags);
  return {
    name: s.StackName ?? "",
    id: s.StackId ?? s.StackName ?? "",
    ...(participant ? { participant } : {}),
    status: String(s.StackStatus ?? ""),
    ...(s.StackStatusReason ? { reason: s.StackStatusReason } : {}),
    outputs,
    resources,
  };
}




/** The learner's own interface endpoints: tagged for them, not made by a stack, not deleted. */
export function learnerEndpoints(endpoints: VpcEndpoint[], prefix: string): VpcEndpoint[] {
  return endpoints.filter(
    (e) => participantOf(e.Tags) === prefix && learnerEndpoint(e),
  );
}

function groupsFor(raw: RoomRaw, prefix: string, endpoints: EndpointView[]): SecurityGroupView[] {
  const tagged = raw.groups.filter((g) => participantOf(g.Tags) === prefix && !stackMade(g.Tags));
  const usedIds = new Set(endpoints.flatMap((e) => e.sgIds));
  const used = raw.groups.filter((g) => g.GroupId && usedIds.has(g.GroupId) && !tagged.includes(g));
  return [...tagged, ...used]
    .filter((g) => g.GroupId)
    .map((g) => securityGroupView(g, participantOf(g.Tags) === prefix));
}

const time = (d: Date | undefined): number | undefined => (d ? d.getTime() : undefined);

/** One participant's view, built from the room-wide read. */
export function participantCloud(raw: RoomRaw, prefix: string): ParticipantCloud {
  const names = namesFor(prefix);
  const mine = raw.stacks.filter((s) => participantOf(s.Tags) === prefix && s.StackStatus !== "DELETE_COMPLETE");
  const consumerStack = mine.find((s) => s.StackName === names.consumerStack);
  const providerStack = mine.find((s) => s.StackName === names.providerStack);
  const consumer = consumerStack ? stackView(consumerStack, raw.instances) : undefined;
  const provider = providerStack ? stackView(providerStack, raw.instances) : undefined;
  const services = raw.services
    .filter((s) => participantOf(s.Tags) === prefix && liveService(s))
    .map(serviceView);
  const ownEndpoints = learnerEndpoints(raw.endpoints, prefix);
  const endpoints = ownEndpoints.map(endpointView);
  const instanceId = consumer?.resources.EC2Instance;
  const instance = instanceId ? raw.instances.find((i) => i.InstanceId === instanceId) : undefined;
  const stackTimes = [consumerStack, providerStack].map((s) => time(s?.CreationTime)).filter((t): t is number => t !== undefined);
  const endpointTimes = ownEndpoints.map((e) => time(e.CreationTimestamp)).filter((t): t is number => t !== undefined);
  const deletion = [consumerStack, providerStack].map((s) => time(s?.DeletionTime)).filter((t): t is number => t !== undefined);
  return {
    prefix,
    view: {
      ...(consumer ? { consumer } : {}),
      ...(provider ? { provider } : {}),
      ...(instance ? { consumerInstance: instanceView(instance) } : {}),
      services,
      endpoints,
      endpointSgs: groupsFor(raw, prefix, endpoints),
    },
    ...(stackTimes.length ? { firstStackAt: Math.min(...stackTimes), lastStackAt: Math.max(...stackTimes) } : {}),
    ...(endpointTimes.length ? { endpointAt: Math.max(...endpointTimes) } : {}),
    ...(deletion.length ? { deletingAt: Math.min(...deletion) } : {}),
    ...(challengeMark(instance?.Tags) ? { challenge: challengeMark(instance?.Tags)! } : {}),
  };
}

/**
 * Every participant with something that needs cleaning up, sorted. Instances are left out: they
 * belong to a stack, and AWS lists a terminated one for an hour after its stack is gone.
 */
export function prefixesIn(raw: RoomRaw): string[] {
  const live = raw.endpoints.filter((e) => String(e.State).toLowerCase() !== "deleted");
  const all = [...raw.stacks, ...raw.services, ...live, ...raw.groups].map((x) => participantOf(x.Tags));
  return [...new Set(all.filter((p): p is string => Boolean(p)))].sort();
}
