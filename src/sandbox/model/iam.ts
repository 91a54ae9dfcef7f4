/**
 * IAM roles and instance profiles. IAM is global: names are unique per account across all regions,
 * which is why two workshop participants need two prefixes.
 */
import type { HandlerContext } from "../handler.js";
import { newId, notDeletedBy, type IamRole, type InstanceProfile, type Life, type NewOf } from "../world.js";

/** IAM ids: a type prefix and 17 upper-case letters/digits (AROA... for roles, AIPA... for profiles). */
function iamId(ctx: HandlerContext, prefix: string): string {
  return (prefix + newId(ctx.world, "", 17).toUpperCase()).slice(0, 21);
}

type NewRole = NewOf<IamRole, "RoleName" | "AssumeRolePolicyDocument" | "life", "ManagedPolicyArns" | "Tags">;

export function createRole(ctx: HandlerContext, p: NewRole): IamRole {
  if (!/^[\w+=,.@-]{1,64}$/.test(p.RoleName)) {
    ctx.fail(
      "ValidationError",
      `1 validation error detected: Value '${p.RoleName}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
  const existing = ctx.world.iamRoles[p.RoleName];
  if (existing && notDeletedBy(existing.life, p.life.createdAt)) {
    ctx.fail("EntityAlreadyExists", `Role with name ${p.RoleName} already exists.`, 409);
  }
  const role: IamRole = {
    RoleName: p.RoleName,
    Arn: `arn:aws:iam::${ctx.world.accountId}:role/${p.RoleName}`,
    RoleId: iamId(ctx, "AROA"),
    AssumeRolePolicyDocument: p.AssumeRolePolicyDocument,
    ManagedPolicyArns: [...(p.ManagedPolicyArns ?? [])],
    Tags: p.Tags ?? [],
    life: { ...p.life },
  };
  ctx.world.iamRoles[p.RoleName] = role;
  return role;
}

export function createInstanceProfile(ctx: HandlerContext, p: { InstanceProfileName: string; Roles: string[]; life: Life }): InstanceProfile {
  const existing = ctx.world.instanceProfiles[p.InstanceProfileName];
  if (existing && notDeletedBy(existing.life, p.life.createdAt)) {
    ctx.fail("EntityAlreadyExists", `Instance Profile ${p.InstanceProfileName} already exists.`, 409);
  }
  for (const r of p.Roles) {
    const role = ctx.world.iamRoles[r];
    if (!role || !notDeletedBy(role.life, p.life.createdAt)) ctx.fail("NoSuchEntity", `The role with name ${r} cannot be found.`, 404);
  }
  const profile: InstanceProfile = {
    InstanceProfileName: p.InstanceProfileName,
    Arn: `arn:aws:iam::${ctx.world.accountId}:instance-profile/${p.InstanceProfileName}`,
    InstanceProfileId: iamId(ctx, "AIPA"),
    Roles: [...p.Roles],
    life: { ...p.life },
  };
  ctx.world.instanceProfiles[p.InstanceProfileName] = profile;
  return profile;
}
