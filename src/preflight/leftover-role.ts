/**
 * This participant's role (their tag on it) with no Consumer stack of theirs here or in any other Region: left over — its
 * stack deleted with the role kept, or the role made by hand. The lesson's stack would fail on its name (the role already
 * exists), so the preflight stops before anything is created and gives the commands that delete it, in the order IAM
 * insists on: out of its instance profile (the lab's, when it holds it), that profile deleted, every policy detached,
 * then the role. A role with exactly their lab role name but no tag at all, made by no stack, with no lab of theirs
 * anywhere (names.ts), is most likely theirs, made by hand: the same commands, or the command under another prefix.
 */
import { awsCode } from "../errors.js";
import { awsPort } from "../aws/port.js";
import { allPages } from "../aws/pages.js";
import { awsCommands, continueCommand, learnerCommand } from "../shell/lab-command.js";
import { awsPlace, commandPlace, result, type CheckResult, type PreflightTarget } from "./check.js";

/** What the lab's template attaches to its role (templates/Consumer.yml), said when the role's own list cannot be read. */
const LAB_POLICY = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
const DENIED = /AccessDenied|Unauthorized/;

/** What is attached to the role (managed) and in it (inline); a list that cannot be read: what the lab gave it. */
async function policiesOf(t: PreflightTarget, role: string): Promise<{ attached: string[]; inline: string[] }> {
  const iam = awsPort(t.clients).iam;
  const read = async <T>(list: () => Promise<T[]>, lab: T[]): Promise<T[]> => {
    try {
      return await list();
    } catch (e) {
      if (DENIED.test(awsCode(e) ?? "")) return lab;
      throw e;
    }
  };
  const attached = read(() => allPages(async (Marker) => {
    const out = await iam.listAttachedRolePolicies({ RoleName: role, ...(Marker ? { Marker } : {}) });
    return { items: (out.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? ""), next: out.IsTruncated ? out.Marker : undefined };
  }), [LAB_POLICY]);
  const inline = read(() => allPages(async (Marker) => {
    const out = await iam.listRolePolicies({ RoleName: role, ...(Marker ? { Marker } : {}) });
    return { items: out.PolicyNames ?? [], next: out.IsTruncated ? out.Marker : undefined };
  }), []);
  return { attached: (await attached).filter(Boolean), inline: await inline };
}

/** The `aws iam` commands that delete the role, in IAM's order (`profile`: the lab's instance profile, when it holds the role). */
async function deleteCommands(t: PreflightTarget, role: string, profile: string | undefined): Promise<string[][]> {
  const { attached, inline } = await policiesOf(t, role);
  return [
    ...(profile ? [["iam", "remove-role-from-instance-profile", "--instance-profile-name", profile, "--role-name", role], ["iam", "delete-instance-profile", "--instance-profile-name", profile]] : []),
    ...attached.map((arn) => ["iam", "detach-role-policy", "--role-name", role, "--policy-arn", arn]),
    ...inline.map((name) => ["iam", "delete-role-policy", "--role-name", role, "--policy-name", name]),
    ["iam", "delete-role", "--role-name", role],
  ];
}

/** A role with the lab's name but no participant tag (`heldByProfile`: the lab's instance profile holds it). */
export interface UntaggedRole {
  untagged: true;
  heldByProfile: boolean;
}

/**
 * The role's check as a leftover, and the instance profile's (when it holds the role) as going with it. `results` holds
 * both checks (`name.role`, then `name.instanceProfile`), each "yours" — or, for a role without any tag (`untagged`),
 * each "taken": most likely the learner's own role made by hand, said so with the commands that delete it and the one
 * that starts under another prefix instead. The two are replaced.
 */
export async function leftoverRole(t: PreflightTarget, results: CheckResult[], untagged?: UntaggedRole): Promise<void> {
  const r = results.findIndex((x) => x.id === "name.role");
  const p = untagged
    ? results.findIndex((x) => x.id === "name.instanceProfile" && x.key !== "doctor.name.free" && untagged.heldByProfile)
    : results.findIndex((x) => x.id === "name.instanceProfile" && x.key === "doctor.name.yours");
  const role = results[r]!;
  const profile = p >= 0 ? results[p]! : undefined;
  const place = commandPlace(t);
  const commands = awsCommands(await deleteCommands(t, String(role.vars.name), profile ? String(profile.vars.name) : undefined), await awsPlace(t));
  // In the sandbox the fix also says where its commands go, and how a terminal reaches it.
  const where = place.state.backend === "sandbox" ? "Sandbox" : "";
  const key = `doctor.name.${untagged ? "untagged" : "leftover"}${where}`;
  const other: Record<string, string> = untagged ? { other: learnerCommand("", place, { prefix: `${t.prefix}-2` }) } : {};
  results[r] = result(role.id, "name", "fail", key, { ...role.vars, prefix: t.prefix, commands, again: continueCommand(place), ...other });
  if (profile) results[p] = result(profile.id, "name", "fail", "doctor.name.leftoverProfile", { ...profile.vars, role: String(role.vars.name) });
}
