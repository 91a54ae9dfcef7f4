/**
 * Preconditions for the EC2 tests, written straight into the simulated account (the CloudFormation
 * engine that normally builds them is tested on its own): a Consumer VPC with a subnet, a security
 * group and a running instance, and a Provider VPC with a subnet and an internal NLB.
 */
import { createSandboxClients, type AwsClients } from "../../src/aws/clients.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import type { HandlerContext } from "../../src/sandbox/handler.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { createNetworkInterface } from "../../src/sandbox/model/network-interfaces.js";
import { createSecurityGroup } from "../../src/sandbox/model/security-groups.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import { newId, regionOf, type Life, type World } from "../../src/sandbox/world.js";

export const REGION = "ap-northeast-1";

export interface Lab {
  sandbox: Sandbox;
  clock: ManualClock;
  clients: AwsClients;
  consumer: { vpcId: string; subnetId: string; otherZoneSubnetId: string; routeTableId: string; sgId: string; instanceId: string; eniId: string };
  provider: { vpcId: string; subnetId: string; routeTableId: string; sgId: string; nlbArn: string };
}

/** A handler context over `world`, for building fixtures with the model's own functions. */
export function contextFor(world: World, now: number, region = REGION): HandlerContext {
  return {
    world,
    region,
    rw: regionOf(world, region),
    now,
    caller: "sandbox-learner",
    speed: 0,
    after: () => now,
    fail: (code, message) => {
      throw new Error(`${code}: ${message}`);
    },
  };
}

function network(ctx: HandlerContext, name: string, cidr: string, life: Life) {
  const vpcId = newId(ctx.world, "vpc");
  ctx.rw.vpcs[vpcId] = { VpcId: vpcId, CidrBlock: cidr, EnableDnsSupport: true, EnableDnsHostnames: true, IsDefault: false, Tags: [{ Key: "Name", Value: `${name}-vpc` }], life };
  const subnet = (octet: number, az: string, azId: string) => {
    const id = newId(ctx.world, "subnet");
    const block = cidr.replace(/\.0\.0\/16$/, `.${octet}.0/24`);
    ctx.rw.subnets[id] = { SubnetId: id, VpcId: vpcId, CidrBlock: block, AvailabilityZone: az, AvailabilityZoneId: azId, Tags: [{ Key: "Name", Value: `${name}-subnet-${az}` }], life };
    return id;
  };
  const subnetId = subnet(1, "ap-northeast-1a", "apne1-az4");
  const otherZoneSubnetId = subnet(2, "ap-northeast-1c", "apne1-az1");
  const routeTableId = newId(ctx.world, "rtb");
  ctx.rw.routeTables[routeTableId] = {
    RouteTableId: routeTableId,
    VpcId: vpcId,
    Main: false,
    Associations: [{ RouteTableAssociationId: newId(ctx.world, "rtbassoc"), SubnetId: subnetId, Main: false, life }],
    Routes: [{ DestinationCidrBlock: cidr, GatewayId: "local" }],
    Tags: [{ Key: "Name", Value: `${name}-rtb` }],
    life,
  };
  const sgId = createSecurityGroup(ctx, { GroupName: `${name}-sg`, Description: `${name} instances`, VpcId: vpcId, life }).GroupId;
  return { vpcId, subnetId, otherZoneSubnetId, routeTableId, sgId };
}

/** Builds the two VPCs at `clock.now()`; everything is ready at once. */
export async function buildLab(speed = 0, clock = new ManualClock()): Promise<Lab> {
  const sandbox = new Sandbox({ store: new MemoryStore(), clock, speed });
  const ids = sandbox.store.transact((world) => {
    const now = clock.now();
    const ctx = contextFor(world, now);
    const life: Life = { createdAt: now, readyAt: now };
    const c = network(ctx, "consumer", "10.0.0.0/16", life);
    const p = network(ctx, "provider", "10.1.0.0/16", life);
    const profileArn = `arn:aws:iam::${world.accountId}:instance-profile/lab-consumer-profile`;
    world.instanceProfiles["lab-consumer-profile"] = { InstanceProfileName: "lab-consumer-profile", Arn: profileArn, InstanceProfileId: "AIPASANDBOX0000000001", Roles: ["lab-consumer-role"], life };
    const instanceId = newId(world, "i");
    const eni = createNetworkInterface(ctx, { SubnetId: c.subnetId, GroupIds: [c.sgId], InterfaceType: "interface", Description: "", OwnerRef: instanceId, RequesterManaged: false, life });
    ctx.rw.instances[instanceId] = {
      InstanceId: instanceId,
      ImageId: "ami-0sandbox0000000001",
      InstanceType: "t3.micro",
      SubnetId: c.subnetId,
      VpcId: c.vpcId,
      AvailabilityZone: "ap-northeast-1a",
      PrivateIpAddress: eni.PrivateIpAddress,
      PrivateDnsName: `ip-${eni.PrivateIpAddress.replace(/\./g, "-")}.${REGION}.compute.internal`,
      SecurityGroupIds: [c.sgId],
      IamInstanceProfileArn: profileArn,
      NetworkInterfaceId: eni.NetworkInterfaceId,
      Tags: [{ Key: "Name", Value: "consumer-instance" }],
      boot: {},
      life: { createdAt: now, readyAt: now + 30_000 * speed },
    };
    const nlbArn = `arn:aws:elasticloadbalancing:${REGION}:${world.accountId}:loadbalancer/net/provider-nlb/0123456789abcdef`;
    ctx.rw.loadBalancers[nlbArn] = {
      LoadBalancerArn: nlbArn,
      LoadBalancerName: "provider-nlb",
      DNSName: `provider-nlb-0123456789abcdef.elb.${REGION}.amazonaws.com`,
      Scheme: "internal",
      Type: "network",
      VpcId: p.vpcId,
      SubnetIds: [p.subnetId],
      NetworkInterfaceIds: [],
      DeletionProtection: false,
      Tags: [],
      life,
    } as World["regions"][string]["loadBalancers"][string];
    return {
      consumer: { ...c, instanceId, eniId: eni.NetworkInterfaceId },
      provider: { vpcId: p.vpcId, subnetId: p.subnetId, routeTableId: p.routeTableId, sgId: p.sgId, nlbArn },
    };
  });
  const clients = await createSandboxClients(sandbox, REGION);
  return { sandbox, clock, clients, ...ids };
}
