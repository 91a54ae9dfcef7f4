/** Endpoints, endpoint services, load balancers and IAM in the simulated account. */
import type { Life, Tagged } from "./network.js";

export type EndpointType = "Interface" | "Gateway" | "GatewayLoadBalancer";

export interface DnsEntry {
  DnsName: string;
  HostedZoneId: string;
}

export interface VpcEndpoint extends Tagged {
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
  /** For endpoints to an endpoint service that requires acceptance. */
  connection: {
    requiresAcceptance: boolean;
    acceptedAt?: number;
    rejectedAt?: number;
    /** when "pending" after acceptance turns "available". */
    availableAt?: number;
  };
}

export interface EndpointService extends Tagged {
  ServiceId: string;
  ServiceName: string;
  NetworkLoadBalancerArns: string[];
  AcceptanceRequired: boolean;
  AllowedPrincipals: string[];
  ClientToken?: string;
}

export interface LoadBalancer extends Tagged {
  LoadBalancerArn: string;
  LoadBalancerName: string;
  DNSName: string;
  Scheme: "internal" | "internet-facing";
  Type: "network" | "application" | "gateway";
  VpcId: string;
  SubnetIds: string[];
  NetworkInterfaceIds: string[];
  DeletionProtection: boolean;
}

export interface Target {
  Id: string;
  Port: number;
  /** When RegisterTargets added it (absent: registered with the group, by the stack). */
  registeredAt?: number;
  /** The sandbox speed in force when it was registered (see Life.speed). */
  speed?: number;
}

export interface TargetGroup extends Tagged {
  TargetGroupArn: string;
  TargetGroupName: string;
  Protocol: string;
  Port: number;
  VpcId: string;
  TargetType: "instance" | "ip";
  Targets: Target[];
}

export interface Listener {
  ListenerArn: string;
  LoadBalancerArn: string;
  Port: number;
  Protocol: string;
  TargetGroupArn: string;
  life: Life;
}

export interface IamRole extends Tagged {
  RoleName: string;
  Arn: string;
  RoleId: string;
  AssumeRolePolicyDocument: string;
  ManagedPolicyArns: string[];
}

export interface InstanceProfile {
  InstanceProfileName: string;
  Arn: string;
  InstanceProfileId: string;
  Roles: string[];
  life: Life;
}
