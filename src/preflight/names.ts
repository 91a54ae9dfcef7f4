/** A name the lesson will create is free, yours (your tag: resumed) or taken (no tag: the stack would fail AlreadyExists). */
import { awsCode, isSaidFailure } from "../errors.js";
import { participantOf } from "../participant.js";
import { commandPlace, failure, result, type CheckResult, type PreflightTarget, type PreflightReads } from "./check.js";
import { awsPort } from "../aws/port.js";
import { learnerCommand } from "../shell/lab-command.js";
import { labElsewhere, type LabRegion } from "./lab-elsewhere.js";
import { leftoverRole } from "./leftover-role.js";

/** What exists under a name: nothing, or a resource with its participant tag (if any). */
type Found = { exists: false } | { exists: true; owner: string | undefined };

const NOT_FOUND = new Set(["ValidationError", "NoSuchEntity", "NoSuchEntityException", "LoadBalancerNotFound", "LoadBalancerNotFoundException", "TargetGroupNotFound", "TargetGroupNotFoundException"]);
const DENIED = /AccessDenied|UnauthorizedOperation|Unauthorized/;
/** Names IAM holds for the whole account, whatever the region. */
const GLOBAL = new Set(["name.role", "name.instanceProfile"]);

async function lookup(read: () => Promise<Found>): Promise<Found> {
  try {
    return await read();
  } catch (e) {
    if (NOT_FOUND.has(awsCode(e) ?? "")) return { exists: false };
    throw e;
  }
}

async function stack(t: PreflightTarget, name: string): Promise<Found> {
  if (t.known?.stacks) {
    const s = t.known.stacks.find((k) => k.name === name);
    return s ? { exists: true, owner: s.participant } : { exists: false };
  }
  const s = (await awsPort(t.clients).cfn.describeStacks({ StackName: name })).Stacks?.[0];
  return s && s.StackStatus !== "DELETE_COMPLETE" ? { exists: true, owner: participantOf(s.Tags) } : { exists: false };
}

async function elbTags(t: PreflightTarget, arn: string | undefined): Promise<Found> {
  if (!arn) return { exists: false };
  const d = await awsPort(t.clients).elbv2.describeTags({ ResourceArns: [arn] });
  return { exists: true, owner: participantOf(d.TagDescriptions?.[0]?.Tags) };
}

interface NameProbe {
  id: string;
  kind: string;
  name: string;
  read: () => Promise<Found>;
}

/** What the name checks learned of the role with the lab's name: it exists without any participant tag; an instance profile holds it. */
interface RoleSeen {
  owner?: string | undefined;
  untagged?: boolean;
  heldByProfile?: boolean;
}

function probes(t: PreflightTarget, reads: PreflightReads, seen: RoleSeen): NameProbe[] {
  const { names } = t;
  const role = `${t.prefix}-ec2-role`;
  const profile = `${t.prefix}-ec2-instance-profile`;
  const tg = `${t.prefix}-tg`;
  return [
    { id: "name.consumerStack", kind: "AWS::CloudFormation::Stack", name: names.consumerStack, read: () => stack(t, names.consumerStack) },
    { id: "name.providerStack", kind: "AWS::CloudFormation::Stack", name: names.providerStack, read: () => stack(t, names.providerStack) },
    {
      id: "name.role",
      kind: "AWS::IAM::Role",
      name: role,
      read: async () => ({ exists: true, owner: participantOf((await awsPort(t.clients).iam.getRole({ RoleName: role })).Role?.Tags) }),
    },
    {
      // Instance profiles carry no stack tags: one holding this participant's role is theirs.
      id: "name.instanceProfile",
      kind: "AWS::IAM::InstanceProfile",
      name: profile,
      read: async () => {
        const p = (await awsPort(t.clients).iam.getInstanceProfile({ InstanceProfileName: profile })).InstanceProfile;
        seen.heldByProfile = (p?.Roles ?? []).some((r) => r.RoleName === role);
        return { exists: true, owner: seen.heldByProfile && seen.owner === t.prefix ? t.prefix : undefined };
      },
    },
    {
      id: "name.nlb",
      kind: "AWS::ElasticLoadBalancingV2::LoadBalancer",
      name: names.nlbName,
      read: async () => elbTags(t, (await reads.loadBalancers()).find((lb) => lb.LoadBalancerName === names.nlbName)?.LoadBalancerArn),
    },
    {
      id: "name.targetGroup",
      kind: "AWS::ElasticLoadBalancingV2::TargetGroup",
      name: tg,
      read: async () => elbTags(t, (await awsPort(t.clients).elbv2.describeTargetGroups({ Names: [tg] })).TargetGroups?.[0]?.TargetGroupArn),
    },
  ];
}

/** The other Regions holding this participant's lab; undefined when they cannot be read (no clients for them, or the Region list refused). */
async function labRegions(t: PreflightTarget): Promise<LabRegion[] | undefined> {
  if (!t.inRegion) return undefined;
  return labElsewhere(t).catch((e: unknown) => {
    if (isSaidFailure(e)) return undefined;
    throw e;
  });
}

/**
 * This participant's role exists but their Consumer stack (which makes it) is not in this region: their lab is in another
 * Region, and the stack here would fail on the role's name. Said with where it is and the commands for each way on.
 */
function roleFromElsewhere(t: PreflightTarget, role: CheckResult, there: LabRegion): CheckResult {
  const lesson = commandPlace(t);
  return result(role.id, "name", "fail", "doctor.name.elsewhere", {
    ...role.vars,
    prefix: t.prefix,
    region: there.region,
    here: t.region,
    stacks: there.stacks.join(", "),
    continue: learnerCommand("", lesson, { region: there.region }),
    destroy: learnerCommand("destroy", lesson, { region: there.region }),
  });
}

/** Some stack here made the role (CloudFormation finds a stack by a resource's physical id); when that cannot be read, assumed so. */
async function inAStack(t: PreflightTarget, role: string): Promise<boolean> {
  try {
    return ((await awsPort(t.clients).cfn.describeStackResources({ PhysicalResourceId: role })).StackResources ?? []).length > 0;
  } catch (e) {
    if (awsCode(e) === "ValidationError") return false;
    if (DENIED.test(awsCode(e) ?? "")) return true;
    throw e;
  }
}

/**
 * A role with this participant's lab role name but no tag, which no stack here made, while neither of their stack names is
 * taken here and no other Region holds their lab (the Regions could be read): most likely their own, made by hand, not another's.
 */
async function madeByHand(t: PreflightTarget, results: CheckResult[]): Promise<boolean> {
  const stacksFree = ["name.consumerStack", "name.providerStack"].every((id) => results.some((r) => r.id === id && r.key === "doctor.name.free"));
  const role = String(results.find((r) => r.id === "name.role")?.vars.name ?? "");
  return stacksFree && !(await inAStack(t, role)) && (await labRegions(t))?.length === 0;
}

export interface NameChecks {
  results: CheckResult[];
  /** Something of this participant's already exists: the lesson is being resumed. */
  resumed: boolean;
}

/** One result per name, in order (the role before its instance profile). */
export async function checkNames(t: PreflightTarget, reads: PreflightReads): Promise<NameChecks> {
  const results: CheckResult[] = [];
  const seen: RoleSeen = {};
  let resumed = false;
  for (const p of probes(t, reads, seen)) {
    const vars = { kind: p.kind, name: p.name };
    try {
      const found = await lookup(p.read);
      if (p.id === "name.role" && found.exists) Object.assign(seen, { owner: found.owner, untagged: found.owner === undefined });
      if (!found.exists) results.push(result(p.id, "name", "ok", "doctor.name.free", vars));
      else if (found.owner === t.prefix) {
        resumed = true;
        results.push(result(p.id, "name", "ok", "doctor.name.yours", vars));
      } else results.push(result(p.id, "name", "fail", "doctor.name.taken", { ...vars, owner: found.owner ?? "-", prefix: t.prefix }));
    } catch (e) {
      if (DENIED.test(awsCode(e) ?? "")) results.push(result(p.id, "name", "warn", "doctor.name.unchecked", { ...vars, code: awsCode(e) ?? "" }));
      else results.push(failure(p.id, "name", e, t));
    }
  }
  if (seen.untagged && (await madeByHand(t, results))) await leftoverRole(t, results, { untagged: true, heldByProfile: seen.heldByProfile === true });
  const role = results.findIndex((r) => r.id === "name.role" && r.key === "doctor.name.yours");
  const consumerHere = results.some((r) => r.id === "name.consumerStack" && r.key === "doctor.name.yours");
  // Other Regions that cannot be read: the role stays yours (its lab may be there).
  const regions = role >= 0 && !consumerHere ? await labRegions(t) : undefined;
  if (!regions) return { results, resumed };
  if (regions[0]) results[role] = roleFromElsewhere(t, results[role]!, regions[0]);
  else await leftoverRole(t, results);
  // Nothing of the lab in this region but what IAM shares with every region: not a lesson to continue here.
  return { results, resumed: results.some((r) => r.key === "doctor.name.yours" && !GLOBAL.has(r.id)) };
}
