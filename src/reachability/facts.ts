/**
 * The reachability model (this folder) is pure functions from network facts to what `curl` on the consumer prints and
 * to the path `diagnose` shows. The facts, named after the AWS API fields they come from, are built from `Describe*`
 * results (from-describe.ts) or, in the sandbox, from the simulated world (`reachability-facts.ts`).
 */

/** One ingress or egress rule of a security group (DescribeSecurityGroupRules / IpPermissions). */
export interface SgRuleFacts {
  /** "tcp" | "udp" | "icmp" | "-1" (all traffic). */
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  CidrIpv4?: string;
  ReferencedGroupId?: string;
}

export interface SecurityGroupFacts {
  GroupId: string;
  VpcId?: string;
  Ingress: SgRuleFacts[];
  /** Absent when unknown: then outbound traffic is assumed allowed (AWS's default egress rule). */
  Egress?: SgRuleFacts[];
}

export interface ConsumerFacts {
  InstanceId: string;
  PrivateIpAddress: string;
  /** e.g. `ip-10-0-0-12.ap-northeast-1.compute.internal` (what `hostname` prints). */
  PrivateDnsName?: string;
  SecurityGroupIds: string[];
  SubnetId: string;
  AvailabilityZone: string;
  VpcId: string;
  /** The VPC's CIDR: addresses outside it have no route (no internet, no peering in the lesson). */
  VpcCidrBlock: string;
  /** EC2 instance state name (`running`, `stopped`, ...), when known (diagnose). */
  State?: string;
  /** SSM DescribeInstanceInformation's PingStatus (`Online`, `ConnectionLost`, ...): curl runs through it. */
  PingStatus?: string;
  /** Seconds of AWS time since it was launched, when known (a new instance is still starting). */
  SecondsSinceLaunch?: number;
}

export interface EndpointNetworkInterfaceFacts {
  NetworkInterfaceId: string;
  PrivateIpAddress: string;
  SubnetId: string;
  AvailabilityZone: string;
}

export interface VpcEndpointFacts {
  VpcEndpointId: string;
  VpcEndpointType: string;
  ServiceName: string;
  VpcId: string;
  /** As AWS spells it: `pendingAcceptance`, `pending`, `available`, `rejected`, `deleting`, ... */
  State: string;
  /** Regional name first, then one zonal name per AZ (`vpce-...-<az>.vpce-svc-...`). */
  DnsEntries: { DnsName: string }[];
  /** Names answered by the VPC's private hosted zone when PrivateDnsEnabled (`ssm.<region>.amazonaws.com`). */
  PrivateDnsNames?: string[];
  NetworkInterfaces: EndpointNetworkInterfaceFacts[];
  SecurityGroupIds: string[];
}

export interface EndpointServiceFacts {
  ServiceId: string;
  ServiceName: string;
  NetworkLoadBalancerArns: string[];
  AcceptanceRequired: boolean;
  /** DescribeVpcEndpointServicePermissions' principals (ARNs or `*`), when read (diagnose). */
  AllowedPrincipals?: string[];
  AvailabilityZones?: string[];
}

export interface ListenerFacts {
  ListenerArn: string;
  Port: number;
  Protocol: string;
  TargetGroupArn: string;
}

/** One load balancer node: the NLB's ENI in a subnet (its private IP is the targets' source). */
export interface LoadBalancerNodeFacts {
  PrivateIpAddress: string;
  SubnetId: string;
  AvailabilityZone: string;
}

export interface LoadBalancerFacts {
  LoadBalancerArn: string;
  LoadBalancerName: string;
  DNSName?: string;
  VpcId: string;
  State: string;
  Listeners: ListenerFacts[];
  Nodes: LoadBalancerNodeFacts[];
}

export interface TargetFacts {
  Id: string;
  Port: number;
  /** DescribeTargetHealth: `initial` | `healthy` | `unhealthy` | `unused` | `draining` | `unavailable`. */
  State: string;
  Reason?: string;
}

export interface TargetGroupFacts {
  TargetGroupArn: string;
  TargetGroupName: string;
  Protocol: string;
  Port: number;
  Targets: TargetFacts[];
}

/** What is known of the web server on a target. `unknown` on a real account (we cannot look inside). */
export interface HttpdFacts {
  status: "running" | "not-running" | "unknown";
  /** The page Apache serves for `/` (the Provider's index.html). */
  body?: string;
}

export interface TargetInstanceFacts {
  InstanceId: string;
  PrivateIpAddress: string;
  SecurityGroupIds: string[];
  /** EC2 instance state name: `pending` | `running` | `stopping` | `stopped` | `shutting-down` | `terminated`. */
  State: string;
  httpd: HttpdFacts;
  SecondsSinceLaunch?: number;
}

export interface ReachabilityFacts {
  consumer: ConsumerFacts;
  /** Endpoints in the consumer's VPC (and any other the caller knows). */
  vpcEndpoints: VpcEndpointFacts[];
  /** Every group referenced above (endpoint SGs, consumer SGs, target SGs). */
  securityGroups: SecurityGroupFacts[];
  endpointServices: EndpointServiceFacts[];
  loadBalancers: LoadBalancerFacts[];
  targetGroups: TargetGroupFacts[];
  targetInstances: TargetInstanceFacts[];
}
