/**
 * IAM roles and instance profiles. IAM is global: names are unique per account across all regions,
 * which is why two workshop participants need two prefixes.
 */
import type { HandlerContext } from "../handler.js";
import { markDeleted, newId, notDeletedBy, type IamRole, type InstanceProfile, type Life, type NewOf } from "../world.js";

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

/** AWS's refusal to delete an entity something still holds. */
function conflict(ctx: HandlerContext, what: string): never {
  return ctx.fail("DeleteConflict", `Cannot delete entity, must ${what} first.`, 409);
}

export function attachRolePolicy(ctx: HandlerContext, role: IamRole, policyArn: string): void {
  if (!/^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/.+/.test(policyArn)) ctx.fail("InvalidInput", `ARN ${policyArn} is not valid.`, 400);
  if (!role.ManagedPolicyArns.includes(policyArn)) role.ManagedPolicyArns.push(policyArn);
}

export function detachRolePolicy(ctx: HandlerContext, role: IamRole, policyArn: string): void {
  if (!role.ManagedPolicyArns.includes(policyArn)) ctx.fail("NoSuchEntity", `Policy ${policyArn} was not found.`, 404);
  role.ManagedPolicyArns = role.ManagedPolicyArns.filter((a) => a !== policyArn);
}

/** An instance profile holds one role at most (AWS's limit). */
export function addRoleToInstanceProfile(ctx: HandlerContext, profile: InstanceProfile, role: IamRole): void {
  if (profile.Roles.length > 0) ctx.fail("LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", 409);
  profile.Roles.push(role.RoleName);
}

export function removeRoleFromInstanceProfile(ctx: HandlerContext, profile: InstanceProfile, role: IamRole): void {
  if (!profile.Roles.includes(role.RoleName)) ctx.fail("NoSuchEntity", `Role ${role.RoleName} in Instance Profile ${profile.InstanceProfileName} cannot be found.`, 404);
  profile.Roles = profile.Roles.filter((r) => r !== role.RoleName);
}

export function deleteInstanceProfile(ctx: HandlerContext, profile: InstanceProfile): void {
  if (profile.Roles.length > 0) conflict(ctx, "remove roles from instance profile");
  markDeleted(profile.life, ctx.now, ctx.now);
}

/** IAM deletes a role only once no instance profile holds it and no policy is attached to it. */
export function deleteRole(ctx: HandlerContext, role: IamRole, profiles: readonly InstanceProfile[]): void {
  if (profiles.some((p) => p.Roles.includes(role.RoleName))) conflict(ctx, "remove roles from instance profile");
  if (role.ManagedPolicyArns.length > 0) conflict(ctx, "detach all policies");
  markDeleted(role.life, ctx.now, ctx.now);
}
