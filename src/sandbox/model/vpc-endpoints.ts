/**
 * VPC endpoints (Interface, Gateway) and their lifecycle. (Owned by the EC2 handlers; used by the
 * CloudFormation engine for AWS::EC2::VPCEndpoint.)
 */
import type { HandlerContext } from "../handler.js";
import type { EndpointType, Life, Tag, VpcEndpoint } from "../world.js";

export interface NewVpcEndpoint {
  VpcEndpointType: EndpointType;
  ServiceName: string;
  VpcId: string;
  SubnetIds?: string[];
  RouteTableIds?: string[];
  SecurityGroupIds?: string[];
  PrivateDnsEnabled?: boolean;
  ClientToken?: string;
  Tags?: Tag[];
  /** Defaults to: appears now, ready after AWS's usual time. The CloudFormation engine passes its own. */
  life?: Life;
}

/**
 * Creates an endpoint as AWS does: checks the service exists and supports the subnets' AZs, makes
 * one ENI per subnet (Interface) or adds prefix-list routes (Gateway), fills DnsEntries.
 */
export function createVpcEndpoint(ctx: HandlerContext, p: NewVpcEndpoint): VpcEndpoint {
  void ctx;
  void p;
  throw new Error("not implemented yet");
}

/** Starts deleting the endpoint: `deleting` now, gone (with its ENIs and routes) at `at` or after AWS's usual time. */
export function deleteVpcEndpoint(ctx: HandlerContext, endpointId: string, at?: number): void {
  void ctx;
  void endpointId;
  void at;
  throw new Error("not implemented yet");
}
