/**
 * Calls the flows of the parity test do not make on their own: operations only the workshop or
 * a learner's hands use (on the learner's built lab), and errors of each service (what a
 * learner's typo gets back).
 */
import { readFileSync } from "node:fs";
import { DescribeStackResourceCommand, DescribeStacksCommand, GetTemplateCommand, ListStackResourcesCommand, ValidateTemplateCommand } from "@aws-sdk/client-cloudformation";
import {
  CreateTagsCommand,
  DeleteSecurityGroupCommand,
  DeleteTagsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  DescribePrefixListsCommand,
  DescribeRegionsCommand,
  DescribeTagsCommand as DescribeEc2TagsCommand,
  paginateDescribeInstances,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  ModifyInstanceAttributeCommand,
  ModifyVpcEndpointCommand,
  ModifyVpcEndpointServiceConfigurationCommand,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
  StartInstancesCommand,
  StopInstancesCommand,
} from "@aws-sdk/client-ec2";
import {
  CreateListenerCommand,
  DeleteListenerCommand,
  DeregisterTargetsCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  RegisterTargetsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import * as iam from "@aws-sdk/client-iam";
import { GetAWSDefaultServiceQuotaCommand, GetServiceQuotaCommand } from "@aws-sdk/client-service-quotas";
import { GetCommandInvocationCommand, GetParameterCommand, GetParametersByPathCommand, ListCommandsCommand, StartSessionCommand } from "@aws-sdk/client-ssm";
import type { AwsClients } from "../../src/aws/clients.js";
import type { LearnerPath } from "../../src/challenge/learner-path.js";

/** Sends `fn`'s command; an AWS error is an answer like any other here. */
async function tryIt(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch {
    // compared by the tee
  }
}

/** A role like the lab's made by hand, then deleted as the preflight says for a leftover one (IAM refusing the wrong order once). */
async function leftoverRoleByHand(c: AwsClients): Promise<void> {
  const [RoleName, InstanceProfileName, PolicyArn] = ["parity-ec2-role", "parity-ec2-instance-profile", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"];
  await c.iam.send(new iam.CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: "{}", Tags: [{ Key: "privatelink-lab:participant", Value: "parity" }] }));
  await c.iam.send(new iam.AttachRolePolicyCommand({ RoleName, PolicyArn }));
  await c.iam.send(new iam.CreateInstanceProfileCommand({ InstanceProfileName }));
  await c.iam.send(new iam.AddRoleToInstanceProfileCommand({ InstanceProfileName, RoleName }));
  await c.iam.send(new iam.ListAttachedRolePoliciesCommand({ RoleName }));
  await c.iam.send(new iam.ListRolePoliciesCommand({ RoleName }));
  await tryIt(() => c.iam.send(new iam.DeleteRoleCommand({ RoleName })));
  await tryIt(() => c.iam.send(new iam.DeleteInstanceProfileCommand({ InstanceProfileName })));
  await c.iam.send(new iam.RemoveRoleFromInstanceProfileCommand({ InstanceProfileName, RoleName }));
  await c.iam.send(new iam.DeleteInstanceProfileCommand({ InstanceProfileName }));
  await tryIt(() => c.iam.send(new iam.DeleteRoleCommand({ RoleName })));
  await c.iam.send(new iam.DetachRolePolicyCommand({ RoleName, PolicyArn }));
  await tryIt(() => c.iam.send(new iam.DetachRolePolicyCommand({ RoleName, PolicyArn })));
  await c.iam.send(new iam.DeleteRoleCommand({ RoleName }));
}

/** On a built lab (`p`), before destroy; `stack` is one of the learner's stacks. */
export async function extraCalls(c: AwsClients, p: LearnerPath, stack: string): Promise<void> {
  const vpc = p.consumerVpcId!;
  await c.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpc] }] }));
  await c.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [vpc] }] }));
  await c.ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: "parity", Value: "yes & <no>" }] }));
  await c.ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: "parity" }] }));
  await c.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [p.serviceName!] }));
  await c.ec2.send(new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: "service-id", Values: [p.serviceId!] }] }));
  await c.ec2.send(new ModifyVpcEndpointServiceConfigurationCommand({ ServiceId: p.serviceId, AcceptanceRequired: true }));
  await c.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: p.serviceId, AddAllowedPrincipals: ["arn:aws:iam::000000000000:root"] }));
  await tryIt(() => c.ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: p.serviceId, VpcEndpointIds: ["vpce-00000000000000000"] })));
  await c.cfn.send(new ListStackResourcesCommand({ StackName: stack }));
  await c.cfn.send(new GetTemplateCommand({ StackName: stack }));
  await c.elbv2.send(new DescribeTagsCommand({ ResourceArns: [p.nlbArn!] }));
  await c.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: p.targetGroupArn, Targets: [{ Id: p.providerInstanceId, Port: 80 }] }));
  await c.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: p.targetGroupArn, Targets: [{ Id: p.providerInstanceId, Port: 80 }] }));
  await tryIt(() => c.quotas.send(new GetAWSDefaultServiceQuotaCommand({ ServiceCode: "vpc", QuotaCode: "L-29B6F2EB" })));

  // What a curious learner reads by hand, and the pages of a list.
  await c.ec2.send(new DescribeRegionsCommand({}));
  await c.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [p.consumerInstanceId!] }));
  await c.ec2.send(new DescribeInstanceStatusCommand({ IncludeAllInstances: true }));
  await c.ec2.send(new DescribeImagesCommand({ Owners: ["amazon"], Filters: [{ Name: "architecture", Values: ["x86_64"] }] }));
  await c.ec2.send(new DescribeEc2TagsCommand({ Filters: [{ Name: "resource-id", Values: [vpc] }] }));
  await c.ec2.send(new DescribePrefixListsCommand({}));
  await c.elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: p.targetGroupArn }));
  await c.elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: p.nlbArn }));
  await c.cfn.send(new ValidateTemplateCommand({ TemplateBody: readFileSync(new URL("../../templates/Consumer.yml", import.meta.url), "utf8") }));
  await c.ssm.send(new GetParametersByPathCommand({ Path: "/aws/service/ami-amazon-linux-latest" }));
  for await (const page of paginateDescribeInstances({ client: c.ec2, pageSize: 5 }, {})) void page;
  await c.iam.send(new iam.ListRolesCommand({ MaxItems: 1 }));

  // What a learner does by hand, or as diagnose tells them: stop and start an instance, change the endpoint, a listener.
  await c.ec2.send(new StopInstancesCommand({ InstanceIds: [p.providerInstanceId!] }));
  await c.ec2.send(new StartInstancesCommand({ InstanceIds: [p.providerInstanceId!] }));
  await c.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: p.endpointId, AddSecurityGroupIds: [p.endpointSgId!] }));
  await c.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: p.consumerInstanceId, Groups: [p.consumerSgId!] }));
  await tryIt(() => c.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: p.consumerInstanceId, Groups: [p.providerSgId!] })));
  const extra = await c.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: p.nlbArn, Protocol: "TCP", Port: 8080, DefaultActions: [{ Type: "forward", TargetGroupArn: p.targetGroupArn }] }));
  await c.elbv2.send(new DeleteListenerCommand({ ListenerArn: extra.Listeners![0]!.ListenerArn }));
  await c.ssm.send(new ListCommandsCommand({ MaxResults: 1 }));
  await leftoverRoleByHand(c);

  await tryIt(() => c.ec2.send(new DescribeVpcsCommand({ VpcIds: ["vpc-00000000000000000"] })));
  await tryIt(() => c.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ["vpce-0123"] })));
  await tryIt(() => c.ec2.send(new DeleteSecurityGroupCommand({ GroupId: "sg-does-not-exist" })));
  await tryIt(() => c.cfn.send(new DescribeStacksCommand({ StackName: "no-such-stack" })));
  await tryIt(() => c.cfn.send(new GetTemplateCommand({ StackName: "no-such-stack" })));
  await tryIt(() => c.cfn.send(new DescribeStackResourceCommand({ StackName: "no-such-stack", LogicalResourceId: "X" })));
  await tryIt(() => c.elbv2.send(new DescribeLoadBalancersCommand({ Names: ["no-such-nlb"] })));
  await tryIt(() => c.ssm.send(new GetParameterCommand({ Name: "/no/such/parameter" })));
  await tryIt(() => c.ssm.send(new GetCommandInvocationCommand({ CommandId: "00000000-0000-4000-8000-000000000000", InstanceId: "i-0123456789abcdef0" })));
  await tryIt(() => c.ssm.send(new ListCommandsCommand({})));
  await tryIt(() => c.iam.send(new iam.GetRoleCommand({ RoleName: "no-such-role" })));
  await tryIt(() => c.quotas.send(new GetServiceQuotaCommand({ ServiceCode: "vpc", QuotaCode: "L-NOPE" })));
  await tryIt(() => c.ec2.send(new DescribeImagesCommand({ ImageIds: ["ami-00000000000000000"] })));
  await tryIt(() => c.ec2.send(new DescribeRegionsCommand({ RegionNames: ["xx-nowhere-1"] })));
  await tryIt(() => c.cfn.send(new ValidateTemplateCommand({ TemplateBody: "Resources: {}" })));
  await tryIt(() => c.ssm.send(new StartSessionCommand({ Target: p.consumerInstanceId })));
  await tryIt(() => c.ec2.send(new DescribeEc2TagsCommand({ MaxResults: 5, NextToken: "not-a-token" })));
  await tryIt(() => c.ec2.send(new StartInstancesCommand({ InstanceIds: ["i-0123456789abcdef0"] })));
  await tryIt(() => c.ec2.send(new StopInstancesCommand({ InstanceIds: [p.consumerInstanceId!, "i-0123456789abcdef0"] })));
  await tryIt(() => c.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: p.endpointId, PrivateDnsEnabled: true })));
  await tryIt(() => c.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: p.endpointId, RemoveSecurityGroupIds: [p.endpointSgId!] }))); // its last group
  await tryIt(() => c.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: p.nlbArn, Protocol: "TCP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: p.targetGroupArn }] })));
  await tryIt(() => c.elbv2.send(new DeleteListenerCommand({ ListenerArn: `${p.nlbArn!.replace(":loadbalancer/", ":listener/")}/0000000000000000` })));
  await tryIt(() => c.iam.send(new iam.ListRolesCommand({ MaxItems: 0 })));
  await tryIt(() => c.ec2.send(new DescribeInstancesCommand({ MaxResults: 1 })));
  await tryIt(() => c.ec2.send(new DescribeInstancesCommand({ MaxResults: 5, InstanceIds: [p.consumerInstanceId!] })));
}
