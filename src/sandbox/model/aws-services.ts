/**
 * The AWS services a VPC endpoint can reach in each sandbox region, as DescribeVpcEndpointServices
 * lists them (owner `amazon`). S3 is offered both as a Gateway (route-table entry to a prefix list)
 * and as an Interface (ENI) service; DynamoDB as a Gateway. Interface services have a private DNS
 * name such as `ssm.<region>.amazonaws.com`, which a VPC endpoint with PrivateDnsEnabled answers.
 */
import { regionInfo } from "../regions.js";
import { fnv1a, type EndpointType } from "../world.js";

interface AwsService {
  ServiceName: string;
  ServiceType: EndpointType;
  /** The short name (`ssm`, `s3`). */
  short: string;
  AvailabilityZones: string[];
  /** e.g. `ssm.ap-northeast-1.vpce.amazonaws.com` */
  BaseEndpointDnsName: string;
  PrivateDnsName?: string;
  /** Gateway services: the managed prefix list routed to the endpoint. */
  PrefixListId?: string;
  VpcEndpointPolicySupported: boolean;
}

/** Short names of the Interface services the lesson (and a curious learner) may meet. */
const INTERFACE_SERVICES = [
  "ec2", "ec2messages", "ecr.api", "ecr.dkr", "elasticloadbalancing", "kms", "logs", "monitoring", "s3", "secretsmanager", "ssm", "ssmmessages", "sts",
];
const GATEWAY_SERVICES = ["dynamodb", "s3"];

/** A stable fake managed prefix-list id per region and service, e.g. `pl-61a54008`. */
function prefixListId(region: string, short: string): string {
  return `pl-${fnv1a(`${region}/${short}`).toString(16).padStart(8, "0")}`;
}

function privateDnsName(region: string, short: string): string {
  // S3's interface endpoint answers bucket-style names: `*.s3.<region>.amazonaws.com`.
  return short === "s3" ? `*.s3.${region}.amazonaws.com` : `${short}.${region}.amazonaws.com`;
}

const catalog = new Map<string, readonly AwsService[]>();

/** Every AWS endpoint service of the region (empty for a region the sandbox does not offer); the same list every time. */
export function awsServices(region: string): readonly AwsService[] {
  let services = catalog.get(region);
  if (!services) catalog.set(region, (services = buildCatalog(region)));
  return services;
}

function buildCatalog(region: string): AwsService[] {
  const info = regionInfo(region);
  if (!info) return [];
  const zones = info.zones.map((z) => z.ZoneName);
  const service = (short: string, type: EndpointType): AwsService => ({
    ServiceName: `com.amazonaws.${region}.${short}`,
    ServiceType: type,
    short,
    AvailabilityZones: zones,
    ...(type === "Interface"
      ? { BaseEndpointDnsName: `${short}.${region}.vpce.amazonaws.com`, PrivateDnsName: privateDnsName(region, short) }
      : { BaseEndpointDnsName: `${short}.${region}.amazonaws.com`, PrefixListId: prefixListId(region, short) }),
    VpcEndpointPolicySupported: true,
  });
  const iface = INTERFACE_SERVICES.map((short) => service(short, "Interface"));
  const gateway = GATEWAY_SERVICES.map((short) => service(short, "Gateway"));
  // By code unit, as AWS lists them.
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...iface, ...gateway].sort((a, b) => order(a.ServiceName, b.ServiceName) || order(a.ServiceType, b.ServiceType));
}

/** The AWS services with this name (S3 has two: Gateway and Interface). */
export function findAwsServices(region: string, serviceName: string): AwsService[] {
  return awsServices(region).filter((s) => s.ServiceName === serviceName);
}

/** Hosted zone of the regional `*.vpce.amazonaws.com` names (Route 53 public zone per region). */
export function vpceHostedZoneId(region: string): string {
  return regionInfo(region)?.hostedZones.vpce ?? "Z7HUB22UULQXV";
}
