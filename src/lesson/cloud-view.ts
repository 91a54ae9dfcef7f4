/**
 * One read of everything the lesson cares about, from the cloud (AWS or sandbox): the two stacks
 * and their resources, the endpoint service and endpoint found by the participant tag, the
 * endpoint's security group. Steps decide from this view; the state file is only a cache.
 */
import { DescribeStackResourcesCommand, DescribeStacksCommand, type Stack } from "@aws-sdk/client-cloudformation";
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointsCommand,
  type IpPermission,
} from "@aws-sdk/client-ec2";
import { awsCode } from "../errors.js";
import { endpointView, instanceView, learnerEndpoint, liveService, securityGroupView, serviceView, stackMade } from "./cloud-shapes.js";
import type { AwsClients } from "../aws/clients.js";
import { PARTICIPANT_TAG, type ParticipantNames } from "./participant.js";

export interface StackView {
  name: string;
  id: string;
  status: string;
  reason?: string;
  outputs: Record<string, string>;
  /** logical id → physical id, for resources that exist. */
  resources: Record<string, string>;
  /** The value of the participant tag on the stack (absent: someone else's stack with our name). */
  participant?: string;
}

export interface InstanceView {
  id: string;
  ip: string;
  sgIds: string[];
  az: string;
  state: string;
}

export interface ServiceView {
  id: string;
  name: string;
  state: string;
  acceptanceRequired: boolean;
  nlbArns: string[];
  azs: string[];
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
}

export interface SecurityGroupView {
  id: string;
  name: string;
  ingress: IpPermission[];
  /** Tagged for this participant: the tool made it and may delete it. */
  owned: boolean;
}

export interface CloudView {
  consumer?: StackView;
  provider?: StackView;
  consumerInstance?: InstanceView;
  services: ServiceView[];
  endpoints: EndpointView[];
  endpointSgs: SecurityGroupView[];
}

const tagFilter = (prefix: string) => [{ Name: `tag:${PARTICIPANT_TAG}`, Values: [prefix] }];

export async function readStack(clients: AwsClients, name: string): Promise<StackView | undefined> {
  let stack: Stack | undefined;
  try {
    stack = (await clients.cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
  } catch (e) {
    if (awsCode(e) === "ValidationError") return undefined; // "Stack with id X does not exist"
    throw e;
  }
  if (!stack || stack.StackStatus === "DELETE_COMPLETE") return undefined;
  const resources: Record<string, string> = {};
  const res = await clients.cfn.send(new DescribeStackResourcesCommand({ StackName: stack.StackId ?? name }));
  for (const r of res.StackResources ?? []) {
    if (r.LogicalResourceId && r.PhysicalResourceId && !String(r.ResourceStatus).startsWith("DELETE_COMPLETE")) {
      resources[r.LogicalResourceId] = r.PhysicalResourceId;
    }
  }
  const outputs: Record<string, string> = {};
  for (const o of stack.Outputs ?? []) if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
  const participant = stack.Tags?.find((t) => t.Key === PARTICIPANT_TAG)?.Value;
  return {
    name,
    id: stack.StackId ?? name,
    ...(participant ? { participant } : {}),
    status: String(stack.StackStatus),
    ...(stack.StackStatusReason ? { reason: stack.StackStatusReason } : {}),
    outputs,
    resources,
  };
}

async function readInstance(clients: AwsClients, id: string): Promise<InstanceView | undefined> {
  const out = await clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })).catch((e: unknown) => {
    if (String(awsCode(e)).startsWith("InvalidInstanceID")) return undefined;
    throw e;
  });
  const i = out?.Reservations?.[0]?.Instances?.[0];
  return i?.InstanceId ? instanceView(i) : undefined;
}

export async function readServices(clients: AwsClients, prefix: string): Promise<ServiceView[]> {
  const out = await clients.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: tagFilter(prefix) }));
  return (out.ServiceConfigurations ?? [])
    .filter(liveService)
    .map(serviceView);
}

export async function readEndpoints(clients: AwsClients, prefix: string): Promise<EndpointView[]> {
  const out = await clients.ec2.send(new DescribeVpcEndpointsCommand({ Filters: tagFilter(prefix) }));
  return (out.VpcEndpoints ?? [])
    .filter(learnerEndpoint)
    .map(endpointView);
}

/**
 * The groups the learner made for the endpoint (tagged, outside the stacks) and whichever groups
 * the endpoints use (the VPC's default group, if the learner picked it).
 */
export async function readEndpointSgs(clients: AwsClients, prefix: string, endpoints: EndpointView[]): Promise<SecurityGroupView[]> {
  const tagged = await clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: tagFilter(prefix) }));
  const groups = (tagged.SecurityGroups ?? []).filter((g) => !stackMade(g.Tags));
  const missing = [...new Set(endpoints.flatMap((e) => e.sgIds))].filter((id) => !groups.some((g) => g.GroupId === id));
  if (missing.length > 0) {
    const used = await clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: missing })).catch(() => undefined);
    groups.push(...(used?.SecurityGroups ?? []));
  }
  return groups
    .filter((g) => g.GroupId)
    .map((g) => securityGroupView(g, (g.Tags ?? []).some((t) => t.Key === PARTICIPANT_TAG && t.Value === prefix)));
}

export async function readCloud(clients: AwsClients, names: ParticipantNames): Promise<CloudView> {
  const [consumer, provider, services, endpoints] = await Promise.all([
    readStack(clients, names.consumerStack),
    readStack(clients, names.providerStack),
    readServices(clients, names.prefix),
    readEndpoints(clients, names.prefix),
  ]);
  const endpointSgs = await readEndpointSgs(clients, names.prefix, endpoints);
  const instanceId = consumer?.resources.EC2Instance;
  const consumerInstance = instanceId ? await readInstance(clients, instanceId) : undefined;
  return {
    ...(consumer ? { consumer } : {}),
    ...(provider ? { provider } : {}),
    ...(consumerInstance ? { consumerInstance } : {}),
    services,
    endpoints,
    endpointSgs,
  };
}

/** The learner's endpoint service: the tagged one on this participant's NLB. */
export function ourService(view: CloudView): ServiceView | undefined {
  const nlb = view.provider?.resources.NLB;
  return view.services.find((s) => !nlb || s.nlbArns.includes(nlb)) ?? view.services[0];
}

/** The learner's interface endpoint to that service, in the Consumer VPC. */
export function ourEndpoint(view: CloudView): EndpointView | undefined {
  const svc = ourService(view);
  const live = view.endpoints.filter((e) => !["deleting", "deleted", "rejected", "failed", "expired"].includes(e.state.toLowerCase()));
  return live.find((e) => (svc ? e.serviceName === svc.name : e.serviceName.includes(".vpce-svc-")));
}

export function isComplete(stack: StackView | undefined): boolean {
  return stack?.status === "CREATE_COMPLETE" || stack?.status === "UPDATE_COMPLETE";
}
