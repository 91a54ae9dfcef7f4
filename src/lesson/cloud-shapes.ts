/** Pure: the SDK's describe shapes to the small views the steps decide on (used by `cloud-view.ts` and `workshop/`). */
import type { Stack } from "@aws-sdk/client-cloudformation";
import type { Instance, IpPermission, SecurityGroup, ServiceConfiguration, Tag, VpcEndpoint } from "@aws-sdk/client-ec2";
import { challengeMark, type ChallengeMark } from "../challenge-mark.js";
import { participantOf, STACK_NAME_TAG } from "../participant.js";

export interface StackView {
  name: string;
  id: string;
  status: string;
  reason?: string;
  /** DELETE_FAILED: the resource that could not be deleted, with AWS's reason (from the stack's events). */
  failure?: { resource: string; reason: string };
  outputs: Record<string, string>;
  /** logical id → physical id, for resources that exist. */
  resources: Record<string, string>;
  /** The value of the participant tag on the stack (absent: made outside the tool, or someone else's). */
  participant?: string;
  /** The template's `Prefix` parameter: a stack the learner made by hand carries theirs. */
  prefixParameter?: string;
  createdAt?: number;
}

export interface InstanceView {
  id: string;
  ip: string;
  sgIds: string[];
  az: string;
  state: string;
  /** The break-and-fix challenge its tags record (src/challenge-mark.ts), if any. */
  challenge?: ChallengeMark;
}

export interface ServiceView {
  id: string;
  name: string;
  state: string;
  acceptanceRequired: boolean;
  nlbArns: string[];
  azs: string[];
  /** Tagged for this participant (the tool made it). */
  tagged: boolean;
}

export interface EndpointView {
  id: string;
  state: string;
  serviceName: string;
  vpcId: string;
  subnetIds: string[];
  sgIds: string[];
  dnsRegional?: string;
  dnsZonal?: string;
  /** ms epoch of creation. */
  createdAt?: number;
}

export interface SecurityGroupView {
  id: string;
  name: string;
  ingress: IpPermission[];
  /** The learner's (made outside the stacks in their Consumer VPC, or tagged for them): deleted at cleanup. */
  owned: boolean;
}

/** Made by a stack (CloudFormation tags it): it goes with its stack, the learner did not make it. */
export function stackMade(tags: Tag[] | undefined): boolean {
  return (tags ?? []).some((t) => t.Key === STACK_NAME_TAG);
}

/** An endpoint service that still exists. */
export function liveService(s: ServiceConfiguration): boolean {
  return Boolean(s.ServiceId) && String(s.ServiceState).toLowerCase() !== "deleted";
}

/** An endpoint the learner made: still there, not the stacks' own (ssm, ssmmessages, S3 carry the participant tag too). */
export function learnerEndpoint(e: VpcEndpoint): boolean {
  return Boolean(e.VpcEndpointId) && String(e.State).toLowerCase() !== "deleted" && !stackMade(e.Tags);
}

export function serviceView(s: ServiceConfiguration, tagged = false): ServiceView {
  return {
    tagged,
    id: s.ServiceId ?? "",
    name: s.ServiceName ?? "",
    state: String(s.ServiceState ?? ""),
    acceptanceRequired: s.AcceptanceRequired ?? false,
    nlbArns: s.NetworkLoadBalancerArns ?? [],
    azs: s.AvailabilityZones ?? [],
  };
}

/** An endpoint's regional name is `vpce-<id>-<suffix>.vpce-svc-…`; zonal ones add `-<az>`. */
export function endpointView(e: VpcEndpoint): EndpointView {
  const names = (e.DnsEntries ?? []).map((d) => d.DnsName ?? "").filter(Boolean);
  const regional = names.find((n) => /^vpce-[0-9a-z]+-[0-9a-z]+\.vpce-svc/.test(n));
  const zonal = names.find((n) => n !== regional && /^vpce-[0-9a-z]+-[0-9a-z]+-[a-z0-9-]+\.vpce-svc/.test(n));
  return {
    id: e.VpcEndpointId ?? "",
    state: String(e.State ?? ""),
    serviceName: e.ServiceName ?? "",
    vpcId: e.VpcId ?? "",
    subnetIds: e.SubnetIds ?? [],
    sgIds: (e.Groups ?? []).map((g) => g.GroupId ?? "").filter(Boolean),
    ...(regional ? { dnsRegional: regional } : {}),
    ...(zonal ? { dnsZonal: zonal } : {}),
    ...(e.CreationTimestamp ? { createdAt: e.CreationTimestamp.getTime() } : {}),
  };
}

export function instanceView(i: Instance): InstanceView {
  const challenge = challengeMark(i.Tags);
  return {
    id: i.InstanceId ?? "",
    ip: i.PrivateIpAddress ?? "",
    sgIds: (i.SecurityGroups ?? []).map((g) => g.GroupId ?? "").filter(Boolean),
    az: i.Placement?.AvailabilityZone ?? "",
    state: String(i.State?.Name ?? ""),
    ...(challenge ? { challenge } : {}),
  };
}

export function securityGroupView(g: SecurityGroup, owned: boolean): SecurityGroupView {
  return { id: g.GroupId ?? "", name: g.GroupName ?? "", ingress: g.IpPermissions ?? [], owned };
}

/** A stack as the steps see it; `resources` (logical id → physical id) come from where the reader found them. */
export function stackView(s: Stack, resources: Record<string, string>): StackView {
  const outputs: Record<string, string> = {};
  for (const o of s.Outputs ?? []) if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
  const participant = participantOf(s.Tags);
  const prefixParameter = s.Parameters?.find((p) => p.ParameterKey === "Prefix")?.ParameterValue;
  return {
    name: s.StackName ?? "",
    id: s.StackId ?? s.StackName ?? "",
    ...(participant ? { participant } : {}),
    ...(prefixParameter ? { prefixParameter } : {}),
    ...(s.CreationTime ? { createdAt: s.CreationTime.getTime() } : {}),
    status: String(s.StackStatus ?? ""),
    ...(s.StackStatusReason ? { reason: s.StackStatusReason } : {}),
    outputs,
    resources,
  };
}
