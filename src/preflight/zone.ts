/** The instance type and AMI the lesson launches, and the AZ both VPCs go to. */
import type { AvailabilityZone } from "@aws-sdk/client-ec2";
import { LabError } from "../errors.js";
import type { AwsClients } from "../aws/clients.js";
import { awsPort } from "../aws/port.js";

export const INSTANCE_TYPE = "t3.micro";
export const AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/** The first available AZ (by name) of `zones` that offers the instance type: both VPCs go there. */
export async function pickZone(at: { clients: AwsClients; region: string }, zones: AvailabilityZone[]): Promise<string> {
  const offered = await awsPort(at.clients).ec2.describeInstanceTypeOfferings({ LocationType: "availability-zone", Filters: [{ Name: "instance-type", Values: [INSTANCE_TYPE] }] });
  const ok = new Set((offered.InstanceTypeOfferings ?? []).map((o) => o.Location));
  const names = zones.filter((z) => z.State === "available").map((z) => z.ZoneName ?? "").filter((z) => ok.has(z)).sort();
  const first = names[0];
  if (!first) throw new LabError("error.noZone", { type: INSTANCE_TYPE, region: at.region });
  return first;
}
