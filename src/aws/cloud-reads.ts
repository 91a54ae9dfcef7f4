/**
 * The port through which the product reads a participant's cloud: each AWS read it uses, typed
 * with the SDK's own input and output, and nothing else. `cloudReads(clients)` is the real one, a
 * line per operation, against AWS or the sandbox alike. The one read of the cloud
 * (`lesson/cloud-view.ts`, with `lesson/curl-history.ts`) goes through it; `status` is its first
 * consumer that reads nothing else.
 */
import {
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ListStacksCommand,
  type DescribeStackResourcesCommandInput,
  type DescribeStackResourcesCommandOutput,
  type DescribeStacksCommandInput,
  type DescribeStacksCommandOutput,
  type ListStacksCommandInput,
  type ListStacksCommandOutput,
} from "@aws-sdk/client-cloudformation";
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointsCommand,
  type DescribeInstancesCommandInput,
  type DescribeInstancesCommandOutput,
  type DescribeSecurityGroupsCommandInput,
  type DescribeSecurityGroupsCommandOutput,
  type DescribeVpcEndpointServiceConfigurationsCommandInput,
  type DescribeVpcEndpointServiceConfigurationsCommandOutput,
  type DescribeVpcEndpointsCommandInput,
  type DescribeVpcEndpointsCommandOutput,
} from "@aws-sdk/client-ec2";
import {
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  type ListCommandInvocationsCommandInput,
  type ListCommandInvocationsCommandOutput,
  type ListCommandsCommandInput,
  type ListCommandsCommandOutput,
} from "@aws-sdk/client-ssm";
import type { AwsClients } from "./clients.js";

export interface CloudReads {
  describeStacks(input: DescribeStacksCommandInput): Promise<DescribeStacksCommandOutput>;
  describeStackResources(input: DescribeStackResourcesCommandInput): Promise<DescribeStackResourcesCommandOutput>;
  listStacks(input: ListStacksCommandInput): Promise<ListStacksCommandOutput>;
  describeInstances(input: DescribeInstancesCommandInput): Promise<DescribeInstancesCommandOutput>;
  describeVpcEndpointServiceConfigurations(input: DescribeVpcEndpointServiceConfigurationsCommandInput): Promise<DescribeVpcEndpointServiceConfigurationsCommandOutput>;
  describeVpcEndpoints(input: DescribeVpcEndpointsCommandInput): Promise<DescribeVpcEndpointsCommandOutput>;
  describeSecurityGroups(input: DescribeSecurityGroupsCommandInput): Promise<DescribeSecurityGroupsCommandOutput>;
  listCommands(input: ListCommandsCommandInput): Promise<ListCommandsCommandOutput>;
  listCommandInvocations(input: ListCommandInvocationsCommandInput): Promise<ListCommandInvocationsCommandOutput>;
}

const made = new WeakMap<AwsClients, CloudReads>();

/** The port over these clients (one per set of clients). */
export function cloudReads(clients: AwsClients): CloudReads {
  let reads = made.get(clients);
  if (reads) return reads;
  const { cfn, ec2, ssm } = clients;
  reads = {
    describeStacks: (input) => cfn.send(new DescribeStacksCommand(input)),
    describeStackResources: (input) => cfn.send(new DescribeStackResourcesCommand(input)),
    listStacks: (input) => cfn.send(new ListStacksCommand(input)),
    describeInstances: (input) => ec2.send(new DescribeInstancesCommand(input)),
    describeVpcEndpointServiceConfigurations: (input) => ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand(input)),
    describeVpcEndpoints: (input) => ec2.send(new DescribeVpcEndpointsCommand(input)),
    describeSecurityGroups: (input) => ec2.send(new DescribeSecurityGroupsCommand(input)),
    listCommands: (input) => ssm.send(new ListCommandsCommand(input)),
    listCommandInvocations: (input) => ssm.send(new ListCommandInvocationsCommand(input)),
  };
  made.set(clients, reads);
  return reads;
}
