/** CreateTags / DeleteTags / DescribeTags on any resource the simulated account knows, found by its id prefix. */
import type { TagDescription } from "@aws-sdk/client-ec2";
import { type Ec2, type HandlerContext, handlers } from "../../handler.js";
import { exists, type Life, type Tag } from "../../world.js";
import { EC2_KINDS, failNotFound, type Ec2Table } from "../../model/ec2-kinds.js";
import { applyFilters, sameNamed } from "./filters.js";

/** Each table's `resource-type`, as DescribeTags names it. */
const RESOURCE_TYPES: Record<Ec2Table, TagDescription["ResourceType"]> = {
  endpointServices: "vpc-endpoint-service",
  vpcEndpoints: "vpc-endpoint",
  vpcs: "vpc",
  subnets: "subnet",
  routeTables: "route-table",
  securityGroups: "security-group",
  networkInterfaces: "network-interface",
  instances: "instance",
};

interface Taggable {
  Tags: Tag[];
  life: Life;
}

/** The resource's tag list; `InvalidID` for an id of no known kind, `InvalidXxx.NotFound` when absent. */
function taggable(ctx: HandlerContext, id: string): Taggable {
  // Longest prefixes first (the table's order): `vpce-svc-` before `vpce-` before `vpc-`.
  const table = (Object.keys(EC2_KINDS) as Ec2Table[]).find((t) => id.startsWith(EC2_KINDS[t].prefix));
  if (!table) return ctx.fail("InvalidID", `The ID '${id}' is not valid`);
  const item: Taggable | undefined = ctx.rw[table][id];
  if (!item || !exists(item.life, ctx.now)) return failNotFound(ctx, EC2_KINDS[table], id);
  return item;
}

export const tagHandlers = handlers<Ec2>({
  DescribeTagsCommand: (ctx, input) => {
    const all = (Object.keys(EC2_KINDS) as Ec2Table[]).flatMap((table) =>
      Object.entries(ctx.rw[table] as Record<string, Taggable>).flatMap(([id, item]) =>
        exists(item.life, ctx.now) ? item.Tags.map((t): TagDescription => ({ ResourceId: id, ResourceType: RESOURCE_TYPES[table], Key: t.Key, Value: t.Value })) : [],
      ),
    );
    all.sort((a, b) => (a.ResourceId! < b.ResourceId! ? -1 : a.ResourceId! > b.ResourceId! ? 1 : 0));
    return { Tags: applyFilters(ctx, all, input.Filters, sameNamed<TagDescription>("resource-id", "resource-type", "key", "value")) };
  },

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
    const named = input.Tags ?? [];
    // No tags named deletes them all; a tag named with a value is deleted only when the value matches.
    const deleted = (x: Tag) =>
      named.length === 0 || named.some((t) => t.Key === x.Key && (t.Value === undefined || t.Value === x.Value));
    for (const item of items) item.Tags = item.Tags.filter((x) => !deleted(x));
    return {};
  },
});
