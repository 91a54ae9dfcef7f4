/**
 * EC2's `Filters` and `XxxIds` on Describe* calls. As on AWS: filters are ANDed, the values of one
 * filter ORed, values may use `*` and `?` wildcards, `tag:<Key>`, `tag-key` and `tag-value` work
 * wherever a resource has tags, an unknown filter name is `InvalidParameterValue`, and an id that
 * does not exist is the resource's `InvalidXxx.NotFound` (all missing ids named in one message).
 */
import type { Filter, UnsuccessfulItem } from "@aws-sdk/client-ec2";
import type { HandlerContext } from "../../handler.js";
import { live, type Tag } from "../../world.js";
import { EC2_KINDS, failNotFound, type Ec2Kind, type Ec2Table, type EntityOf } from "../../model/ec2-kinds.js";

export type FieldValue = string | number | boolean | undefined | (string | undefined)[];

/** Filter name → the value(s) of an item that the filter's values are matched against. */
export type FilterFields<T> = Record<string, (item: T) => FieldValue>;

/** `VpcId` → `-vpc-id` (a capital letter starts a word). */
type Dashed<S extends string> = S extends `${infer C}${infer R}` ? `${C extends Lowercase<C> ? C : `-${Lowercase<C>}`}${Dashed<R>}` : S;
/** The filter names an item's own fields give, in EC2's kebab case: `vpc-id` for `VpcId`. */
type KebabField<T> = { [K in keyof T & string]: Dashed<K> extends `-${infer N}` ? N : never }[keyof T & string];

/** Filters named for the item's own field in kebab case (`vpc-id` reads `VpcId`), as most of EC2's are; a name that is no field of the item does not compile. */
export function sameNamed<T>(...names: KebabField<T>[]): FilterFields<T> {
  const field = (name: string): string => name.replace(/(?:^|-)([a-z])/g, (_, c: string) => c.toUpperCase());
  return Object.fromEntries(
    names.map((n) => {
      const key = field(n);
      return [n, (item: T) => (item as Record<string, FieldValue>)[key]];
    }),
  );
}

function wildcard(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}

function matches(value: FieldValue, wanted: string[]): boolean {
  const actual = (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined).map(String);
  const patterns = wanted.map(wildcard);
  return actual.some((a) => patterns.some((p) => p.test(a)));
}

function tagField(name: string): ((tags: Tag[]) => string[]) | undefined {
  if (name.startsWith("tag:")) {
    const key = name.slice(4);
    return (tags) => tags.filter((t) => t.Key === key).map((t) => t.Value);
  }
  if (name === "tag-key") return (tags) => tags.map((t) => t.Key);
  if (name === "tag-value") return (tags) => tags.map((t) => t.Value);
  return undefined;
}

/** Items that pass every filter. `tagsOf` enables the tag filters. */
export function applyFilters<T>(
  ctx: HandlerContext,
  items: T[],
  filters: Filter[] | undefined,
  fields: FilterFields<T>,
  tagsOf?: (item: T) => Tag[],
): T[] {
  let out = items;
  for (const f of filters ?? []) {
    const name = f.Name ?? "";
    const values = f.Values ?? [];
    const byTag = tagsOf ? tagField(name) : undefined;
    const field = fields[name];
    if (!byTag && !field) ctx.fail("InvalidParameterValue", `The filter '${name}' is invalid`);
    out = out.filter((item) => matches(byTag && tagsOf ? byTag(tagsOf(item)) : field!(item), values));
  }
  return out;
}

/** The items named in `names` (all when none are given); the names no item has fail through `unknown`. */
export function pickNamed<T>(
  items: T[],
  names: string[] | undefined,
  nameOf: (item: T) => string | undefined,
  unknown: (missing: string[]) => never,
): T[] {
  if (!names?.length) return items;
  const missing = names.filter((n) => !items.some((i) => nameOf(i) === n));
  if (missing.length > 0) unknown(missing);
  return items.filter((i) => names.includes(nameOf(i) ?? ""));
}

/** The items named in `ids` (all when none are given); an unknown id fails with `kind`'s code (`InvalidVpcID.NotFound`). */
export function selectByIds<T>(
  ctx: HandlerContext,
  items: T[],
  ids: string[] | undefined,
  idOf: (item: T) => string,
  kind: Pick<Ec2Kind, "code" | "noun">,
): T[] {
  return pickNamed(items, ids, idOf, (missing) =>
    missing.length === 1 ? failNotFound(ctx, kind, missing[0]!) : ctx.fail(kind.code, `The ${kind.noun}s '${missing.join(", ")}' do not exist`),
  );
}

/** Runs `act` on each id of a batch call; the ids it refuses (with their error) come back as EC2's `Unsuccessful`. */
export function eachId(ids: string[] | undefined, act: (id: string) => UnsuccessfulItem["Error"]): UnsuccessfulItem[] {
  return (ids ?? []).flatMap((id) => {
    const error = act(id);
    return error ? [{ ResourceId: id, Error: error }] : [];
  });
}

/** A Describe call on one of the account's tables: the items named in `ids` (of those visible now, or of `items`) that pass the filters. */
export function describe<K extends Ec2Table>(
  ctx: HandlerContext,
  table: K,
  request: { ids: string[] | undefined; filters: Filter[] | undefined },
  fields: FilterFields<EntityOf<K>>,
  items: EntityOf<K>[] = live(ctx.rw[table] as Record<string, EntityOf<K>>, ctx.now),
): EntityOf<K>[] {
  const kind: Ec2Kind = EC2_KINDS[table];
  const idOf = (item: EntityOf<K>): string => (item as unknown as Record<string, string>)[kind.idKey]!;
  return applyFilters(ctx, selectByIds(ctx, items, request.ids, idOf, kind), request.filters, fields, (item) => item.Tags);
}

/** Tags for a Create* call from its TagSpecifications (those for `resourceType`, or untyped). */
export function tagsFromSpecs(
  specs: { ResourceType?: string | undefined; Tags?: { Key?: string | undefined; Value?: string | undefined }[] | undefined }[] | undefined,
  resourceType: string,
): Tag[] {
  return (specs ?? [])
    .filter((s) => s.ResourceType === undefined || s.ResourceType === resourceType)
    .flatMap((s) => s.Tags ?? [])
    .map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" }));
}

/** A fresh copy of the tags, as the SDK's output type wants them. */
export function outTags(tags: Tag[]): Tag[] {
  return tags.map((t) => ({ Key: t.Key, Value: t.Value }));
}

/** Security groups by id with their names, as EC2 lists them on instances, interfaces and endpoints. */
export function groupsOf(ctx: HandlerContext, ids: string[]): { GroupId: string; GroupName: string }[] {
  return ids.map((id) => ({ GroupId: id, GroupName: ctx.rw.securityGroups[id]?.GroupName ?? "" }));
}
