/** How a challenge breaks a finished build, through the SDK calls a person would make, and how give-up undoes it. */
import type { IpPermission, SecurityGroupRule } from "@aws-sdk/client-ec2";
import type { LessonContext } from "../lesson/context.js";
import type { LinkId } from "../reachability/chain.js";
import { need, type LearnerPath } from "./learner-path.js";
import { acceptAndWait, recreateEndpoint } from "./repairs.js";
import { awsPort } from "../aws/port.js";
import { admits } from "../lesson/http-rule.js";
import { cidrContains } from "../reachability/security-groups.js";
import { learnersEndpoint } from "../lesson/cloud-view.js";
import { addedNotNeeded, CHALLENGE_PORT, closeAll, covers, permission, planCloseAll, reopenAll, type ExtraRule } from "./group-closures.js";
import { ignoreInvalidTarget } from "./aws-misses.js";

export type { ExtraRule };
type Undo = Record<string, string>;

/**
 * In two halves so a kill between them loses nothing: `plan` only reads (saved as the undo first), `apply` changes.
 * `restore` puts a working path back from what the cloud shows now (the undo, else the build's own shape), rerunnable.
 * `leaves`: how the break's link fails (a diagnose problem), its own evidence. `signs`: other links that fail while the
 * break or its repair is half done; they count only for a challenge on record (a missing endpoint is no rejected one).
 */
interface Breaker {
  /** `earlier`: the undo of a start this one resumes (a kill between two groups' closing): what it saved is kept. */
  plan(ctx: LessonContext, path: LearnerPath, earlier?: Undo): Promise<Undo>;
  /** Rules the learner added besides the fix, which the build does not need (told at check, never removed for them). */
  extras?(ctx: LessonContext, path: LearnerPath, undo: Undo): Promise<ExtraRule[]>;
  apply(ctx: LessonContext, path: LearnerPath, undo: Undo): Promise<void>;
  restore(ctx: LessonContext, path: LearnerPath, undo: Undo): Promise<void>;
  leaves: string;
  signs?: LinkId[];
}

/** The port a challenge moves the listener to. */
const WRONG_PORT = 8080;

const http = (cidr: string): IpPermission => ({ IpProtocol: "tcp", FromPort: CHALLENGE_PORT, ToPort: CHALLENGE_PORT, IpRanges: [{ CidrIp: cidr }] });

/** Is the CIDR `inner` inside `outer` (a /32 of the VPC, the VPC itself; never a wider range)? */
function cidrWithin(inner: string | undefined, outer: string | undefined): boolean {
  if (!inner || !outer) return false;
  const [base, bits] = inner.split("/");
  return Number(bits ?? "32") >= Number(outer.split("/")[1] ?? "32") && cidrContains(outer, base ?? "");
}

const HTTPS_OUT: IpPermission = { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] };
/** AWS's default outbound rule. */
const ALL_OUT: IpPermission = { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] };

const isHttpsOut = (r: SecurityGroupRule): boolean => r.IpProtocol === "tcp" && r.FromPort === 443 && r.ToPort === 443 && r.CidrIpv4 === "0.0.0.0/0";

/** The learner's endpoint's ENI addresses, as the path's read found them. */
function endpointIps(path: LearnerPath): string[] {
  const shapes = path.view.path?.shapes;
  const ep = shapes?.vpcEndpoints.find((e) => e.VpcEndpointId === path.endpointId);
  return (ep?.NetworkInterfaceIds ?? []).flatMap((id) => shapes?.networkInterfaces.find((n) => n.NetworkInterfaceId === id)?.PrivateIpAddress ?? []);
}

/** Does an outbound rule let HTTP reach the endpoint? With its addresses unseen, any HTTP out is given the benefit of the doubt. */
function httpToEndpoint(path: LearnerPath, r: SecurityGroupRule): boolean {
  const ips = endpointIps(path);
  if (ips.length === 0) return covers(r, CHALLENGE_PORT);
  return ips.some((ip) => admits([permission(r)], CHALLENGE_PORT, { ip, sgIds: path.endpointSgId ? [path.endpointSgId] : [] }));
}

/** The groups on the Provider instance (the lesson's first), as the path's read found them. */
function providerGroups(path: LearnerPath): string[] {
  const inst = path.view.path?.shapes?.targetInstances.find((i) => i.InstanceId === path.providerInstanceId);
  const ids = (inst?.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : []));
  return path.providerSgId ? [path.providerSgId, ...ids.filter((id) => id !== path.providerSgId)] : ids;
}

/** The wrong port, or the next one no listener of the NLB holds (a listener left on 8080 by an earlier fix: AWS refuses a duplicate). */
function freePort(path: LearnerPath): number {
  const used = new Set((path.view.path?.lb.listeners ?? []).map((l) => l.Port));
  let port = WRONG_PORT;
  while (used.has(port)) port++;
  return port;
}

type Target = { Id: string; Port: number };
const savedTargets = (undo: Undo): Target[] => JSON.parse(undo.targets ?? "[]") as Target[];

const GONE = /^(deleting|deleted|rejected|failed|expired)$/i;

export const BREAKERS: Record<string, Breaker> = {
  "revoke-endpoint-http": {
    leaves: "no-rule",
    // Every group on the endpoint that lets HTTP in (a learner's own beside the lesson's would keep the door open).
    plan: (ctx, path, earlier) => planCloseAll(ctx, { groupIds: learnersEndpoint(path.view)?.sgIds ?? [], egress: false, fallback: need(path, "endpointSgId").endpointSgId, earlier }),
    apply: (ctx, _path, undo) => closeAll(ctx, undo, false),
    restore: (ctx, path, undo) => reopenAll(ctx, undo, path.endpointSgId, http(`${path.consumerIp ?? "0.0.0.0"}/32`), false),
    // The endpoint needs HTTP from the Consumer instance (its address, a range holding it, or its group), nothing else.
    extras: (ctx, path, undo) =>
      addedNotNeeded(ctx, undo, false, (r) => Boolean(path.consumerIp) && admits([permission(r)], CHALLENGE_PORT, { ip: path.consumerIp ?? "", sgIds: path.consumerSgId ? [path.consumerSgId] : [] })),
  },
  "revoke-provider-http": {
    leaves: "no-rule",
    plan: (ctx, path, earlier) => planCloseAll(ctx, { groupIds: providerGroups(path), egress: false, fallback: need(path, "providerSgId").providerSgId, earlier }),
    apply: (ctx, _path, undo) => closeAll(ctx, undo, false),
    // The Provider template's own rule.
    restore: (ctx, path, undo) => reopenAll(ctx, undo, path.providerSgId, http("0.0.0.0/0"), false),
    // Only the NLB's nodes reach the Provider: HTTP from inside its own VPC, no more ("only what is needed").
    extras: (ctx, path, undo) => addedNotNeeded(ctx, undo, false, (r) => covers(r, CHALLENGE_PORT) && cidrWithin(r.CidrIpv4, path.providerVpcCidr)),
  },
  /** Outbound tightened to HTTPS only: SSM still works (it uses 443), HTTP does not leave. Give-up takes the HTTPS rule away again. */
  "consumer-egress": {
    leaves: "no-rule",
    plan: (ctx, path, earlier) =>
      planCloseAll(ctx, { groupIds: path.view.consumerInstance?.sgIds ?? [], egress: true, fallback: need(path, "consumerSgId").consumerSgId, add: { rule: HTTPS_OUT, like: isHttpsOut }, earlier }),
    apply: (ctx, _path, undo) => closeAll(ctx, undo, true),
    restore: (ctx, path, undo) => reopenAll(ctx, undo, path.consumerSgId, ALL_OUT, true),
    // HTTP out to the endpoint is the fix (its address, a range holding it, or its group); the HTTPS rule is the break's own (SSM needs it).
    extras: (ctx, path, undo) => addedNotNeeded(ctx, undo, true, (r) => isHttpsOut(r) || httpToEndpoint(path, r)),
  },
  "reject-connection": {
    leaves: "rejected",
    signs: ["endpoint", "dns-name"],
    plan: async (_ctx, path) => ({ endpointId: need(path, "endpointId").endpointId }),
    async apply(ctx, path, undo) {
      const serviceId = need(path, "serviceId").serviceId;
      await awsPort(ctx.clients).ec2.rejectVpcEndpointConnections({ ServiceId: serviceId, VpcEndpointIds: [undo.endpointId ?? ""] });
    },
    /** A rejected endpoint cannot be accepted again: replaced by one like it, each part only while still needed. */
    async restore(ctx, path) {
      const serviceId = need(path, "serviceId").serviceId;
      let id = path.endpointId;
      if (id && GONE.test(path.endpointState ?? "")) {
        if (!/^(deleting|deleted)$/i.test(path.endpointState ?? "")) await awsPort(ctx.clients).ec2.deleteVpcEndpoints({ VpcEndpointIds: [id] });
        id = undefined;
      }
      id ??= await recreateEndpoint(ctx, path);
      await acceptAndWait(ctx, serviceId, id);
    },
  },
  "listener-port": {
    leaves: "wrong-port",
    plan: async (_ctx, path) => {
      const p = need(path, "listenerArn", "listenerPort");
      return { listenerArn: p.listenerArn, port: String(p.listenerPort), wrongPort: String(freePort(path)) };
    },
    apply: async (ctx, _path, undo) => {
      await awsPort(ctx.clients).elbv2.modifyListener({ ListenerArn: undo.listenerArn, Port: Number(undo.wrongPort ?? WRONG_PORT) });
    },
    async restore(ctx, path, undo) {
      const arn = undo.listenerArn ?? path.listenerArn;
      const port = Number(undo.port ?? CHALLENGE_PORT);
      if (arn && path.listenerPort !== port) await awsPort(ctx.clients).elbv2.modifyListener({ ListenerArn: arn, Port: port });
    },
  },
  "deregister-target": {
    leaves: "no-targets",
    // The targets as the path's read found them (its target group's health).
    plan: async (_ctx, path) => {
      const tg = need(path, "targetGroupArn").targetGroupArn;
      const health = path.view.path?.lb.targetHealth[tg] ?? [];
      const targets = health.flatMap((h) => (h.Target?.Id ? [{ Id: h.Target.Id, Port: h.Target.Port ?? CHALLENGE_PORT }] : []));
      return { targetGroupArn: tg, targets: JSON.stringify(targets) };
    },
    async apply(ctx, _path, undo) {
      const targets = savedTargets(undo);
      // A retry after a lost answer finds the targets gone already (InvalidTarget): the break is done.
      if (undo.targetGroupArn && targets.length > 0) await awsPort(ctx.clients).elbv2.deregisterTargets({ TargetGroupArn: undo.targetGroupArn, Targets: targets }).catch(ignoreInvalidTarget);
    },
    async restore(ctx, path, undo) {
      const saved = savedTargets(undo);
      const targets = saved.length > 0 ? saved : path.providerInstanceId ? [{ Id: path.providerInstanceId, Port: CHALLENGE_PORT }] : [];
      const tg = undo.targetGroupArn ?? path.targetGroupArn;
      // Registering a target that is already registered changes nothing (as AWS does).
      if (tg && targets.length > 0) await awsPort(ctx.clients).elbv2.registerTargets({ TargetGroupArn: tg, Targets: targets });
    },
  },
};
