/**
 * Reads, with plain `Describe*` calls, everything on the learner's PrivateLink path: the same
 * calls on AWS and in the sandbox. Which resources are the learner's comes from the lesson's
 * view (found by relation: the endpoint in their Consumer VPC to their service on their NLB).
 */
import type { AllowedPrincipal, Instance } from "@aws-sdk/client-ec2";
import type { TargetHealthDescription } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { AwsClients } from "../aws/clients.js";
import { awsCode } from "../errors.js";
import { ourService, type CloudView, type EndpointView } from "../lesson/cloud-view.js";
import type { DescribeShapes } from "../reachability/from-describe.js";
import { endpointView } from "../lesson/cloud-shapes.js";
import { awsPort } from "../aws/port.js";

/** A describe that names something gone answers NotFound: that is "absent", not a failure. */
async function orAbsent<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (e) {
    if (/NotFound|DoesNotExist|Malformed/i.test(awsCode(e) ?? "")) return undefined;
    throw e;
  }
}

async function instances(clients: AwsClients, ids: string[]): Promise<Instance[]> {
  if (ids.length === 0) return [];
  const out = await orAbsent(awsPort(clients).ec2.describeInstances({ InstanceIds: ids }));
  return (out?.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

/** The learner's endpoint among `endpoints`, rejected or pending ones included (they are what diagnose explains). */
export function learnersEndpoint(view: CloudView, endpoints: EndpointView[] = view.endpoints): EndpointView | undefined {
  const svc = ourService(view);
  const consumerVpc = view.consumer?.resources.Vpc;
  const candidates = endpoints.filter((e) => (!consumerVpc || e.vpcId === consumerVpc) && !["deleted", "deleting"].includes(e.state.toLowerCase()));
  const toService = candidates.filter((e) => (svc ? e.serviceName === svc.name : e.serviceName.includes(".vpce-svc-")));
  return toService.find((e) => e.state.toLowerCase() !== "rejected") ?? toService[0];
}

/**
 * The learner's endpoint found by relation alone (in their Consumer VPC, to their service), so one
 * made in the console or with the AWS CLI, with no tags, is found too.
 */
export async function findLearnersEndpoint(clients: AwsClients, view: CloudView): Promise<EndpointView | undefined> {
  const vpcId = view.consumer?.resources.Vpc;
  if (!vpcId) return learnersEndpoint(view);
  const out = await awsPort(clients).ec2.describeVpcEndpoints({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] });
  const found = (out.VpcEndpoints ?? []).filter((e) => e.VpcEndpointId && e.VpcEndpointType !== "Gateway").map(endpointView);
  return learnersEndpoint(view, found) ?? learnersEndpoint(view);
}

async function loadBalancing(clients: AwsClients, nlbArns: string[]) {
  if (nlbArns.length === 0) return { loadBalancers: [], listeners: [], targetGroups: [], targetHealth: {} };
  const lbs = (await orAbsent(awsPort(clients).elbv2.describeLoadBalancers({ LoadBalancerArns: nlbArns })))?.LoadBalancers ?? [];
  const listeners = (await Promise.all(lbs.map((lb) => orAbsent(awsPort(clients).elbv2.describeListeners({ LoadBalancerArn: lb.LoadBalancerArn }))))).flatMap((o) => o?.Listeners ?? []);
  const tgArns = [...new Set(listeners.flatMap((l) => (l.DefaultActions ?? []).flatMap((a) => (a.TargetGroupArn ? [a.TargetGroupArn] : []))))];
  const targetGroups = tgArns.length ? ((await orAbsent(awsPort(clients).elbv2.describeTargetGroups({ TargetGroupArns: tgArns })))?.TargetGroups ?? []) : [];
  const targetHealth: Record<string, TargetHealthDescription[]> = {};
  for (const tg of targetGroups) {
    const h = await orAbsent(awsPort(clients).elbv2.describeTargetHealth({ TargetGroupArn: tg.TargetGroupArn }));
    targetHealth[tg.TargetGroupArn ?? ""] = h?.TargetHealthDescriptions ?? [];
  }
  return { loadBalancers: lbs, listeners, targetGroups, targetHealth };
}

async function principals(clients: AwsClients, serviceId: string | undefined): Promise<Record<string, AllowedPrincipal[]>> {
  if (!serviceId) return {};
  const out = await orAbsent(awsPort(clients).ec2.describeVpcEndpointServicePermissions({ ServiceId: serviceId }));
  return out ? { [serviceId]: out.AllowedPrincipals ?? [] } : {};
}

/** The describe shapes of the learner's path; undefined when there is no Consumer instance yet. */
export async function readShapes(clients: AwsClients, view: CloudView, accountId?: string): Promise<DescribeShapes | undefined> {
  const consumerId = view.consumerInstance?.id ?? view.consumer?.resources.EC2Instance;
  const [consumer] = consumerId ? await instances(clients, [consumerId]) : [];
  if (!consumer?.VpcId) return undefined;
  const svcView = ourService(view);
  const [vpcs, ping, endpoints, services] = await Promise.all([
    orAbsent(awsPort(clients).ec2.describeVpcs({ VpcIds: [consumer.VpcId] })),
    awsPort(clients).ssm.describeInstanceInformation({ Filters: [{ Key: "InstanceIds", Values: [consumerId!] }] }),
    awsPort(clients).ec2.describeVpcEndpoints({ Filters: [{ Name: "vpc-id", Values: [consumer.VpcId] }] }),
    svcView ? orAbsent(awsPort(clients).ec2.describeVpcEndpointServiceConfigurations({ ServiceIds: [svcView.id] })) : Promise.resolve(undefined),
  ]);
  const serviceConfigurations = services?.ServiceConfigurations ?? [];
  const lb = await loadBalancing(clients, [...new Set(serviceConfigurations.flatMap((s) => s.NetworkLoadBalancerArns ?? []))]);
  const targetIds = Object.values(lb.targetHealth).flatMap((hs) => hs.map((h) => h.Target?.Id ?? "")).filter((id) => id.startsWith("i-"));
  const targetInstances = await instances(clients, [...new Set(targetIds)]);
  const vpcEndpoints = (endpoints.VpcEndpoints ?? []).filter((e) => String(e.State).toLowerCase() !== "deleted");
  const eniIds = vpcEndpoints.flatMap((e) => e.NetworkInterfaceIds ?? []);
  const [endpointEnis, nodeEnis] = await Promise.all([
    eniIds.length ? orAbsent(awsPort(clients).ec2.describeNetworkInterfaces({ NetworkInterfaceIds: eniIds })) : Promise.resolve(undefined),
    lb.loadBalancers.length
      ? awsPort(clients).ec2.describeNetworkInterfaces({ Filters: [{ Name: "description", Values: lb.loadBalancers.map((l) => `ELB ${(l.LoadBalancerArn ?? "").split(":loadbalancer/")[1] ?? ""}`) }] })
      : Promise.resolve(undefined),
  ]);
  const groupIds = [...new Set([consumer, ...targetInstances].flatMap((i) => (i.SecurityGroups ?? []).map((g) => g.GroupId ?? "")).concat(vpcEndpoints.flatMap((e) => (e.Groups ?? []).map((g) => g.GroupId ?? ""))).filter(Boolean))];
  const groups = groupIds.length ? await orAbsent(awsPort(clients).ec2.describeSecurityGroups({ GroupIds: groupIds })) : undefined;
  const consumerVpc = vpcs?.Vpcs?.[0];
  const consumerPing = ping.InstanceInformationList?.[0];
  return {
    ...(accountId ? { accountId } : {}),
    consumer,
    ...(consumerVpc ? { consumerVpc } : {}),
    consumerPing: consumerPing ?? null,
    vpcEndpoints,
    networkInterfaces: [...(endpointEnis?.NetworkInterfaces ?? []), ...(nodeEnis?.NetworkInterfaces ?? [])],
    securityGroups: groups?.SecurityGroups ?? [],
    serviceConfigurations,
    allowedPrincipals: await principals(clients, svcView?.id),
    ...lb,
    targetInstances,
  };
}
