/**
 * The EC2 kinds of resource the handlers find by id: the id's prefix, the field that holds it, and
 * AWS's error when an id is unknown (`InvalidVpcID.NotFound: The vpc ID 'vpc-1' does not exist`).
 */
import type { HandlerContext } from "../handler.js";
import { notDeletedBy, type RegionWorld } from "../world.js";

export interface Ec2Kind {
  prefix: string;
  idKey: string;
  code: string;
  noun: string;
}

export const EC2_KINDS = {
  endpointServices: { prefix: "vpce-svc-", idKey: "ServiceId", code: "InvalidVpcEndpointServiceId.NotFound", noun: "Vpc Endpoint Service Id" },
  vpcEndpoints: { prefix: "vpce-", idKey: "VpcEndpointId", code: "InvalidVpcEndpointId.NotFound", noun: "Vpc Endpoint Id" },
  vpcs: { prefix: "vpc-", idKey: "VpcId", code: "InvalidVpcID.NotFound", noun: "vpc ID" },
  subnets: { prefix: "subnet-", idKey: "SubnetId", code: "InvalidSubnetID.NotFound", noun: "subnet ID" },
  routeTables: { prefix: "rtb-", idKey: "RouteTableId", code: "InvalidRouteTableID.NotFound", noun: "routeTable ID" },
  securityGroups: { prefix: "sg-", idKey: "GroupId", code: "InvalidGroup.NotFound", noun: "security group" },
  networkInterfaces: { prefix: "eni-", idKey: "NetworkInterfaceId", code: "InvalidNetworkInterfaceID.NotFound", noun: "networkInterface ID" },
  instances: { prefix: "i-", idKey: "InstanceId", code: "InvalidInstanceID.NotFound", noun: "instance ID" },
} satisfies Partial<Record<keyof RegionWorld, Ec2Kind>>;

export type Ec2Table = keyof typeof EC2_KINDS;
export type EntityOf<K extends Ec2Table> = RegionWorld[K][string];

/** `InvalidXxx.NotFound` for one id (as an `Unsuccessful` item's error). */
export function notFoundError(kind: Pick<Ec2Kind, "code" | "noun">, id: string): { Code: string; Message: string } {
  return { Code: kind.code, Message: `The ${kind.noun} '${id}' does not exist` };
}

export function failNotFound(ctx: HandlerContext, kind: Pick<Ec2Kind, "code" | "noun">, id: string): never {
  return ctx.fail(kind.code, notFoundError(kind, id).Message);
}

/** The entity with this id, not deleted by `t` (a stack may be creating it for later); `InvalidXxx.NotFound` otherwise. */
export function requireEntity<K extends Ec2Table>(ctx: HandlerContext, table: K, id: string, t = ctx.now): EntityOf<K> {
  const entity = (ctx.rw[table] as Record<string, EntityOf<K>>)[id];
  if (!entity || !notDeletedBy(entity.life, t)) return failNotFound(ctx, EC2_KINDS[table], id);
  return entity;
}
