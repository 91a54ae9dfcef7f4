/**
 * How long a deleted record stays in the account: as long as AWS still shows it, in the sandbox's
 * own time (the speed factor shortens it as it shortens every AWS duration), then it is dropped.
 *
 * - EC2: "Terminated instances remain visible after termination (for approximately one hour)"
 *   (EC2 API Reference, TerminateInstances:
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TerminateInstances.html); deleted
 *   VPC endpoints and the rest of the simulated resources are kept as long.
 * - CloudFormation: "Summary information for stacks that have been deleted is kept for 90 days
 *   after the stack is deleted" (API Reference, ListStacks:
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStacks.html).
 * - Run Command: "Run Command stores the command history for 30 days" (EC2 User Guide, "Manage
 *   Amazon EC2 Instances Remotely").
 *
 * Whatever the speed, a record stays at least `FLOOR_MS` of real time: at instant speed a deleted
 * endpoint is still seen as `deleted` by the next command (and by a second terminal), as on AWS.
 */
import { after, type Speed } from "../clock.js";

const HOUR = 3600;
const DAY = 24 * HOUR;
const RETENTION_SECONDS = { deleted: HOUR, stacks: 90 * DAY, ssmCommands: 30 * DAY } as const;
const FLOOR_MS = 5 * 60_000;

interface Timed {
  life?: { deletedAt?: number };
  DeletionTime?: number;
  RequestedDateTime?: number;
}

/** When the record may be dropped (ms epoch), or null while it must stay. */
export function expiresAt(kind: string, entity: unknown, speed: Speed): number | null {
  const e = entity as Timed;
  const keep = (from: number, seconds: number) => Math.max(after(from, seconds, speed), from + FLOOR_MS);
  if (kind === "ssmCommands") return typeof e.RequestedDateTime === "number" ? keep(e.RequestedDateTime, RETENTION_SECONDS.ssmCommands) : null;
  const deletedAt = e.life?.deletedAt ?? e.DeletionTime;
  if (typeof deletedAt !== "number") return null;
  return keep(deletedAt, kind === "stacks" ? RETENTION_SECONDS.stacks : RETENTION_SECONDS.deleted);
}
