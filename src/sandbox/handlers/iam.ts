/**
 * IAM reads: GetRole, ListRoles and GetInstanceProfile, over the roles and profiles the CloudFormation engine
 * creates. IAM is global: the same names answer in every region. Missing names fail with
 * `NoSuchEntity` (HTTP 404) and AWS's own message. ListRoles pages by `MaxItems` / `Marker` (see
 * paging.ts) and, like AWS's list, leaves out tags and last use.
 */
import type { Role } from "@aws-sdk/client-iam";
import { type HandlerContext, handlers, type Iam } from "../handler.js";
import { exists, type IamRole, type Life } from "../world.js";

function toSdkRole(r: IamRole): Role {
  return {
    Path: "/",
    RoleName: r.RoleName,
    RoleId: r.RoleId,
    Arn: r.Arn,
    CreateDate: new Date(r.life.createdAt),
    AssumeRolePolicyDocument: encodeURIComponent(r.AssumeRolePolicyDocument),
    MaxSessionDuration: 3600,
    Tags: r.Tags.map((t) => ({ ...t })),
    RoleLastUsed: {},
  };
}

/** A role or profile by name, there now (own names only: a learner's `--role-name constructor` names nothing). */
export function named<T extends { life: Life }>(ctx: HandlerContext, table: Record<string, T>, name: string): T | undefined {
  const found = Object.hasOwn(table, name) ? table[name] : undefined;
  return found && exists(found.life, ctx.now) ? found : undefined;
}

/** IAM's own wording for a parameter outside its constraint. */
function invalid(ctx: HandlerContext, value: unknown, member: string, constraint: string): never {
  return ctx.fail("ValidationError", `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must ${constraint}`);
}

export const iamHandlers = handlers<Iam>({
  ListRolesCommand: (ctx, input) => {
    const prefix = input.PathPrefix ?? "/";
    if (!/^\u002F([\u0021-\u007F]*\u002F)?$/.test(prefix)) invalid(ctx, prefix, "pathPrefix", "satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*");
    const max = input.MaxItems;
    if (max !== undefined && max < 1) invalid(ctx, max, "maxItems", "have value greater than or equal to 1");
    if (max !== undefined && max > 1000) invalid(ctx, max, "maxItems", "have value less than or equal to 1000");
    // Every role the stacks make has the path "/".
    const roles = Object.values(ctx.world.iamRoles)
      .filter((r) => exists(r.life, ctx.now) && "/".startsWith(prefix))
      .sort((a, b) => a.RoleName.localeCompare(b.RoleName))
      .map((r) => ({ ...toSdkRole(r), Tags: undefined, RoleLastUsed: undefined }));
    return { Roles: roles, IsTruncated: false };
  },

  GetRoleCommand: (ctx, input) => {
    const name = input.RoleName ?? "";
    const r = named(ctx, ctx.world.iamRoles, name);
    if (!r) return ctx.fail("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
    return { Role: toSdkRole(r) };
  },
  GetInstanceProfileCommand: (ctx, input) => {
    const name = input.InstanceProfileName ?? "";
    const p = named(ctx, ctx.world.instanceProfiles, name);
    if (!p) return ctx.fail("NoSuchEntity", `Instance Profile ${name} cannot be found.`, 404);
    const roles = p.Roles.map((n) => named(ctx, ctx.world.iamRoles, n)).filter((r): r is IamRole => r !== undefined);
    return {
      InstanceProfile: {
        Path: "/",
        InstanceProfileName: p.InstanceProfileName,
        InstanceProfileId: p.InstanceProfileId,
        Arn: p.Arn,
        CreateDate: new Date(p.life.createdAt),
        Roles: roles.map(toSdkRole),
        Tags: [],
      },
    };
  },
});
