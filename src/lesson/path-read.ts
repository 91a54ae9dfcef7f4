/**
 * The rest of the learner's path in the SDK's describe shapes (`readCloud` with `path: true`): VPCs, SSM registration,
 * NLB, listeners, target groups, ENIs, groups, allowed principals. What the lesson's read holds is handed in, not re-read.
 */
import type { AllowedPrincipal, Instance, ServiceConfiguration, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { TargetHealthDescription } from "@aws-sdk/client-elastic-load-balancing-v2";
import { awsCode } from "../errors.js";
import type { AwsPort } from "../aws/port.js";
import { nodeDescription, type DescribeShapes } from "../reachability/from-describe.js";

type LoadBalancing = Pick<DescribeShapes, "loadBalancers" | "listeners" | "targetGroups" | "targetHealth">;

export interface PathView {
  /** VPC id → CIDR, for the Consumer and Provider VPCs. */
  vpcCidrs: Record<string, string>;
  /** The NLB of the learner's service (else of their Provider stack), its listeners and targets. */
  lb: LoadBalancing;
  /** The whole path as the reachability model reads it; absent before there is a Consumer instance. */
  shapes?: DescribeShapes;
}

interface PathAnchors {
  /** The Consumer instance (curl runs on it), as the lesson's read found it. */
  instance?: Instance | undefined;
  vpcIds: (string | undefined)[];
  /** Every endpoint in the Consumer VPC (the stacks' own too), as the lesson's read found them. */
  vpcEndpoints: VpcEndpoint[];
  service?: ServiceConfiguration | undefined;
  /** The Provider stack's NLB, for a build with no service yet. */
  nlbArn?: string | undefined;
  accountId?: string | undefined;
}

/** A describe that names something gone answers NotFound: that is "absent", not a failure. */
export async function orAbsent<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (e) {
    if (/NotFound|DoesNotExist|Malformed/i.test(awsCode(e) ?? "")) return undefined;
    throw e;
  }
}

async function instances(aws: AwsPort, ids: string[]): Promise<Instance[]> {
  if (ids.length === 0) return [];
  const out = await orAbsent(aws.ec2.describeInstances({ InstanceIds: ids }));
  return (out?.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

async function loadBalancing(aws: AwsPort, nlbArns: string[]): Promise<LoadBalancing> {
  if (nlbArns.length === 0) return { loadBalancers: [], listeners: [], targetGroups: [], targetHealth: {} };
  const lbs = (await orAbsent(aws.elbv2.describeLoadBalancers({ LoadBalancerArns: nlbArns })))?.LoadBalancers ?? [];
  const listeners = (await Promise.all(lbs.map((lb) => orAbsent(aws.elbv2.describeListeners({ LoadBalancerArn: lb.LoadBalancerArn }))))).flatMap((o) => o?.Listeners ?? []);
  const tgArns = [...new Set(listeners.flatMap((l) => (l.DefaultActions ?? []).flatMap((a) => (a.TargetGroupArn ? [a.TargetGroupArn] : []))))];
  const targetGroups = tgArns.length ? ((await orAbsent(aws.elbv2.describeTargetGroups({ TargetGroupArns: tgArns })))?.TargetGroups ?? []) : [];
  const targetHealth: Record<string, TargetHealthDescription[]> = {};
  const health = await Promise.all(targetGroups.map((tg) => orAbsent(aws.elbv2.describeTargetHealth({ TargetGroupArn: tg.TargetGroupArn }))));
  targetGroups.forEach((tg, i) => (targetHealth[tg.TargetGroupArn ?? ""] = health[i]?.TargetHealthDescriptions ?? []));
  return { loadBalancers: lbs, listeners, targetGroups, targetHealth };
}

async function principals(aws: AwsPort, serviceId: string | undefined): Promise<Record<string, AllowedPrincipal[]>> {
  if (!serviceId) return {};
  const out = await orAbsent(aws.ec2.describeVpcEndpointServicePermissions({ ServiceId: serviceId }));
  return out ? { [serviceId]: out.AllowedPrincipals ?? [] } : {};
}

/** The rest of the learner's path; `shapes` only once there is a Consumer instance in a VPC. */
export async function readPath(aws: AwsPort, a: PathAnchors): Promise<PathView> {
  const vpcIds = a.vpcIds.filter((v): v is string => Boolean(v));
  const consumer = a.instance;
  const consumerId = consumer?.InstanceId;
  const serviceConfigurations = a.service ? [a.service] : [];
  const nlbArns = a.service ? (a.service.NetworkLoadBalancerArns ?? []) : a.nlbArn ? [a.nlbArn] : [];
  // A filter, not VpcIds: a VPC that is gone must not fail the whole read.
  const [vpcs, lb, ping] = await Promise.all([
    vpcIds.length ? aws.ec2.describeVpcs({ Filters: [{ Name: "vpc-id", Values: vpcIds }] }) : Promise.resolve(undefined),
    loadBalancing(aws, nlbArns),
    consumerId && consumer.VpcId ? aws.ssm.describeInstanceInformation({ Filters: [{ Key: "InstanceIds", Values: [consumerId] }] }) : Promise.resolve(undefined),
  ]);
  const vpcCidrs = Object.fromEntries((vpcs?.Vpcs ?? []).flatMap((v) => (v.VpcId && v.CidrBlock ? [[v.VpcId, v.CidrBlock]] : [])));
  if (!consumerId || !consumer.VpcId) return { vpcCidrs, lb };
  // Before its service exists, the path has no load balancer yet (the NLB is not on it).
  const onPath = a.service ? lb : { loadBalancers: [], listeners: [], targetGroups: [], targetHealth: {} };
  const targetIds = Object.values(onPath.targetHealth).flatMap((hs) => hs.map((h) => h.Target?.Id ?? "")).filter((id) => id.startsWith("i-"));
  const vpcEndpoints = a.vpcEndpoints.filter((e) => String(e.State).toLowerCase() !== "deleted");
  const eniIds = vpcEndpoints.flatMap((e) => e.NetworkInterfaceIds ?? []);
  const [targetInstances, endpointEnis, nodeEnis, allowedPrincipals] = await Promise.all([
    instances(aws, [...new Set(targetIds)]),
    eniIds.length ? orAbsent(aws.ec2.describeNetworkInterfaces({ NetworkInterfaceIds: eniIds })) : Promise.resolve(undefined),
    onPath.loadBalancers.length
      ? aws.ec2.describeNetworkInterfaces({ Filters: [{ Name: "description", Values: onPath.loadBalancers.map((l) => nodeDescription(l.LoadBalancerArn ?? "")) }] })
      : Promise.resolve(undefined),
    principals(aws, a.service?.ServiceId),
  ]);
  const groupIds = [...new Set([consumer, ...targetInstances].flatMap((i) => (i.SecurityGroups ?? []).map((g) => g.GroupId ?? "")).concat(vpcEndpoints.flatMap((e) => (e.Groups ?? []).map((g) => g.GroupId ?? ""))).filter(Boolean))];
  const groups = groupIds.length ? await orAbsent(aws.ec2.describeSecurityGroups({ GroupIds: groupIds })) : undefined;
  const consumerVpc = vpcs?.Vpcs?.find((v) => v.VpcId === consumer.VpcId);
  return {
    vpcCidrs,
    lb,
    shapes: {
      ...(a.accountId ? { accountId: a.accountId } : {}),
      consumer,
      ...(consumerVpc ? { consumerVpc } : {}),
      consumerPing: ping?.InstanceInformationList?.[0] ?? null,
      vpcEndpoints,
      networkInterfaces: [...(endpointEnis?.NetworkInterfaces ?? []), ...(nodeEnis?.NetworkInterfaces ?? [])],
      securityGroups: groups?.SecurityGroups ?? [],
      serviceConfigurations,
      allowedPrincipals,
      ...onPath,
      targetInstances,
    },
  };
}
