/** Resource types the sandbox's CloudFormation can create, one provider each. */
import { routeTableProvider, subnetProvider, subnetRouteTableAssociationProvider, vpcProvider } from "./ec2-network.js";
import { securityGroupProvider, vpcEndpointProvider } from "./ec2-security.js";
import { listenerProvider, loadBalancerProvider, targetGroupProvider } from "./elbv2.js";
import { instanceProfileProvider, roleProvider } from "./iam.js";
import { instanceProvider } from "./instance.js";
import type { ResourceProvider } from "./types.js";

const PROVIDERS: Readonly<Record<string, ResourceProvider>> = {
  "AWS::EC2::VPC": vpcProvider,
  "AWS::EC2::Subnet": subnetProvider,
  "AWS::EC2::RouteTable": routeTableProvider,
  "AWS::EC2::SubnetRouteTableAssociation": subnetRouteTableAssociationProvider,
  "AWS::EC2::SecurityGroup": securityGroupProvider,
  "AWS::EC2::VPCEndpoint": vpcEndpointProvider,
  "AWS::EC2::Instance": instanceProvider,
  "AWS::IAM::Role": roleProvider,
  "AWS::IAM::InstanceProfile": instanceProfileProvider,
  "AWS::ElasticLoadBalancingV2::LoadBalancer": loadBalancerProvider,
  "AWS::ElasticLoadBalancingV2::TargetGroup": targetGroupProvider,
  "AWS::ElasticLoadBalancingV2::Listener": listenerProvider,
};

export const KNOWN_TYPES: ReadonlySet<string> = new Set(Object.keys(PROVIDERS));

/** The service as CloudFormation's error reasons name it: "Ec2", "Iam", "ElasticLoadBalancingV2". */
export function serviceOf(type: string): string {
  const name = type.split("::")[1] ?? "";
  return name === name.toUpperCase() ? name.charAt(0) + name.slice(1).toLowerCase() : name;
}

export function providerFor(type: string): ResourceProvider {
  const p = PROVIDERS[type];
  if (!p) throw new Error(`no provider for ${type}`);
  return p;
}
