/** Elastic network interfaces: every instance, interface endpoint and NLB node has one. */
import type { HandlerContext } from "../handler.js";
import { cidrRange } from "./network.js";
import { requireEntity } from "./ec2-kinds.js";
import { newId, notDeletedBy, type NetworkInterface, type NewOf } from "../world.js";

/** The next free private address in the subnet (AWS reserves .0–.3 and the last). */
function allocatePrivateIp(ctx: HandlerContext, subnetId: string): string {
  const subnet = requireEntity(ctx, "subnets", subnetId);
  const [first, last] = cidrRange(subnet.CidrBlock);
  const used = new Set(
    Object.values(ctx.rw.networkInterfaces)
      .filter((e) => e.SubnetId === subnetId && notDeletedBy(e.life, ctx.now))
      .map((e) => e.PrivateIpAddress),
  );
  for (let n = first + 4 + (ctx.world.seq % 7) * 10; n < last; n++) {
    const ip = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
    if (!used.has(ip)) return ip;
  }
  return ctx.fail("InsufficientFreeAddressesInSubnet", `The specified subnet ${subnetId} has insufficient free addresses.`);
}

type NewEni = NewOf<NetworkInterface, "SubnetId" | "GroupIds" | "InterfaceType" | "Description" | "OwnerRef" | "RequesterManaged" | "life", "Tags">;

export function createNetworkInterface(ctx: HandlerContext, p: NewEni): NetworkInterface {
  const subnet = requireEntity(ctx, "subnets", p.SubnetId);
  const eni: NetworkInterface = {
    NetworkInterfaceId: newId(ctx.world, "eni"),
    SubnetId: p.SubnetId,
    VpcId: subnet.VpcId,
    AvailabilityZone: subnet.AvailabilityZone,
    PrivateIpAddress: allocatePrivateIp(ctx, p.SubnetId),
    GroupIds: [...p.GroupIds],
    InterfaceType: p.InterfaceType,
    Description: p.Description,
    RequesterManaged: p.RequesterManaged,
    OwnerRef: p.OwnerRef,
    Tags: p.Tags ?? [],
    life: { ...p.life },
  };
  ctx.rw.networkInterfaces[eni.NetworkInterfaceId] = eni;
  return eni;
}

/** Marks the ENIs gone at `at` (they disappear with their owner). */
export function releaseNetworkInterfaces(ctx: HandlerContext, ids: string[], at: number): void {
  for (const id of ids) {
    const eni = ctx.rw.networkInterfaces[id];
    if (eni && eni.life.deletedAt === undefined) eni.life.deletedAt = at;
  }
}
