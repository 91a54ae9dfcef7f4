/** Who am I, is the region real, which AZ offers the lesson's instance type, does its AMI parameter resolve. */
import type { AvailabilityZone } from "@aws-sdk/client-ec2";
import { awsCode, errorMessage, LabError } from "../errors.js";
import { failure, result, type CheckResult, type PreflightTarget, type PreflightReads } from "./check.js";
import type { AwsClients } from "../aws/clients.js";
import { awsPort } from "../aws/port.js";

export const INSTANCE_TYPE = "t3.micro";
const AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/** The first available AZ (by name) of `zones` that offers the instance type: both VPCs go there. */
async function pickZone(at: { clients: AwsClients; region: string }, zones: AvailabilityZone[]): Promise<string> {
  const offered = await awsPort(at.clients).ec2.describeInstanceTypeOfferings({ LocationType: "availability-zone", Filters: [{ Name: "instance-type", Values: [INSTANCE_TYPE] }] });
  const ok = new Set((offered.InstanceTypeOfferings ?? []).map((o) => o.Location));
  const names = zones.filter((z) => z.State === "available").map((z) => z.ZoneName ?? "").filter((z) => ok.has(z)).sort();
  const first = names[0];
  if (!first) throw new LabError("error.noZone", { type: INSTANCE_TYPE, region: at.region });
  return first;
}

export interface AccountFacts {
  accountId?: string;
  arn?: string;
  zone?: string;
  ami?: string;
}

export async function checkIdentity(t: PreflightTarget, facts: AccountFacts): Promise<CheckResult> {
  try {
    const me = t.known?.caller ?? (await awsPort(t.clients).sts.getCallerIdentity({}));
    facts.accountId = me.Account ?? "";
    facts.arn = me.Arn ?? "";
    return result("identity", "account", "ok", "doctor.identity.ok", { account: facts.accountId, arn: facts.arn });
  } catch (e) {
    return failure("identity", "account", e, t);
  }
}

const REGION_SHAPE = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The region is well-formed and answers with Availability Zones. */
export async function checkRegion(t: PreflightTarget, reads: PreflightReads): Promise<CheckResult> {
  if (!REGION_SHAPE.test(t.region)) return result("region", "account", "fail", "doctor.region.invalid", { region: t.region });
  try {
    const n = (await reads.zones()).length;
    if (n === 0) return result("region", "account", "fail", "doctor.region.unknown", { region: t.region });
    return result("region", "account", "ok", "doctor.region.ok", { region: t.region, zones: n });
  } catch (e) {
    if (awsCode(e)) return failure("region", "account", e, t);
    return result("region", "account", "fail", "doctor.region.unreachable", { region: t.region, message: errorMessage(e) });
  }
}

export async function checkZone(t: PreflightTarget, facts: AccountFacts, reads: PreflightReads): Promise<CheckResult> {
  try {
    facts.zone = t.az ?? (await pickZone(t, await reads.zones()));
    return result("zone", "account", "ok", "doctor.zone.ok", { zone: facts.zone, type: INSTANCE_TYPE });
  } catch (e) {
    if (e instanceof LabError) return { ...result("zone", "account", "fail", e.key, e.vars), error: e };
    return failure("zone", "account", e, t);
  }
}

export async function checkAmi(t: PreflightTarget, facts: AccountFacts): Promise<CheckResult> {
  try {
    const params = await awsPort(t.clients).ssm.getParameters({ Names: [AMI_PARAMETER] });
    const ami = params.Parameters?.[0]?.Value;
    if (!ami) return result("ami", "account", "fail", "error.amiParameter", { name: AMI_PARAMETER, region: t.region });
    facts.ami = ami;
    return result("ami", "account", "ok", "doctor.ami.ok", { ami });
  } catch (e) {
    return failure("ami", "account", e, t);
  }
}
