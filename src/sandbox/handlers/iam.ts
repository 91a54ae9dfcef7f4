/**
 * IAM reads: GetRole and GetInstanceProfile, over the roles and profiles the CloudFormation engine
 * creates. IAM is global: the same names answer in every region. Missing names fail with
 * `NoSuchEntity` (HTTP 404) and AWS's own message.
 */
import type { Role } from "@aws-sdk/client-iam";
import { type HandlerContext, handlers, type Iam } from "../handler.js";
import { exists, type IamRole } from "../world.js";

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

function liveRole(ctx: HandlerContext, name: string): IamRole | undefined {
  // (own names only: a learner's `--role-name constructor` is a role that does not exist)
  const r = Object.hasOwn(ctx.world.iamRoles, name) ? ctx.world.iamRoles[name] : undefined;
  return r && exists(r.life, ctx.now) ? r : undefined;
}

export const iamHandlers = handlers<Iam>({
  GetRoleCommand: (ctx, input) => {
    const name = input.RoleName ?? "";
    const r = liveRole(ctx, name);
    if (!r) return ctx.fail("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
    return { Role: toSdkRole(r) };
  },
  GetInstanceProfileCommand: (ctx, input) => {
    const name = input.InstanceProfileName ?? "";
    const p = Object.hasOwn(ctx.world.instanceProfiles, name) ? ctx.world.instanceProfiles[name] : undefined;
    if (!p || !exists(p.life, ctx.now)) return ctx.fail("NoSuchEntity", `Instance Profile ${name} cannot be found.`, 404);
    const roles = p.Roles.map((n) => liveRole(ctx, n)).filter((r): r is IamRole => r !== undefined);
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
