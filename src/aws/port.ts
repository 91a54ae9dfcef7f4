/**
 * The port every AWS call goes through: per service, only the operations the product uses, typed with the SDK's
 * `<Name>CommandInput`/`<Name>CommandOutput`. Nothing outside this file and `src/sandbox/` sends a command (`test/structure/port.test.ts`).
 */
import * as cfn from "@aws-sdk/client-cloudformation";
import * as ec2 from "@aws-sdk/client-ec2";
import * as elbv2 from "@aws-sdk/client-elastic-load-balancing-v2";
import * as iam from "@aws-sdk/client-iam";
import * as quotas from "@aws-sdk/client-service-quotas";
import * as ssm from "@aws-sdk/client-ssm";
import * as sts from "@aws-sdk/client-sts";
import type { CommandImpl } from "@smithy/core/client";
import type { AwsClients } from "./clients.js";

const EC2 = {
  acceptVpcEndpointConnections: ec2.AcceptVpcEndpointConnectionsCommand,
  authorizeSecurityGroupEgress: ec2.AuthorizeSecurityGroupEgressCommand,
  authorizeSecurityGroupIngress: ec2.AuthorizeSecurityGroupIngressCommand,
  createSecurityGroup: ec2.CreateSecurityGroupCommand,
  createTags: ec2.CreateTagsCommand,
  createVpc: ec2.CreateVpcCommand,
  createVpcEndpoint: ec2.CreateVpcEndpointCommand,
  createVpcEndpointServiceConfiguration: ec2.CreateVpcEndpointServiceConfigurationCommand,
  deleteSecurityGroup: ec2.DeleteSecurityGroupCommand,
  deleteVpcEndpointServiceConfigurations: ec2.DeleteVpcEndpointServiceConfigurationsCommand,
  deleteVpcEndpoints: ec2.DeleteVpcEndpointsCommand,
  describeAvailabilityZones: ec2.DescribeAvailabilityZonesCommand,
  describeInstanceTypeOfferings: ec2.DescribeInstanceTypeOfferingsCommand,
  describeInstances: ec2.DescribeInstancesCommand,
  describeNetworkInterfaces: ec2.DescribeNetworkInterfacesCommand,
  describeRegions: ec2.DescribeRegionsCommand,
  describeSecurityGroupRules: ec2.DescribeSecurityGroupRulesCommand,
  describeSecurityGroups: ec2.DescribeSecurityGroupsCommand,
  describeVpcEndpointConnections: ec2.DescribeVpcEndpointConnectionsCommand,
  describeVpcEndpointServiceConfigurations: ec2.DescribeVpcEndpointServiceConfigurationsCommand,
  describeVpcEndpointServicePermissions: ec2.DescribeVpcEndpointServicePermissionsCommand,
  describeVpcEndpointServices: ec2.DescribeVpcEndpointServicesCommand,
  describeVpcEndpoints: ec2.DescribeVpcEndpointsCommand,
  describeVpcs: ec2.DescribeVpcsCommand,
  modifyInstanceAttribute: ec2.ModifyInstanceAttributeCommand,
  rejectVpcEndpointConnections: ec2.RejectVpcEndpointConnectionsCommand,
  revokeSecurityGroupEgress: ec2.RevokeSecurityGroupEgressCommand,
  revokeSecurityGroupIngress: ec2.RevokeSecurityGroupIngressCommand,
  runInstances: ec2.RunInstancesCommand,
};

const CFN = {
  createStack: cfn.CreateStackCommand,
  deleteStack: cfn.DeleteStackCommand,
  describeStackEvents: cfn.DescribeStackEventsCommand,
  describeStackResources: cfn.DescribeStackResourcesCommand,
  describeStacks: cfn.DescribeStacksCommand,
  listStacks: cfn.ListStacksCommand,
};

const ELBV2 = {
  deregisterTargets: elbv2.DeregisterTargetsCommand,
  describeListeners: elbv2.DescribeListenersCommand,
  describeLoadBalancers: elbv2.DescribeLoadBalancersCommand,
  describeTags: elbv2.DescribeTagsCommand,
  describeTargetGroups: elbv2.DescribeTargetGroupsCommand,
  describeTargetHealth: elbv2.DescribeTargetHealthCommand,
  modifyListener: elbv2.ModifyListenerCommand,
  registerTargets: elbv2.RegisterTargetsCommand,
};

const SSM = {
  describeInstanceInformation: ssm.DescribeInstanceInformationCommand,
  getCommandInvocation: ssm.GetCommandInvocationCommand,
  getParameters: ssm.GetParametersCommand,
  listCommandInvocations: ssm.ListCommandInvocationsCommand,
  listCommands: ssm.ListCommandsCommand,
  sendCommand: ssm.SendCommandCommand,
};

const STS = { getCallerIdentity: sts.GetCallerIdentityCommand };
const IAM = {
  getInstanceProfile: iam.GetInstanceProfileCommand,
  getRole: iam.GetRoleCommand,
  listAttachedRolePolicies: iam.ListAttachedRolePoliciesCommand,
  listRolePolicies: iam.ListRolePoliciesCommand,
};
const QUOTAS = { getAWSDefaultServiceQuota: quotas.GetAWSDefaultServiceQuotaCommand, getServiceQuota: quotas.GetServiceQuotaCommand };

/** A table of command classes as the operations they send: `(input: XCommandInput) => Promise<XCommandOutput>`. */
type Ops<T> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the command's config and service unions do not matter here
  [K in keyof T]: T[K] extends new (input: never) => CommandImpl<infer I, infer O, any, any, any> ? (input: I) => Promise<O> : never;
};

const TABLES = { ec2: EC2, cfn: CFN, elbv2: ELBV2, ssm: SSM, sts: STS, iam: IAM, quotas: QUOTAS };

export type AwsPort = { [S in keyof typeof TABLES]: Ops<(typeof TABLES)[S]> };

interface Sender {
  send(command: object): Promise<unknown>;
}

function bind<T extends Record<string, new (input: never) => object>>(client: Sender, table: T): Ops<T> {
  const ops: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, Command] of Object.entries(table)) ops[name] = (input) => client.send(new Command(input as never));
  return ops as Ops<T>;
}

const made = new WeakMap<AwsClients, AwsPort>();

export function awsPort(clients: AwsClients): AwsPort {
  let port = made.get(clients);
  if (port) return port;
  // Written out: the compiler checks that each service is bound to its own table (a mapped object needs a cast).
  port = {
    ec2: bind(clients.ec2, EC2),
    cfn: bind(clients.cfn, CFN),
    elbv2: bind(clients.elbv2, ELBV2),
    ssm: bind(clients.ssm, SSM),
    sts: bind(clients.sts, STS),
    iam: bind(clients.iam, IAM),
    quotas: bind(clients.quotas, QUOTAS),
  };
  made.set(clients, port);
  return port;
}
