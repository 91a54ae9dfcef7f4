/**
 * IAM is global, stacks are regional: a role of this participant's with no stack of theirs in this region was made by their
 * lab in another Region (a lost progress file, then another default Region: the language's, or AWS_REGION). Which one is
 * read from the account: each of its other Regions is asked for the lab's two stacks.
 */
import { awsCode, isSaidFailure } from "../errors.js";
import type { AwsClients } from "../aws/clients.js";
import { awsPort } from "../aws/port.js";
import { participantOf } from "../participant.js";
import type { PreflightTarget } from "./check.js";

/** A Region holding this participant's stacks, and their names. */
export interface LabRegion {
  region: string;
  stacks: string[];
}

/** The stack of this name in `clients`' region, if it exists and is this participant's. */
async function ownStack(clients: AwsClients, name: string, prefix: string): Promise<string | undefined> {
  try {
    const s = (await awsPort(clients).cfn.describeStacks({ StackName: name })).Stacks?.[0];
    return s && s.StackStatus !== "DELETE_COMPLETE" && participantOf(s.Tags) === prefix ? name : undefined;
  } catch (e) {
    if (awsCode(e) === "ValidationError") return undefined;
    throw e;
  }
}

async function labIn(t: PreflightTarget, region: string, inRegion: (region: string) => Promise<AwsClients>): Promise<LabRegion | undefined> {
  try {
    const clients = await inRegion(region);
    const found = await Promise.all([t.names.consumerStack, t.names.providerStack].map((name) => ownStack(clients, name, t.prefix)));
    const stacks = found.filter((s): s is string => s !== undefined);
    return stacks.length > 0 ? { region, stacks } : undefined;
  } catch (e) {
    // A Region that does not answer (not enabled, denied, unreachable) holds nothing we can name: the others still count.
    if (isSaidFailure(e)) return undefined;
    throw e;
  }
}

/** The other Regions where this participant's stacks are, sorted; none when the target cannot reach other Regions. */
export async function labElsewhere(t: PreflightTarget): Promise<LabRegion[]> {
  const { inRegion } = t;
  if (!inRegion) return [];
  const regions = ((await awsPort(t.clients).ec2.describeRegions({})).Regions ?? []).map((r) => r.RegionName ?? "").filter((r) => r && r !== t.region).sort();
  const found = await Promise.all(regions.map((region) => labIn(t, region, inRegion)));
  return found.filter((f): f is LabRegion => f !== undefined);
}
