/**
 * A role like the lab's made by hand through the SDK, and deleted by hand: IAM's own order is enforced (DeleteConflict
 * while an instance profile holds the role or a policy is attached), so a command list in the wrong order fails in the
 * sandbox as it would on AWS.
 */
import * as iam from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";

const [RoleName, InstanceProfileName, PolicyArn] = ["bob-ec2-role", "bob-ec2-instance-profile", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"];

async function roleInProfile(): Promise<iam.IAMClient> {
  const sandbox = new Sandbox({ store: new MemoryStore(), clock: new ManualClock(), speed: 0 });
  const client = (await createSandboxClients(sandbox, "us-east-1", 1)).iam;
  await client.send(new iam.CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: "{}", Tags: [{ Key: "privatelink-lab:participant", Value: "bob" }] }));
  await client.send(new iam.AttachRolePolicyCommand({ RoleName, PolicyArn }));
  await client.send(new iam.CreateInstanceProfileCommand({ InstanceProfileName }));
  await client.send(new iam.AddRoleToInstanceProfileCommand({ InstanceProfileName, RoleName }));
  return client;
}

describe("IAM by hand in the sandbox", () => {
  it("reads back what was made: the tag, the attached policy, the profile holding the role", async () => {
    const client = await roleInProfile();
    expect((await client.send(new iam.GetRoleCommand({ RoleName }))).Role?.Tags).toEqual([{ Key: "privatelink-lab:participant", Value: "bob" }]);
    expect((await client.send(new iam.ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies).toEqual([{ PolicyArn, PolicyName: "AmazonSSMManagedInstanceCore" }]);
    expect((await client.send(new iam.GetInstanceProfileCommand({ InstanceProfileName }))).InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual([RoleName]);
  });

  it("refuses to delete the role, or its profile, while they hold each other or a policy", async () => {
    const client = await roleInProfile();
    const conflict = (what: string) => ({ name: "DeleteConflictException", message: `Cannot delete entity, must ${what} first.` });
    await expect(client.send(new iam.DeleteRoleCommand({ RoleName }))).rejects.toMatchObject(conflict("remove roles from instance profile"));
    await expect(client.send(new iam.DeleteInstanceProfileCommand({ InstanceProfileName }))).rejects.toMatchObject(conflict("remove roles from instance profile"));
    await client.send(new iam.RemoveRoleFromInstanceProfileCommand({ InstanceProfileName, RoleName }));
    await client.send(new iam.DeleteInstanceProfileCommand({ InstanceProfileName }));
    await expect(client.send(new iam.DeleteRoleCommand({ RoleName }))).rejects.toMatchObject(conflict("detach all policies"));
    await client.send(new iam.DetachRolePolicyCommand({ RoleName, PolicyArn }));
    await client.send(new iam.DeleteRoleCommand({ RoleName }));
    await expect(client.send(new iam.GetRoleCommand({ RoleName }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
  });
});
