/** The instance type and AMI the lesson launches, and the AZ both VPCs go to. */
import { LabError } from "../errors.js";
import type { AwsClients } from "../aws/clients.js";
import { awsPort } from "../aws/port.js";

export const INSTANCE_TYPE = "t3.micro";
export const AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/** The first AZ (by name) that offers the instance type: both VPCs go there. */
export async function pickZone(ctx: { clients: AwsClients; state: { region: string } }): Promise<string> {
  const { ec2 } = awsPort(ctx.clients);
  const zones = await ec2.describeAvailabilityZones({ Filters: [{ Name: "state", Values: ["available"] }] });
  const offered = await ec2.describeInstanceTypeOfferings({ LocationType: "availability-zone", Filters: [{ Name: "instance-type", Values: [INSTANCE_TYPE] }] });
  const ok = new Set((offered.InstanceTypeOfferings ?? []).map((o) => o.Location));
  const names = (zones.AvailabilityZones ?? []).map((z) => z.ZoneName ?? "").filter((z) => ok.has(z)).sort();
  const first = names[0];
  if (!first) throw new LabError("error.noZone", { type: INSTANCE_TYPE, region: ctx.state.region });
  return first;
}
