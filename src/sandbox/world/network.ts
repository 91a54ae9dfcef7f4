/** The simulated account's network and compute entities (see ../world.ts for how time works). */

export interface Tag {
  Key: string;
  Value: string;
}

export interface Life {
  /** ms epoch: the entity is invisible before this (it is still being created by its stack). */
  createdAt: number;
  /** ms epoch: pending → available / running / active at this time. */
  readyAt: number;
  /** ms epoch: deletion was requested at this time. */
  deleteRequestedAt?: number;
  /** ms epoch: the entity is gone from this time on. */
  deletedAt?: number;
  /** The CloudFormation stack that owns it, if any. */
  stackId?: string;
  /** The speed in force when it was created: what AWS does after `readyAt` runs at it, whatever the speed of a later command. */
  speed?: number;
}

/** An entity that carries tags, with its timeline. */
export interface Tagged {
  Tags: Tag[];
  life: Life;
}

export interface Vpc extends Tagged {
  VpcId: string;
  CidrBlock: string;
  EnableDnsSupport: boolean;
  EnableDnsHostnames: boolean;
  IsDefault: boolean;
}

export interface Subnet extends Tagged {
  SubnetId: string;
  VpcId: string;
  CidrBlock: string;
  AvailabilityZone: string;
  AvailabilityZoneId: string;
}

export interface Route {
  DestinationCidrBlock?: string;
  DestinationPrefixListId?: string;
  GatewayId: string; // "local" or a gateway endpoint id (vpce-...)
}

export interface RouteTableAssociation {
  RouteTableAssociationId: string;
  SubnetId?: string;
  Main: boolean;
  life: Life;
}

export interface RouteTable extends Tagged {
  RouteTableId: string;
  VpcId: string;
  Main: boolean;
  Associations: RouteTableAssociation[];
  Routes: Route[];
}

export interface SgRule {
  SecurityGroupRuleId: string;
  IpProtocol: string; // "tcp" | "udp" | "icmp" | "-1"
  FromPort?: number;
  ToPort?: number;
  CidrIpv4?: string;
  ReferencedGroupId?: string;
  Description?: string;
}

export interface SecurityGroup extends Tagged {
  GroupId: string;
  GroupName: string;
  Description: string;
  VpcId: string;
  Ingress: SgRule[];
  Egress: SgRule[];
}

export type EniKind = "interface" | "vpc_endpoint" | "network_load_balancer";

export interface NetworkInterface extends Tagged {
  NetworkInterfaceId: string;
  SubnetId: string;
  VpcId: string;
  AvailabilityZone: string;
  PrivateIpAddress: string;
  GroupIds: string[];
  InterfaceType: EniKind;
  Description: string;
  RequesterManaged: boolean;
  /** Instance id, endpoint id or load balancer ARN this ENI belongs to. */
  OwnerRef: string;
}

export interface Instance extends Tagged {
  InstanceId: string;
  ImageId: string;
  InstanceType: string;
  SubnetId: string;
  VpcId: string;
  AvailabilityZone: string;
  PrivateIpAddress: string;
  PrivateDnsName: string;
  SecurityGroupIds: string[];
  IamInstanceProfileArn?: string;
  /** Base64 user data, as given. */
  UserData?: string;
  NetworkInterfaceId: string;
  /**
   * What the user data achieved at boot, decided at launch from the network it booted into (`dnf install httpd` needs S3
   * through a gateway endpoint). `httpdReadyAt`: when Apache starts answering; absent when it never will.
   */
  boot: {
    httpdReadyAt?: number;
    httpdBody?: string;
    httpdFailure?: string;
    /** HTTP status httpd answers with: 200 with an index.html, 403 for its test page (no index.html). */
    httpdStatus?: number;
  };
  /** StopInstances and StartInstances since launch, in order: each state holds from its time on. */
  power?: { state: "stopping" | "stopped" | "pending" | "running"; from: number }[];
  /**
   * The last moment its SSM Agent was Online just before a change to the network it uses (a security group's rules, an
   * endpoint's groups, subnets or private DNS): the world keeps no history of those, so a cut-off agent shows
   * ConnectionLost, not "never registered".
   */
  agentOnlineAt?: number;
}
