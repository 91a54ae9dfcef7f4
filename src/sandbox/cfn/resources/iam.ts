/**
 * AWS::IAM::Role and AWS::IAM::InstanceProfile. `Ref` returns the *name*; a name given in the
 * template makes it a named IAM resource (CAPABILITY_NAMED_IAM). IAM names are global per account.
 */
import { createInstanceProfile, createRole } from "../../model/iam.js";
import { generatedName, markDeletedIn, propString, propStrings, ResourceFailure, type ResourceProvider } from "./types.js";

/** `create()`, with IAM's EntityAlreadyExists reported in CloudFormation's words. */
function named<T>(type: string, name: string, create: () => T): T {
  try {
    return create();
  } catch (e) {
    if (e instanceof Error && e.name === "EntityAlreadyExists") {
      throw new ResourceFailure(`Resource of type '${type}' with identifier '${name}' already exists.`);
    }
    throw e;
  }
}

export const roleProvider: ResourceProvider = {
  attributes: ["Arn", "RoleId"],
  createSeconds: () => 15,
  namedIam: (props) => props.RoleName !== undefined,
  create(ctx, { props, life, tags, stackName, logicalId }) {
    const name = propString(props, "RoleName") ?? generatedName(stackName, logicalId, 64);
    const doc = props.AssumeRolePolicyDocument;
    if (doc === undefined) throw new ResourceFailure("Properties validation failed for resource with message: #: required key [AssumeRolePolicyDocument] not found");
    const role = named("AWS::IAM::Role", name, () =>
      createRole(ctx, {
        RoleName: name,
        AssumeRolePolicyDocument: typeof doc === "string" ? doc : JSON.stringify(doc),
        ManagedPolicyArns: propStrings(props, "ManagedPolicyArns"),
        // IAM gets the stack's tags but not the reserved aws:* ones.
        Tags: tags.filter((t) => !t.Key.startsWith("aws:")),
        life,
      }),
    );
    return { physicalId: role.RoleName, attrs: { Arn: role.Arn, RoleId: role.RoleId } };
  },
  delete: markDeletedIn((ctx) => ctx.world.iamRoles),
};

export const instanceProfileProvider: ResourceProvider = {
  attributes: ["Arn"],
  // IAM instance profiles take about two minutes to propagate before CloudFormation reports them.
  createSeconds: () => 120,
  namedIam: (props) => props.InstanceProfileName !== undefined,
  create(ctx, { props, life, stackName, logicalId }) {
    const name = propString(props, "InstanceProfileName") ?? generatedName(stackName, logicalId, 128);
    const p = named("AWS::IAM::InstanceProfile", name, () =>
      createInstanceProfile(ctx, { InstanceProfileName: name, Roles: propStrings(props, "Roles"), life }),
    );
    return { physicalId: p.InstanceProfileName, attrs: { Arn: p.Arn } };
  },
  delete: markDeletedIn((ctx) => ctx.world.instanceProfiles),
};
