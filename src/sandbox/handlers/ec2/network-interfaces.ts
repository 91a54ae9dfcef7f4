/**
 * DescribeNetworkInterfaces: every ENI in the account: instances' primary interfaces, interface
 * endpoints' ENIs (`vpc_endpoint`, requester-managed) and NLB nodes (`network_load_balancer`).
 */
import type { NetworkInterface as SdkEni } from "@aws-sdk/client-ec2";
import { type Ec2, type HandlerContext, handlers } from "../../handler.js";
import type { NetworkInterface } from "../../world.js";
import { describe, groupsOf, outTags, sameNamed } from "./filters.js";

/** The account AWS uses as requester of the ENIs it manages for endpoints and load balancers. */
const AWS_REQUESTER = "727180483921";

function toSdkEni(ctx: HandlerContext, e: NetworkInterface): SdkEni {
  const instanceOwned = e.InterfaceType === "interface" && e.OwnerRef.startsWith("i-");
  const ipDns = `ip-${e.PrivateIpAddress.replace(/\./g, "-")}.${ctx.region}.compute.internal`;
  return {
    NetworkInterfaceId: e.NetworkInterfaceId,
    SubnetId: e.SubnetId,
    VpcId: e.VpcId,
    AvailabilityZone: e.AvailabilityZone,
    Description: e.Description,
    Groups: groupsOf(ctx, e.GroupIds),
    InterfaceType: e.InterfaceType,
    OwnerId: ctx.world.accountId,
    PrivateIpAddress: e.PrivateIpAddress,
    PrivateDnsName: ipDns,
    PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: e.PrivateIpAddress, PrivateDnsName: ipDns }],
    RequesterManaged: e.RequesterManaged,
    ...(e.RequesterManaged ? { RequesterId: AWS_REQUESTER } : {}),
    SourceDestCheck: true,
    Status: "in-use",
    ...(instanceOwned
      ? { Attachment: { InstanceId: e.OwnerRef, DeviceIndex: 0, Status: "attached", DeleteOnTermination: true, InstanceOwnerId: ctx.world.accountId } }
      : {}),
    TagSet: outTags(e.Tags),
  };
}

export const networkInterfaceHandlers = handlers<Ec2>({
  DescribeNetworkInterfacesCommand: (ctx, input) => {
    const enis = describe(ctx, "networkInterfaces", { ids: input.NetworkInterfaceIds, filters: input.Filters }, {
      ...sameNamed<NetworkInterface>("network-interface-id", "vpc-id", "subnet-id", "availability-zone", "interface-type", "description"),
      ...sameNamed<NetworkInterface>("requester-managed", "private-ip-address"),
      "group-id": (e) => e.GroupIds,
      "group-name": (e) => e.GroupIds.map((id) => ctx.rw.securityGroups[id]?.GroupName),
      "addresses.private-ip-address": (e) => e.PrivateIpAddress,
      "status": () => "in-use",
      "attachment.instance-id": (e) => (e.OwnerRef.startsWith("i-") ? e.OwnerRef : undefined),
      "owner-id": () => ctx.world.accountId,
    });
    return { NetworkInterfaces: enis.map((e) => toSdkEni(ctx, e)) };
  },
});
