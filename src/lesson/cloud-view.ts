/**
 * One read of everything the lesson cares about (AWS or sandbox): stacks, the learner's service, endpoints and groups
 * (found by relation: `relations.ts`), curl runs from Run Command history, deleted stacks. The state file is only a cache.
 */
import type { Stack } from "@aws-sdk/client-cloudformation";
import type { Filter, Instance, SecurityGroup, VpcEndpoint } from "@aws-sdk/client-ec2";
import { awsCode } from "../errors.js";
import { endpointView, instanceView, liveService, serviceView, stackView, type EndpointView, type InstanceView, type SecurityGroupView, type ServiceView, type StackView } from "./cloud-shapes.js";
import type { AwsClients } from "../aws/clients.js";
import { awsPort } from "../aws/port.js";
import { listDeletedStacks, listEndpoints, listGroups, listServices } from "../aws/pages.js";
import { readCurlTraces, type CurlTrace } from "./curl-proof.js";
import { PARTICIPANT_TAG, type ParticipantNames } from "../participant.js";
import { relate, type Anchors, type HandMadeGroup } from "./relations.js";
import { orAbsent, readPath, type PathView } from "./path-read.js";

export type { EndpointView, InstanceView, SecurityGroupView, ServiceView, StackView };

export interface CloudView {
  consumer?: StackView;
  provider?: StackView;
  consumerInstance?: InstanceView;
  services: ServiceView[];
  endpoints: EndpointView[];
  endpointSgs: SecurityGroupView[];
  /** Other groups the learner made by hand in their two VPCs (`relations.ts`); absent where no read looked for them. */
  handMadeGroups?: HandMadeGroup[];
  /** curl runs on the Consumer instance, newest first (Run Command history). */
  curls: CurlTrace[];
  /** This participant's stacks CloudFormation has deleted (ListStacks keeps them for 90 days). */
  deletedStacks: { name: string; deletedAt: number }[];
  /** The rest of the learner's path, when the read was asked for it (`path-read.ts`). */
  path?: PathView;
}

const tagFilter = (prefix: string) => [{ Name: `tag:${PARTICIPANT_TAG}`, Values: [prefix] }];

/** Statuses in which only a new stack operation (which changes the status) can change the resources. */
const SETTLED = /^(CREATE|UPDATE|UPDATE_ROLLBACK|ROLLBACK|IMPORT)_COMPLETE$/;
const settledResources = new WeakMap<AwsClients["cfn"], Map<string, Record<string, string>>>();

/** The stack's resources (logical id → physical id); a settled stack's cannot change without its status, so are read once. */
async function stackResources(clients: AwsClients, stack: Stack, name: string): Promise<Record<string, string>> {
  const key = `${stack.StackId}|${stack.StackStatus}|${stack.LastUpdatedTime?.getTime() ?? ""}`;
  let cache = settledResources.get(clients.cfn);
  if (!cache) settledResources.set(clients.cfn, (cache = new Map()));
  const settled = SETTLED.test(String(stack.StackStatus));
  const known = settled ? cache.get(key) : undefined;
  if (known) return { ...known };
  const resources: Record<string, string> = {};
  const res = await awsPort(clients).cfn.describeStackResources({ StackName: stack.StackId ?? name });
  for (const r of res.StackResources ?? []) {
    if (r.LogicalResourceId && r.PhysicalResourceId && !String(r.ResourceStatus).startsWith("DELETE_COMPLETE")) {
      resources[r.LogicalResourceId] = r.PhysicalResourceId;
    }
  }
  if (settled) cache.set(key, { ...resources });
  return resources;
}

export async function readStack(clients: AwsClients, name: string): Promise<StackView | undefined> {
  let stack: Stack | undefined;
  try {
    stack = (await awsPort(clients).cfn.describeStacks({ StackName: name })).Stacks?.[0];
  } catch (e) {
    if (awsCode(e) === "ValidationError") return undefined; // "Stack with id X does not exist"
    throw e;
  }
  if (!stack || stack.StackStatus === "DELETE_COMPLETE") return undefined;
  const [resources, failure] = await Promise.all([
    stackResources(clients, stack, name),
    stack.StackStatus === "DELETE_FAILED" ? readDeleteFailure(clients, stack.StackId ?? name) : undefined,
  ]);
  return { ...stackView(stack, resources), ...(failure ? { failure } : {}) };
}

/** The resource whose deletion failed most recently, with AWS's reason (a DELETE_FAILED stack's events). */
export async function readDeleteFailure(clients: AwsClients, stackId: string): Promise<{ resource: string; reason: string } | undefined> {
  const events = (await awsPort(clients).cfn.describeStackEvents({ StackName: stackId })).StackEvents ?? [];
  const failed = events.find((e) => e.ResourceStatus === "DELETE_FAILED" && e.ResourceType !== "AWS::CloudFormation::Stack");
  return failed ? { resource: failed.LogicalResourceId ?? "?", reason: failed.ResourceStatusReason ?? "" } : undefined;
}

async function readInstance(clients: AwsClients, id: string): Promise<Instance | undefined> {
  const out = await orAbsent(awsPort(clients).ec2.describeInstances({ InstanceIds: [id] }));
  const i = out?.Reservations?.[0]?.Instances?.[0];
  return i?.InstanceId ? i : undefined;
}

/** A learner's reads follow at most this many pages of one list. */
const MAX_PAGES = 20;

/**
 * Where the learner's endpoints and groups are: their Consumer VPC, or by mistake their Provider VPC (one ORed filter);
 * with neither VPC known (both stacks gone), wherever the participant tag is (a VPC goes only once it is empty).
 */
function whereTheirsAre(a: Anchors): Filter[] {
  const vpcs = [a.consumerVpc, a.providerVpc].filter((v): v is string => Boolean(v));
  return vpcs.length > 0 ? [{ Name: "vpc-id", Values: vpcs }] : tagFilter(a.prefix);
}

/** The groups the given endpoints use that `groups` does not hold yet (only a tagged endpoint elsewhere has one). */
async function groupsUsed(clients: AwsClients, endpoints: VpcEndpoint[], groups: SecurityGroup[]): Promise<SecurityGroup[]> {
  const known = new Set(groups.map((g) => g.GroupId));
  const missing = [...new Set(endpoints.flatMap((e) => (e.Groups ?? []).map((g) => g.GroupId ?? "")))].filter((id) => id && !known.has(id));
  // A filter, not GroupIds: a group that vanished meanwhile must not fail the whole read.
  return missing.length > 0 ? listGroups(awsPort(clients), [{ Name: "group-id", Values: missing }], MAX_PAGES) : [];
}

/** Endpoints by id (a filter, so one already gone is simply absent); deleted ones left out. */
export async function readEndpointsById(clients: AwsClients, ids: string[]): Promise<EndpointView[]> {
  if (ids.length === 0) return [];
  const found = await listEndpoints(awsPort(clients), [{ Name: "vpc-endpoint-id", Values: ids }], MAX_PAGES);
  return found.filter((e) => String(e.State).toLowerCase() !== "deleted").map((e) => endpointView(e));
}

/** Endpoint services by id; deleted ones left out. */
export async function readServicesById(clients: AwsClients, ids: string[]): Promise<ServiceView[]> {
  if (ids.length === 0) return [];
  const out = await awsPort(clients).ec2.describeVpcEndpointServiceConfigurations({ Filters: [{ Name: "service-id", Values: ids }] });
  return (out.ServiceConfigurations ?? []).filter(liveService).map((s) => serviceView(s));
}

/** Stacks of this participant that CloudFormation deleted (by name; newest deletion first). */
async function readDeletedStacks(clients: AwsClients, names: ParticipantNames): Promise<{ name: string; deletedAt: number }[]> {
  const deleted = await listDeletedStacks(awsPort(clients), MAX_PAGES);
  return deleted.filter((s) => s.name === names.consumerStack || s.name === names.providerStack);
}

/** Where the participant's resources hang: their two VPCs and the Provider NLB. */
export function anchorsOf(names: ParticipantNames, consumer: StackView | undefined, provider: StackView | undefined): Anchors {
  const stackIds = new Set([...Object.values(consumer?.resources ?? {}), ...Object.values(provider?.resources ?? {})]);
  return { prefix: names.prefix, consumerVpc: consumer?.resources.Vpc, providerVpc: provider?.resources.Vpc, nlbArn: provider?.resources.NLB, stackIds };
}

interface ReadOptions {
  /** Also read the learner's whole PrivateLink path (`diagnose`, the challenges): see `path-read.ts`. */
  path?: boolean;
  /** The account id the path's shapes carry (the service's allowed principals are checked against it). */
  accountId?: string | undefined;
}

export async function readCloud(clients: AwsClients, names: ParticipantNames, opts: ReadOptions = {}): Promise<CloudView> {
  const [consumer, provider] = await Promise.all([readStack(clients, names.consumerStack), readStack(clients, names.providerStack)]);
  const a = anchorsOf(names, consumer, provider);
  const instanceId = consumer?.resources.EC2Instance;
  const [serviceList, endpoints, groups, deletedStacks, instance] = await Promise.all([
    listServices(awsPort(clients), MAX_PAGES),
    listEndpoints(awsPort(clients), whereTheirsAre(a), MAX_PAGES),
    listGroups(awsPort(clients), whereTheirsAre(a), MAX_PAGES),
    consumer && provider ? Promise.resolve([]) : readDeletedStacks(clients, names),
    instanceId ? readInstance(clients, instanceId) : Promise.resolve(undefined),
  ]);
  const [used, curls] = await Promise.all([
    groupsUsed(clients, endpoints, groups),
    instance ? readCurlTraces(clients, instanceId!, provider?.resources.EC2Instance) : Promise.resolve([]),
  ]);
  const view: CloudView = {
    ...(consumer ? { consumer } : {}),
    ...(provider ? { provider } : {}),
    ...(instance ? { consumerInstance: instanceView(instance) } : {}),
    ...relate(a, serviceList, endpoints, [...groups, ...used]),
    curls,
    deletedStacks,
  };
  if (!opts.path) return view;
  const service = serviceList.find((s) => s.ServiceId === ourService(view)?.id);
  const anchors = { instance, vpcIds: [a.consumerVpc, provider?.resources.Vpc], vpcEndpoints: endpoints.filter((e) => a.consumerVpc && e.VpcId === a.consumerVpc), service, nlbArn: a.nlbArn, accountId: opts.accountId };
  return { ...view, path: await readPath(awsPort(clients), anchors) };
}

/** The learner's endpoint service: the one on their NLB (else one the tool made for them). */
export function ourService(view: CloudView): ServiceView | undefined {
  const nlb = view.provider?.resources.NLB;
  return view.services.find((s) => !nlb || s.nlbArns.includes(nlb)) ?? view.services[0];
}

export const DEAD_ENDPOINT = /^(deleting|deleted|rejected|failed|expired)$/i;

/** States from furthest along: of two endpoints (a create command pasted twice), the one accepted is the learner's. */
const ENDPOINT_PROGRESS = ["available", "pending", "pendingacceptance"];

/** How far the learner went with an endpoint: a curl through it that brought the page back first, then its state. */
function endpointProgress(view: CloudView, e: EndpointView): number {
  const names = [e.dnsRegional, e.dnsZonal].filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase());
  if (view.curls.some((c) => c.verdict.ok && names.includes(c.target))) return -1;
  const at = ENDPOINT_PROGRESS.indexOf(e.state.toLowerCase());
  return at < 0 ? ENDPOINT_PROGRESS.length : at;
}

/** The learner's interface endpoint to that service, in the Consumer VPC: of several, the one furthest along (else the first). */
export function ourEndpoint(view: CloudView): EndpointView | undefined {
  const svc = ourService(view);
  const vpc = view.consumer?.resources.Vpc;
  const live = view.endpoints.filter((e) => !DEAD_ENDPOINT.test(e.state) && (!vpc || e.vpcId === vpc));
  const toService = live.filter((e) => (svc ? e.serviceName === svc.name : e.serviceName.includes(".vpce-svc-")));
  return toService.reduce<EndpointView | undefined>((best, e) => (best === undefined || endpointProgress(view, e) < endpointProgress(view, best) ? e : best), undefined);
}

/** Other live endpoints to the learner's service in the Consumer VPC (a create command run twice): billed, and deleted at cleanup. */
export function twinEndpoints(view: CloudView): EndpointView[] {
  const ours = ourEndpoint(view);
  return ours ? view.endpoints.filter((e) => e !== ours && e.vpcId === ours.vpcId && e.serviceName === ours.serviceName && !DEAD_ENDPOINT.test(e.state)) : [];
}

/** The learner's endpoint, rejected or pending ones included (they are what `diagnose` explains). */
export function learnersEndpoint(view: CloudView): EndpointView | undefined {
  const svc = ourService(view);
  const consumerVpc = view.consumer?.resources.Vpc;
  const candidates = view.endpoints.filter((e) => (!consumerVpc || e.vpcId === consumerVpc) && !["deleted", "deleting"].includes(e.state.toLowerCase()));
  const toService = candidates.filter((e) => (svc ? e.serviceName === svc.name : e.serviceName.includes(".vpce-svc-")));
  return toService.find((e) => e.state.toLowerCase() !== "rejected") ?? toService[0];
}

/** Endpoints to the learner's service made by hand in the Provider VPC (a mistake): named by the lesson, deleted at cleanup. */
export function wrongVpcEndpoints(view: CloudView): EndpointView[] {
  const svc = ourService(view);
  const vpc = view.provider?.resources.Vpc;
  return view.endpoints.filter((e) => vpc && e.vpcId === vpc && svc && e.serviceName === svc.name && !DEAD_ENDPOINT.test(e.state));
}

/**
 * The learner's endpoints to another service (e.g. S3 picked by mistake in a form): they cost money, so are named. A
 * second one to their own service is not one of these (`twinEndpoints`: it goes where theirs goes).
 */
export function strayEndpoints(view: CloudView): EndpointView[] {
  const ours = ourEndpoint(view);
  const known = [...wrongVpcEndpoints(view), ...twinEndpoints(view)];
  return view.endpoints.filter((e) => e !== ours && !known.includes(e) && !DEAD_ENDPOINT.test(e.state));
}

/** A curl through the endpoint that brought back the Provider's page, after the endpoint was made. */
export function provenCurl(view: CloudView): CurlTrace | undefined {
  const ep = ourEndpoint(view);
  if (!ep) return undefined;
  const names = [ep.dnsRegional, ep.dnsZonal].filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase());
  return view.curls.find((c) => c.verdict.ok && names.includes(c.target) && (ep.createdAt === undefined || c.at >= ep.createdAt));
}

export function isComplete(stack: StackView | undefined): boolean {
  return stack?.status === "CREATE_COMPLETE" || stack?.status === "UPDATE_COMPLETE";
}
