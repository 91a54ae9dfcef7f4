/**
 * A lesson world after step 6 (endpoint accepted), inserted directly into the sandbox world:
 * Consumer VPC (instance with SSM role, ssm/ssmmessages endpoints, custom interface endpoint)
 * and Provider VPC (instance with httpd, NLB, listener 80, target group). Everything is ready an
 * hour before `T0`; tests break one link by editing the returned world before building a store.
 */
import { emptyWorld, regionOf, type Life, type SecurityGroup, type SgRule, type World } from "../../src/sandbox/world.js";

export const REGION = "ap-northeast-1";
export const AZ = "ap-northeast-1a";
export const T0 = Date.UTC(2026, 10, 29, 1, 0, 0);
const READY: Life = { createdAt: T0 - 3_600_000, readyAt: T0 - 3_600_000 };
const life = (): Life => ({ ...READY });

export const IDS = {
  consumerVpc: "vpc-0c0000000000000c1",
  providerVpc: "vpc-0p0000000000000p1",
  consumerSubnet: "subnet-0c00000000000c01",
  providerSubnet: "subnet-0p00000000000p01",
  consumerSg: "sg-0c000000000000c01",
  ssmSg: "sg-0c000000000000c02",
  endpointSg: "sg-0c000000000000c03",
  providerSg: "sg-0p000000000000p01",
  consumer: "i-0c0000000000000c1",
  provider: "i-0p0000000000000p1",
  endpoint: "vpce-0e0000000000000e1",
  ssmEndpoint: "vpce-0e0000000000000e2",
  ssmMessagesEndpoint: "vpce-0e0000000000000e3",
  service: "vpce-svc-0a000000000000a01",
  nlbArn: "arn:aws:elasticloadbalancing:ap-northeast-1:000000000000:loadbalancer/net/lab-nlb/0123456789abcdef",
  tgArn: "arn:aws:elasticloadbalancing:ap-northeast-1:000000000000:targetgroup/lab-tg/0123456789abcdef",
  listenerArn: "arn:aws:elasticloadbalancing:ap-northeast-1:000000000000:listener/net/lab-nlb/0123456789abcdef/fedcba9876543210",
  profileArn: "arn:aws:iam::000000000000:instance-profile/lab-ec2-instance-profile",
} as const;

export const SERVICE_NAME = `com.amazonaws.vpce.${REGION}.${IDS.service}`;
export const REGIONAL_NAME = `${IDS.endpoint}-abcd1234.${IDS.service}.${REGION}.vpce.amazonaws.com`;
export const ZONAL_NAME = `${IDS.endpoint}-abcd1234-${AZ}.${IDS.service}.${REGION}.vpce.amazonaws.com`;
export const PAGE = `<h1>Hello from the Provider (${IDS.provider}, ${AZ})</h1>\n`;
export const IPS = { consumer: "10.0.0.10", endpointEni: "10.0.0.50", ssmEni: "10.0.0.51", ssmMessagesEni: "10.0.0.52", nlbNode: "10.1.0.20", provider: "10.1.0.30" };

const ALL_OUT: SgRule = { SecurityGroupRuleId: "sgr-out", IpProtocol: "-1", CidrIpv4: "0.0.0.0/0" };

function sg(GroupId: string, VpcId: string, Ingress: Omit<SgRule, "SecurityGroupRuleId">[]): SecurityGroup {
  return {
    GroupId,
    GroupName: GroupId,
    Description: "-",
    VpcId,
    Ingress: Ingress.map((r, i) => ({ SecurityGroupRuleId: `sgr-${GroupId.slice(3)}-${i}`, ...r })),
    Egress: [{ ...ALL_OUT }],
    Tags: [],
    life: life(),
  };
}

function eni(id: string, subnet: string, vpc: string, ip: string, groups: string[], kind: "interface" | "vpc_endpoint" | "network_load_balancer", owner: string) {
  return {
    NetworkInterfaceId: id,
    SubnetId: subnet,
    VpcId: vpc,
    AvailabilityZone: AZ,
    PrivateIpAddress: ip,
    GroupIds: groups,
    InterfaceType: kind,
    Description: owner,
    RequesterManaged: kind !== "interface",
    OwnerRef: owner,
    Tags: [],
    life: life(),
  };
}

function networks(w: World): void {
  const r = regionOf(w, REGION);
  r.vpcs[IDS.consumerVpc] = { VpcId: IDS.consumerVpc, CidrBlock: "10.0.0.0/16", EnableDnsSupport: true, EnableDnsHostnames: true, IsDefault: false, Tags: [], life: life() };
  r.vpcs[IDS.providerVpc] = { VpcId: IDS.providerVpc, CidrBlock: "10.1.0.0/16", EnableDnsSupport: true, EnableDnsHostnames: true, IsDefault: false, Tags: [], life: life() };
  r.subnets[IDS.consumerSubnet] = { SubnetId: IDS.consumerSubnet, VpcId: IDS.consumerVpc, CidrBlock: "10.0.0.0/24", AvailabilityZone: AZ, AvailabilityZoneId: "apne1-az4", Tags: [], life: life() };
  r.subnets[IDS.providerSubnet] = { SubnetId: IDS.providerSubnet, VpcId: IDS.providerVpc, CidrBlock: "10.1.0.0/24", AvailabilityZone: AZ, AvailabilityZoneId: "apne1-az4", Tags: [], life: life() };
  r.securityGroups[IDS.consumerSg] = sg(IDS.consumerSg, IDS.consumerVpc, []);
  r.securityGroups[IDS.ssmSg] = sg(IDS.ssmSg, IDS.consumerVpc, [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, ReferencedGroupId: IDS.consumerSg }]);
  r.securityGroups[IDS.endpointSg] = sg(IDS.endpointSg, IDS.consumerVpc, [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIpv4: `${IPS.consumer}/32` }]);
  r.securityGroups[IDS.providerSg] = sg(IDS.providerSg, IDS.providerVpc, [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIpv4: "0.0.0.0/0" }]);
}

function instances(w: World): void {
  const r = regionOf(w, REGION);
  const base = { ImageId: "ami-0123456789abcdef0", InstanceType: "t3.micro", AvailabilityZone: AZ, Tags: [], life: life() };
  r.instances[IDS.consumer] = {
    ...base,
    InstanceId: IDS.consumer,
    SubnetId: IDS.consumerSubnet,
    VpcId: IDS.consumerVpc,
    PrivateIpAddress: IPS.consumer,
    PrivateDnsName: "ip-10-0-0-10.ap-northeast-1.compute.internal",
    SecurityGroupIds: [IDS.consumerSg],
    IamInstanceProfileArn: IDS.profileArn,
    NetworkInterfaceId: "eni-0c000000000000c01",
    Tags: [{ Key: "Name", Value: "lab-consumer" }],
    boot: {},
  };
  r.instances[IDS.provider] = {
    ...base,
    InstanceId: IDS.provider,
    SubnetId: IDS.providerSubnet,
    VpcId: IDS.providerVpc,
    PrivateIpAddress: IPS.provider,
    PrivateDnsName: "ip-10-1-0-30.ap-northeast-1.compute.internal",
    SecurityGroupIds: [IDS.providerSg],
    NetworkInterfaceId: "eni-0p000000000000p01",
    boot: { httpdReadyAt: T0 - 3_500_000, httpdBody: PAGE },
  };
  r.networkInterfaces["eni-0c000000000000c01"] = eni("eni-0c000000000000c01", IDS.consumerSubnet, IDS.consumerVpc, IPS.consumer, [IDS.consumerSg], "interface", IDS.consumer);
  r.networkInterfaces["eni-0p000000000000p01"] = eni("eni-0p000000000000p01", IDS.providerSubnet, IDS.providerVpc, IPS.provider, [IDS.providerSg], "interface", IDS.provider);
  w.iamRoles["lab-ec2-role"] = {
    RoleName: "lab-ec2-role",
    Arn: "arn:aws:iam::000000000000:role/lab-ec2-role",
    RoleId: "AROASANDBOX000000001",
    AssumeRolePolicyDocument: "{}",
    ManagedPolicyArns: ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
    Tags: [],
    life: life(),
  };
  w.instanceProfiles["lab-ec2-instance-profile"] = {
    InstanceProfileName: "lab-ec2-instance-profile",
    Arn: IDS.profileArn,
    InstanceProfileId: "AIPASANDBOX000000001",
    Roles: ["lab-ec2-role"],
    life: life(),
  };
}

function endpoint(id: string, serviceName: string, ip: string, sgId: string, privateDns: boolean, dnsNames: string[], requiresAcceptance: boolean) {
  const eniId = `eni-${id.slice(5)}`;
  return {
    eni: eni(eniId, IDS.consumerSubnet, IDS.consumerVpc, ip, [sgId], "vpc_endpoint", id),
    ep: {
      VpcEndpointId: id,
      VpcEndpointType: "Interface" as const,
      ServiceName: serviceName,
      VpcId: IDS.consumerVpc,
      SubnetIds: [IDS.consumerSubnet],
      RouteTableIds: [],
      SecurityGroupIds: [sgId],
      PrivateDnsEnabled: privateDns,
      NetworkInterfaceIds: [eniId],
      DnsEntries: dnsNames.map((DnsName) => ({ DnsName, HostedZoneId: "Z2E726K9Y6RL4W" })),
      Tags: [],
      connection: requiresAcceptance ? { requiresAcceptance, acceptedAt: READY.readyAt, availableAt: READY.readyAt } : { requiresAcceptance },
      life: life(),
    },
  };
}

function endpoints(w: World): void {
  const r = regionOf(w, REGION);
  const list = [
    endpoint(IDS.endpoint, SERVICE_NAME, IPS.endpointEni, IDS.endpointSg, false, [REGIONAL_NAME, ZONAL_NAME], true),
    endpoint(IDS.ssmEndpoint, `com.amazonaws.${REGION}.ssm`, IPS.ssmEni, IDS.ssmSg, true, [`${IDS.ssmEndpoint}-x.ssm.${REGION}.vpce.amazonaws.com`], false),
    endpoint(IDS.ssmMessagesEndpoint, `com.amazonaws.${REGION}.ssmmessages`, IPS.ssmMessagesEni, IDS.ssmSg, true, [`${IDS.ssmMessagesEndpoint}-x.ssmmessages.${REGION}.vpce.amazonaws.com`], false),
  ];
  for (const { eni: e, ep } of list) {
    r.networkInterfaces[e.NetworkInterfaceId] = e;
    r.vpcEndpoints[ep.VpcEndpointId] = ep;
  }
  r.endpointServices[IDS.service] = { ServiceId: IDS.service, ServiceName: SERVICE_NAME, NetworkLoadBalancerArns: [IDS.nlbArn], AcceptanceRequired: true, AllowedPrincipals: [], Tags: [], life: life() };
}

function loadBalancing(w: World): void {
  const r = regionOf(w, REGION);
  const nodeEni = "eni-0b000000000000b01";
  r.networkInterfaces[nodeEni] = eni(nodeEni, IDS.providerSubnet, IDS.providerVpc, IPS.nlbNode, [], "network_load_balancer", IDS.nlbArn);
  r.loadBalancers[IDS.nlbArn] = {
    LoadBalancerArn: IDS.nlbArn,
    LoadBalancerName: "lab-nlb",
    DNSName: "lab-nlb-0123456789abcdef.elb.ap-northeast-1.amazonaws.com",
    Scheme: "internal",
    Type: "network",
    VpcId: IDS.providerVpc,
    SubnetIds: [IDS.providerSubnet],
    NetworkInterfaceIds: [nodeEni],
    DeletionProtection: false,
    Tags: [{ Key: "Name", Value: "lab-nlb" }],
    life: life(),
  };
  r.targetGroups[IDS.tgArn] = {
    TargetGroupArn: IDS.tgArn,
    TargetGroupName: "lab-tg",
    Protocol: "TCP",
    Port: 80,
    VpcId: IDS.providerVpc,
    TargetType: "instance",
    Targets: [{ Id: IDS.provider, Port: 80 }],
    Tags: [{ Key: "Name", Value: "lab-tg" }],
    life: life(),
  };
  r.listeners[IDS.listenerArn] = { ListenerArn: IDS.listenerArn, LoadBalancerArn: IDS.nlbArn, Port: 80, Protocol: "TCP", TargetGroupArn: IDS.tgArn, life: life() };
}

/** The whole working world. */
export function lessonWorld(): World {
  const w = emptyWorld();
  networks(w);
  instances(w);
  endpoints(w);
  loadBalancing(w);
  return w;
}
