/** CreateTags / DeleteTags on any resource the simulated account knows, found by its id prefix. */
import { type Ec2, type HandlerContext, handlers } from "../../handler.js";
import type { Life, RegionWorld, Tag } from "../../world.js";

interface TaggableKind {
  prefix: string;
  table: keyof RegionWorld;
  code: string;
  noun: string;
}

// Longest prefixes first: `vpce-svc-` before `vpce-` before `vpc-`.
const KINDS: TaggableKind[] = [
  { prefix: "vpce-svc-", table: "endpointServices", code: "InvalidVpcEndpointServiceId.NotFound", noun: "Vpc Endpoint Service Id" },
  { prefix: "vpce-", table: "vpcEndpoints", code: "InvalidVpcEndpointId.NotFound", noun: "Vpc Endpoint Id" },
  { prefix: "vpc-", table: "vpcs", code: "InvalidVpcID.NotFound", noun: "vpc ID" },
  { prefix: "subnet-", table: "subnets", code: "InvalidSubnetID.NotFound", noun: "subnet ID" },
  { prefix: "rtb-", table: "routeTables", code: "InvalidRouteTableID.NotFound", noun: "routeTable ID" },
  { prefix: "sg-", table: "securityGroups", code: "InvalidGroup.NotFound", noun: "security group" },
  { prefix: "eni-", table: "networkInterfaces", code: "InvalidNetworkInterfaceID.NotFound", noun: "networkInterface ID" },
  { prefix: "i-", table: "instances", code: "InvalidInstanceID.NotFound", noun: "instance ID" },
];

interface Taggable {
  Tags: Tag[];
  life: Life;
}

/** The resource's tag list; `InvalidID` for an id of no known kind, `InvalidXxx.NotFound` when absent. */
export function taggable(ctx: HandlerContext, id: string): Taggable {
  const kind = KINDS.find((k) => id.startsWith(k.prefix));
  if (!kind) return ctx.fail("InvalidID", `The ID '${id}' is not valid`);
  const table = ctx.rw[kind.table] as unknown as Record<string, Taggable | undefined>;
  const item = table[id];
  const visible = item && item.life.createdAt <= ctx.now && (item.life.deletedAt === undefined || item.life.deletedAt > ctx.now);
  if (!item || !visible) return ctx.fail(kind.code, `The ${kind.noun} '${id}' does not exist`);
  return item;
}

export const tagHandlers = handlers<Ec2>({
  CreateTagsCommand: (ctx, input) => {
    // Check every id first: a failure tags nothing.
    const items = (input.Resources ?? []).map((id) => taggable(ctx, id));
    for (const item of items) {
      for (const t of input.Tags ?? []) {
        const key = t.Key ?? "";
        if (key.toLowerCase().startsWith("aws:")) {
          ctx.fail("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use");
        }
        const existing = item.Tags.find((x) => x.Key === key);
        if (existing) existing.Value = t.Value ?? "";
        else item.Tags.push({ Key: key, Value: t.Value ?? "" });
      }
    }
    return {};
  },

  DeleteTagsCommand: (ctx, input) => {
    const items = (input.Resources ?? []).map((id) => taggable(ctx, id));
    for (const item of items) {
      if (!input.Tags || input.Tags.length === 0) {
        item.Tags = [];
        continue;
      }
      // A tag given with a value is deleted only when the value matches.
      item.Tags = item.Tags.filter(
        (x) => !input.Tags!.some((t) => t.Key === x.Key && (t.Value === undefined || t.Value === x.Value)),
      );
    }
    return {};
  },
});
