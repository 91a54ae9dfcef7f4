/**
 * The PingStatus Systems Manager shows for an instance, as AWS has them:
 * - Online: the agent reaches SSM now;
 * - ConnectionLost: it was Online, and has lost its way since (the ssm/ssmmessages endpoints were
 *   deleted, the instance is shutting down, its role lost the policy...);
 * - Inactive: the instance was registered and is now terminated (listed for an hour, then gone).
 * An instance whose agent never registered is not listed. "Was Online" is read from the world's
 * own history: the agent's status just before each thing it needs disappeared.
 */
import { after, type Speed } from "../clock.js";
import type { Instance, World } from "../world.js";
import { ssmAgentStatus } from "./ssm-agent.js";

export type PingStatus = "Online" | "ConnectionLost" | "Inactive";
/** How long a terminated instance stays listed as Inactive (AWS seconds). */
const INACTIVE_LISTED_SECONDS = 3600;

/** Moments just before something the agent needs went away (or the instance began to stop). */
function lossMoments(world: World, region: string, inst: Instance, now: number): number[] {
  const rw = world.regions[region];
  const ends = [inst.life.deleteRequestedAt, inst.life.deletedAt, ...(inst.power ?? []).filter((p) => p.state === "stopping").map((p) => p.from)];
  for (const ep of Object.values(rw?.vpcEndpoints ?? {})) if (ep.VpcId === inst.VpcId) ends.push(ep.life.deleteRequestedAt, ep.life.deletedAt);
  for (const p of Object.values(world.instanceProfiles)) ends.push(p.life.deletedAt);
  for (const r of Object.values(world.iamRoles)) ends.push(r.life.deletedAt);
  return ends.filter((t): t is number => t !== undefined && t <= now).map((t) => t - 1);
}

export function pingStatus(world: World, region: string, inst: Instance, now: number, speed: Speed): { status: PingStatus; lastPing: number } | undefined {
  if (ssmAgentStatus(world, region, inst, now, speed).online) return { status: "Online", lastPing: now };
  const wasOnline = lossMoments(world, region, inst, now)
    .filter((t) => ssmAgentStatus(world, region, inst, t, speed).online)
    .sort((a, b) => b - a)[0];
  if (wasOnline === undefined) return undefined;
  const gone = inst.life.deletedAt;
  if (gone !== undefined && gone <= now) return now < after(gone, INACTIVE_LISTED_SECONDS, speed) ? { status: "Inactive", lastPing: wasOnline } : undefined;
  return { status: "ConnectionLost", lastPing: wasOnline };
}
