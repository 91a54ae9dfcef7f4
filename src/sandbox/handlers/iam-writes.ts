/**
 * IAM by hand: what a learner (or a test) does with the AWS CLI to make a role like the lab's, or to delete a leftover
 * one — create a role and an instance profile, attach a policy, and take them apart in the order IAM insists on
 * (DeleteConflict while an instance profile holds the role or a policy is attached). Inline policies are not modelled:
 * ListRolePolicies answers none.
 */
import { type HandlerContext, handlers, type Iam } from "../handler.js";
import { exists, type IamRole, type InstanceProfile } from "../world.js";
import * as model from "../model/iam.js";
import { named } from "./iam.js";

function role(ctx: HandlerContext, name: string | undefined): IamRole {
  return named(ctx, ctx.world.iamRoles, name ?? "") ?? ctx.fail("NoSuchEntity", `The role with name ${name ?? ""} cannot be found.`, 404);
}

function profile(ctx: HandlerContext, name: string | undefined): InstanceProfile {
  return named(ctx, ctx.world.instanceProfiles, name ?? "") ?? ctx.fail("NoSuchEntity", `Instance Profile ${name ?? ""} cannot be found.`, 404);
}

const life = (ctx: HandlerContext) => ({ createdAt: ctx.now, readyAt: ctx.now });

export const iamWriteHandlers = handlers<Iam>({
  CreateRoleCommand: (ctx, input) => {
    const tags = (input.Tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" }));
    const r = model.createRole(ctx, { RoleName: input.RoleName ?? "", AssumeRolePolicyDocument: input.AssumeRolePolicyDocument ?? "", Tags: tags, life: life(ctx) });
    return { Role: { Path: "/", RoleName: r.RoleName, RoleId: r.RoleId, Arn: r.Arn, CreateDate: new Date(r.life.createdAt), Tags: tags } };
  },
  CreateInstanceProfileCommand: (ctx, input) => {
    const p = model.createInstanceProfile(ctx, { InstanceProfileName: input.InstanceProfileName ?? "", Roles: [], life: life(ctx) });
    return { InstanceProfile: { Path: "/", InstanceProfileName: p.InstanceProfileName, InstanceProfileId: p.InstanceProfileId, Arn: p.Arn, CreateDate: new Date(p.life.createdAt), Roles: [] } };
  },
  AttachRolePolicyCommand: (ctx, input) => {
    model.attachRolePolicy(ctx, role(ctx, input.RoleName), input.PolicyArn ?? "");
    return {};
  },
  AddRoleToInstanceProfileCommand: (ctx, input) => {
    model.addRoleToInstanceProfile(ctx, profile(ctx, input.InstanceProfileName), role(ctx, input.RoleName));
    return {};
  },
  ListAttachedRolePoliciesCommand: (ctx, input) => {
    const arns = role(ctx, input.RoleName).ManagedPolicyArns;
    return { AttachedPolicies: arns.map((PolicyArn) => ({ PolicyArn, PolicyName: PolicyArn.split("/").pop() ?? "" })), IsTruncated: false };
  },
  ListRolePoliciesCommand: (ctx, input) => {
    role(ctx, input.RoleName);
    return { PolicyNames: [], IsTruncated: false };
  },
  RemoveRoleFromInstanceProfileCommand: (ctx, input) => {
    model.removeRoleFromInstanceProfile(ctx, profile(ctx, input.InstanceProfileName), role(ctx, input.RoleName));
    return {};
  },
  DeleteInstanceProfileCommand: (ctx, input) => {
    model.deleteInstanceProfile(ctx, profile(ctx, input.InstanceProfileName));
    return {};
  },
  DetachRolePolicyCommand: (ctx, input) => {
    model.detachRolePolicy(ctx, role(ctx, input.RoleName), input.PolicyArn ?? "");
    return {};
  },
  DeleteRoleCommand: (ctx, input) => {
    const profiles = Object.values(ctx.world.instanceProfiles).filter((p) => exists(p.life, ctx.now));
    model.deleteRole(ctx, role(ctx, input.RoleName), profiles);
    return {};
  },
});
