/**
 * Whether an instance's SSM Agent has registered with Systems Manager (PingStatus Online), derived
 * from the world at `now`. In a VPC with no internet, as in the lesson, the agent reaches SSM
 * through interface endpoints. It is Online about a minute after all of these hold:
 * - the instance is running;
 * - it has an instance profile whose role carries AmazonSSMManagedInstanceCore;
 * - its VPC has `ssm` and `ssmmessages` interface endpoints, `available`, with PrivateDnsEnabled
 *   (the agent calls `ssm.<region>.amazonaws.com`), and the VPC has DNS support and hostnames on;
 * - their security groups admit TCP 443 from the instance (and its own egress allows it).
 * (Agent 3.3.40+ runs commands over ssmmessages; `ec2messages` is not required.)
 * Otherwise the instance is absent from DescribeInstanceInformation; `blockers` says why.
 *
 * The PingStatus Systems Manager shows, as AWS has them: Online (the agent reaches SSM now);
 * ConnectionLost (it was Online, and has lost its way since: the ssm/ssmmessages endpoints were
 * deleted, the instance is shutting down, its role lost the policy...); Inactive (the instance was
 * registered and is now terminated: listed for an hour, then gone). An instance whose agent never
 * registered is not listed. "Was Online" is read from the world's own history: the agent's status
 * just before each thing it needs disappeared, and (the world keeps no history of rules) the moment
 * before a network change that cut it off (`rememberAgentsOnline`).
 */
import { after, readyMoment, settled, type Moment, type Speed } from "../clock.js";
import { egressAllows, ingressAllows } from "../../reachability/security-groups.js";
import { exists, live, type Instance, type RegionWorld, type VpcEndpoint, type World } from "../world.js";
import { endpointState } from "./endpoint-state.js";
import { instanceStateAt, runningMoment } from "./target-health.js";

const SSM_CORE_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
/** Seconds from "everything is in place" to the agent showing Online. */
const AGENT_REGISTRATION_SECONDS = 60;
type PingStatus = "Online" | "ConnectionLost" | "Inactive";
/** How long a terminated instance stays listed as Inactive (AWS seconds). */
const INACTIVE_LISTED_SECONDS = 3600;
export const SSM_AGENT_VERSION = "3.3.1611.0";

type AgentBlockerCode =
  | "instance-not-running"
  | "no-instance-profile"
  | "role-missing-ssm-policy"
  | "vpc-dns-disabled"
  | "no-endpoint"
  | "endpoint-not-available"
  | "endpoint-private-dns-disabled"
  | "endpoint-sg-denies-443"
  | "instance-sg-egress-denies-443"
  | "agent-registering";

interface AgentBlocker {
  code: AgentBlockerCode;
  /** What it is about: the endpoint service (`com.amazonaws.<region>.ssm`), role name, VPC id... */
  subject?: string;
}

interface AgentStatus {
  online: boolean;
  /** When it became (or will become) Online, if nothing else changes. */
  onlineAt?: number;
  blockers: AgentBlocker[];
}

function roleBlockers(world: World, inst: Instance, now: number): { blockers: AgentBlocker[]; ready: Moment[] } {
  const profile = Object.values(world.instanceProfiles).find((p) => p.Arn === inst.IamInstanceProfileArn && exists(p.life, now));
  if (!inst.IamInstanceProfileArn || !profile) return { blockers: [{ code: "no-instance-profile" }], ready: [] };
  const roles = profile.Roles.map((name) => world.iamRoles[name] ?? Object.values(world.iamRoles).find((r) => r.RoleName === name));
  const good = roles.find((r) => r !== undefined && exists(r.life, now) && r.ManagedPolicyArns.includes(SSM_CORE_POLICY_ARN));
  if (!good) return { blockers: [{ code: "role-missing-ssm-policy", subject: profile.Roles[0] ?? profile.InstanceProfileName }], ready: [] };
  return { blockers: [], ready: [readyMoment(profile.life), readyMoment(good.life)] };
}

function endpointBlockers(rw: RegionWorld, inst: Instance, serviceName: string, now: number): { blockers: AgentBlocker[]; ready: Moment[] } {
  const candidates = live(rw.vpcEndpoints, now).filter((ep) => ep.VpcId === inst.VpcId && ep.ServiceName === serviceName && ep.VpcEndpointType === "Interface");
  if (candidates.length === 0) return { blockers: [{ code: "no-endpoint", subject: serviceName }], ready: [] };
  const problems = candidates.map((ep) => endpointProblem(rw, inst, ep, now));
  const i = problems.findIndex((p) => p === undefined);
  if (i >= 0) return { blockers: [], ready: [readyMoment(candidates[i]!.life)] };
  return { blockers: [{ code: problems[0]!, subject: serviceName }], ready: [] };
}

function endpointProblem(rw: RegionWorld, inst: Instance, ep: VpcEndpoint, now: number): AgentBlockerCode | undefined {
  if (endpointState(ep, now) !== "available") return "endpoint-not-available";
  if (!ep.PrivateDnsEnabled) return "endpoint-private-dns-disabled";
  const groups = live(rw.securityGroups, now);
  const enis = ep.NetworkInterfaceIds.map((id) => rw.networkInterfaces[id]).filter((e) => e !== undefined);
  const ip = enis[0]?.PrivateIpAddress ?? "0.0.0.0";
  if (!egressAllows(groups, inst.SecurityGroupIds, "tcp", 443, { ip, groupIds: ep.SecurityGroupIds })) return "instance-sg-egress-denies-443";
  const from = { ip: inst.PrivateIpAddress, groupIds: inst.SecurityGroupIds };
  if (!ingressAllows(groups, ep.SecurityGroupIds, "tcp", 443, from)) return "endpoint-sg-denies-443";
  return undefined;
}

export function ssmAgentStatus(world: World, region: string, inst: Instance, now: number, speed: Speed): AgentStatus {
  const rw = world.regions[region];
  if (!rw || instanceStateAt(inst, now) !== "running") return { online: false, blockers: [{ code: "instance-not-running" }] };
  const blockers: AgentBlocker[] = [];
  const role = roleBlockers(world, inst, now);
  blockers.push(...role.blockers);
  const vpc = rw.vpcs[inst.VpcId];
  if (!vpc || !vpc.EnableDnsSupport || !vpc.EnableDnsHostnames) blockers.push({ code: "vpc-dns-disabled", subject: inst.VpcId });
  const ssm = endpointBlockers(rw, inst, `com.amazonaws.${region}.ssm`, now);
  const messages = endpointBlockers(rw, inst, `com.amazonaws.${region}.ssmmessages`, now);
  blockers.push(...ssm.blockers, ...messages.blockers);
  if (blockers.length > 0) return { online: false, blockers };
  // The agent registers at the speed in force when the last of these was in place.
  const from = settled([runningMoment(inst, now), ...role.ready, ...ssm.ready, ...messages.ready], speed);
  const onlineAt = after(from.at, AGENT_REGISTRATION_SECONDS, from.speed);
  if (now < onlineAt) return { online: false, onlineAt, blockers: [{ code: "agent-registering" }] };
  return { online: true, onlineAt, blockers: [] };
}

/** Moments just before something the agent needs went away (or the instance began to stop). */
function lossMoments(world: World, region: string, inst: Instance, now: number): number[] {
  const rw = world.regions[region];
  const ends = [inst.life.deleteRequestedAt, inst.life.deletedAt, ...(inst.power ?? []).filter((p) => p.state === "stopping").map((p) => p.from)];
  for (const ep of Object.values(rw?.vpcEndpoints ?? {})) if (ep.VpcId === inst.VpcId) ends.push(ep.life.deleteRequestedAt, ep.life.deletedAt);
  for (const p of Object.values(world.instanceProfiles)) ends.push(p.life.deletedAt);
  for (const r of Object.values(world.iamRoles)) ends.push(r.life.deletedAt);
  return ends.filter((t): t is number => t !== undefined && t <= now).map((t) => t - 1);
}

/**
 * Before a change to the network the agents use (a security group's rules, an endpoint's groups, subnets or DNS): each
 * agent of the region Online now is remembered so, for it to show ConnectionLost if the change cuts it off.
 */
export function rememberAgentsOnline(world: World, region: string, now: number, speed: Speed): void {
  for (const inst of Object.values(world.regions[region]?.instances ?? {})) {
    if (exists(inst.life, now) && ssmAgentStatus(world, region, inst, now, speed).online) inst.agentOnlineAt = now;
  }
}

export function pingStatus(world: World, region: string, inst: Instance, now: number, speed: Speed): { status: PingStatus; lastPing: number } | undefined {
  if (ssmAgentStatus(world, region, inst, now, speed).online) return { status: "Online", lastPing: now };
  const remembered = inst.agentOnlineAt !== undefined && inst.agentOnlineAt <= now ? [inst.agentOnlineAt] : [];
  const wasOnline = [...lossMoments(world, region, inst, now).filter((t) => ssmAgentStatus(world, region, inst, t, speed).online), ...remembered].sort((a, b) => b - a)[0];
  if (wasOnline === undefined) return undefined;
  const gone = inst.life.deletedAt;
  if (gone !== undefined && gone <= now) return now < after(gone, INACTIVE_LISTED_SECONDS, speed) ? { status: "Inactive", lastPing: wasOnline } : undefined;
  return { status: "ConnectionLost", lastPing: wasOnline };
}
