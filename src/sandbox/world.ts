/**
 * The simulated AWS account: plain JSON data, persisted as one file.
 *
 * Every entity carries a `Life`: when it appears (`createdAt`), when it is ready (`readyAt`), and
 * when it disappears (`deletedAt`). Status is never stored as a moving value: handlers derive it
 * from these times and the clock when a command reads it ("lazy time"), so a process that dies
 * loses nothing and a second process sees the same world.
 */

export interface Tag {
  Key: string;
  Value: string;
}

export interface Life {
  /** ms epoch: the entity is invisible before this (it is still being created by its stack). */
  createdAt: number;
  /** ms epoch: pending → available / running / active at this time. */
  readyAt: number;
  /** ms epoch: deletion was requested at this time. */
  deleteRequestedAt?: number;
  /** ms epoch: the entity is gone from this time on. */
  deletedAt?: number;
  /** The CloudFormation stack that owns it, if any. */
  stackId?: string;
}

export interface Vpc {
  VpcId: string;
  CidrBlock: string;
  EnableDnsSupport: boolean;
  EnableDnsHostnames: boolean;
  IsDefault: boolean;
  Tags: Tag[];
  life: Life;
}

export interface Subnet {
  SubnetId: string;
  VpcId: string;
  CidrBlock: string;
  AvailabilityZone: string;
  AvailabilityZoneId: string;
  Tags: Tag[];
  life: Life;
}

export interface Route {
  DestinationCidrBlock?: string;
  DestinationPrefixListId?: string;
  GatewayId: string; // "local" or a gateway endpoint id (vpce-...)
}

export interface RouteTableAssociation {
  RouteTableAssociationId: string;
  SubnetId?: string;
  Main: boolean;
  life: Life;
}

export interface RouteTable {
  RouteTableId: string;
  VpcId: string;
  Main: boolean;
  Associations: RouteTableAssociation[];
  Routes: Route[];
  Tags: Tag[];
  life: Life;
}

export interface SgRule {
  SecurityGroupRuleId: string;
  IpProtocol: string; // "tcp" | "udp" | "icmp" | "-1"
  FromPort?: number;
  ToPort?: number;
  CidrIpv4?: string;
  ReferencedGroupId?: string;
  Description?: string;
}

export interface SecurityGroup {
  GroupId: string;
  GroupName: string;
  Description: string;
  VpcId: string;
  Ingress: SgRule[];
  Egress: SgRule[];
  Tags: Tag[];
  life: Life;
}

export type EniKind = "interface" | "vpc_endpoint" | "network_load_balancer";

export interface NetworkInterface {
  NetworkInterfaceId: string;
  SubnetId: string;
  VpcId: string;
  AvailabilityZone: string;
  PrivateIpAddress: string;
  GroupIds: string[];
  InterfaceType: EniKind;
  Description: string;
  RequesterManaged: boolean;
  /** Instance id, endpoint id or load balancer ARN this ENI belongs to. */
  OwnerRef: string;
  Tags: Tag[];
  life: Life;
}

export interface Instance {
  InstanceId: string;
  ImageId: string;
  InstanceType: string;
  SubnetId: string;
  VpcId: string;
  AvailabilityZone: string;
  PrivateIpAddress: string;
  PrivateDnsName: string;
  SecurityGroupIds: string[];
  /** Instance profile ARN, if any. */
  IamInstanceProfileArn?: string;
  /** Base64 user data, as given. */
  UserData?: string;
  NetworkInterfaceId: string;
  Tags: Tag[];
  /**
   * What the user data achieved at boot, decided when the instance was launched from the
   * network it booted into (e.g. `dnf install httpd` needs S3 through a gateway endpoint).
   * `httpdReadyAt` is when Apache starts answering; absent when it never will.
   */
  boot: {
    httpdReadyAt?: number;
    httpdBody?: string;
    httpdFailure?: string;
    /** HTTP status httpd answers with: 200 with an index.html, 403 for its test page (no index.html). */
    httpdStatus?: number;
  };
  life: Life;
}

export type EndpointType = "Interface" | "Gateway" | "GatewayLoadBalancer";

export interface DnsEntry {
  DnsName: string;
  HostedZoneId: string;
}

export interface VpcEndpoint {
  VpcEndpointId: string;
  VpcEndpointType: EndpointType;
  ServiceName: string;
  VpcId: string;
  SubnetIds: string[];
  RouteTableIds: string[];
  SecurityGroupIds: string[];
  PrivateDnsEnabled: boolean;
  NetworkInterfaceIds: string[];
  DnsEntries: DnsEntry[];
  ClientToken?: string;
  Tags: Tag[];
  /** For endpoints to an endpoint service that requires acceptance. */
  connection: {
    requiresAcceptance: boolean;
    acceptedAt?: number;
    rejectedAt?: number;
    /** when "pending" after acceptance turns "available". */
    availableAt?: number;
  };
  life: Life;
}

export interface EndpointService {
  ServiceId: string;
  ServiceName: string;
  NetworkLoadBalancerArns: string[];
  AcceptanceRequired: boolean;
  AllowedPrincipals: string[];
  ClientToken?: string;
  Tags: Tag[];
  life: Life;
}

export interface LoadBalancer {
  LoadBalancerArn: string;
  LoadBalancerName: string;
  DNSName: string;
  Scheme: "internal" | "internet-facing";
  Type: "network" | "application" | "gateway";
  VpcId: string;
  SubnetIds: string[];
  NetworkInterfaceIds: string[];
  DeletionProtection: boolean;
  Tags: Tag[];
  life: Life;
}

export interface Target {
  Id: string;
  Port: number;
}

export interface TargetGroup {
  TargetGroupArn: string;
  TargetGroupName: string;
  Protocol: string;
  Port: number;
  VpcId: string;
  TargetType: "instance" | "ip";
  Targets: Target[];
  Tags: Tag[];
  life: Life;
}

export interface Listener {
  ListenerArn: string;
  LoadBalancerArn: string;
  Port: number;
  Protocol: string;
  TargetGroupArn: string;
  life: Life;
}

export interface IamRole {
  RoleName: string;
  Arn: string;
  RoleId: string;
  AssumeRolePolicyDocument: string;
  ManagedPolicyArns: string[];
  Tags: Tag[];
  life: Life;
}

export interface InstanceProfile {
  InstanceProfileName: string;
  Arn: string;
  InstanceProfileId: string;
  Roles: string[];
  life: Life;
}

export interface StackEvent {
  EventId: string;
  StackId: string;
  StackName: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  /** ms epoch; the event is visible from this time on. */
  Timestamp: number;
}

export interface StackResource {
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  /** Physical resource in the model ("vpc-..", ARN, name), to delete it with the stack. */
  modelRef?: { kind: EntityKind; id: string };
  /** Logical ids this resource depends on (Ref, GetAtt, Sub, DependsOn): the deletion order. */
  dependsOn?: string[];
}

export interface Stack {
  StackId: string;
  StackName: string;
  Description?: string;
  Parameters: { ParameterKey: string; ParameterValue: string; ResolvedValue?: string }[];
  Tags: Tag[];
  Capabilities: string[];
  Outputs: { OutputKey: string; OutputValue: string; Description?: string }[];
  TemplateBody: string;
  Resources: StackResource[];
  /** The full timeline; DescribeStackEvents shows the part whose Timestamp has passed. */
  Events: StackEvent[];
  /** Stack-level status changes over time: the current one is the last whose `at` has passed. */
  StatusTimeline: { at: number; status: string; reason?: string }[];
  CreationTime: number;
  DeletionTime?: number;
  life: Life;
}

export interface CommandInvocation {
  InstanceId: string;
  /** When the invocation becomes visible to GetCommandInvocation. */
  visibleAt: number;
  /** When it finishes; before this it is InProgress. */
  finishedAt: number;
  Status: "Success" | "Failed" | "TimedOut";
  ResponseCode: number;
  StandardOutputContent: string;
  StandardErrorContent: string;
  /** Machine-readable reason from the reachability model, for the product to explain. */
  reason?: string;
}

export interface SsmCommand {
  CommandId: string;
  DocumentName: string;
  Commands: string[];
  InstanceIds: string[];
  RequestedDateTime: number;
  Invocations: CommandInvocation[];
}

export interface RegionWorld {
  vpcs: Record<string, Vpc>;
  subnets: Record<string, Subnet>;
  routeTables: Record<string, RouteTable>;
  securityGroups: Record<string, SecurityGroup>;
  networkInterfaces: Record<string, NetworkInterface>;
  instances: Record<string, Instance>;
  vpcEndpoints: Record<string, VpcEndpoint>;
  endpointServices: Record<string, EndpointService>;
  loadBalancers: Record<string, LoadBalancer>;
  targetGroups: Record<string, TargetGroup>;
  listeners: Record<string, Listener>;
  stacks: Record<string, Stack>;
  ssmCommands: Record<string, SsmCommand>;
}

export type EntityKind = Exclude<keyof RegionWorld, "stacks" | "ssmCommands"> | "iamRoles" | "instanceProfiles";

export interface Quotas {
  vpcsPerRegion: number;
  gatewayEndpointsPerRegion: number;
  interfaceEndpointsPerVpc: number;
  networkLoadBalancersPerRegion: number;
  runningOnDemandStandardVcpus: number;
}

export interface World {
  schema: 1;
  accountId: string;
  /** Monotonic counter, used to make ids unique and ordered. */
  seq: number;
  quotas: Quotas;
  iamRoles: Record<string, IamRole>;
  instanceProfiles: Record<string, InstanceProfile>;
  regions: Record<string, RegionWorld>;
}

export const SANDBOX_ACCOUNT_ID = "000000000000";

export const DEFAULT_QUOTAS: Quotas = {
  vpcsPerRegion: 5,
  gatewayEndpointsPerRegion: 20,
  interfaceEndpointsPerVpc: 50,
  networkLoadBalancersPerRegion: 50,
  runningOnDemandStandardVcpus: 5,
};

export function emptyRegion(): RegionWorld {
  return {
    vpcs: {},
    subnets: {},
    routeTables: {},
    securityGroups: {},
    networkInterfaces: {},
    instances: {},
    vpcEndpoints: {},
    endpointServices: {},
    loadBalancers: {},
    targetGroups: {},
    listeners: {},
    stacks: {},
    ssmCommands: {},
  };
}

export function emptyWorld(): World {
  return {
    schema: 1,
    accountId: SANDBOX_ACCOUNT_ID,
    seq: 0,
    quotas: { ...DEFAULT_QUOTAS },
    iamRoles: {},
    instanceProfiles: {},
    regions: {},
  };
}

/** The region's part of the world, created on first use. */
export function regionOf(world: World, region: string): RegionWorld {
  let r = world.regions[region];
  if (!r) {
    r = emptyRegion();
    world.regions[region] = r;
  }
  return r;
}

/** A fresh id such as `vpc-0a1b2c3d4e5f60718` (17 hex digits, unique within the world). */
export function newId(world: World, prefix: string, hexDigits = 17): string {
  world.seq += 1;
  const counter = world.seq.toString(16);
  const random = Array.from({ length: hexDigits }, () => Math.floor(Math.random() * 16).toString(16)).join("");
  const hex = (random.slice(0, hexDigits - counter.length) + counter).slice(-hexDigits);
  return prefix ? `${prefix}-${hex}` : hex;
}

/** Is the entity visible at `now` (created and not yet deleted)? */
export function exists(life: Life, now: number): boolean {
  return life.createdAt <= now && (life.deletedAt === undefined || life.deletedAt > now);
}

/** Is it ready (available, running, active) at `now`? */
export function isReady(life: Life, now: number): boolean {
  return exists(life, now) && life.readyAt <= now;
}

/** Entities of a kind that are visible at `now`. */
export function live<T extends { life: Life }>(table: Record<string, T>, now: number): T[] {
  return Object.values(table).filter((e) => exists(e.life, now));
}

export function tagValue(tags: Tag[] | undefined, key: string): string | undefined {
  return tags?.find((t) => t.Key === key)?.Value;
}
