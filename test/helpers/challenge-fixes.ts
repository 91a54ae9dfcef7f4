/**
 * The fix each challenge's last hint documents, as a learner types it in the AWS CLI: plain SDK
 * calls with no tool tags, on whatever clients are given (in process, or over HTTP to a served
 * sandbox). The same fixes as test/challenge/challenges.test.ts.
 */
import {
  AcceptVpcEndpointConnectionsCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeVpcsCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { DescribeListenersCommand, ModifyListenerCommand, RegisterTargetsCommand, type ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { LearnerPath } from "../../src/challenge/learner-path.js";

export interface FixClients {
  ec2: EC2Client;
  elbv2: ElasticLoadBalancingV2Client;
}

async function vpcCidr(c: FixClients, vpcId: string): Promise<string> {
  return (await c.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!.CidrBlock!;
}

export const CHALLENGE_FIXES: Record<string, (c: FixClients, p: LearnerPath) => Promise<void>> = {
  "silent-door": async (c, p) => {
    await c.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: p.endpointSgId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: `${p.consumerIp}/32` }));
  },
  "turned-away": async (c, p) => {
    await c.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [p.endpointId!] }));
    const made = await c.ec2.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: p.consumerVpcId, ServiceName: p.serviceName, SubnetIds: [p.consumerSubnetId!], SecurityGroupIds: [p.endpointSgId!], PrivateDnsEnabled: false }),
    );
    await c.ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: p.serviceId, VpcEndpointIds: [made.VpcEndpoint!.VpcEndpointId!] }));
  },
  "wrong-number": async (c, p) => {
    const l = (await c.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: p.nlbArn }))).Listeners![0]!;
    await c.elbv2.send(new ModifyListenerCommand({ ListenerArn: l.ListenerArn, Port: 80 }));
  },
  "empty-house": async (c, p) => {
    await c.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: p.targetGroupArn, Targets: [{ Id: p.providerInstanceId, Port: 80 }] }));
  },
  "back-door": async (c, p) => {
    const cidr = await vpcCidr(c, p.providerVpcId!);
    await c.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: p.providerSgId, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: cidr }));
  },
  "no-way-out": async (c, p) => {
    const cidr = await vpcCidr(c, p.consumerVpcId!);
    await c.ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: p.consumerSgId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: cidr }] }] }));
  },
};
