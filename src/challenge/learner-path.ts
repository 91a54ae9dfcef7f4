/** The ids a challenge breaks and a form repairs, found by relation in the one read of the cloud. */
import { learnersEndpoint, ourService, readCloud, type CloudView } from "../lesson/cloud-view.js";
import type { LessonContext } from "../lesson/context.js";
import { LabError } from "../errors.js";
import type { ParticipantNames } from "../participant.js";

/** The port curl asks the endpoint for. */
const HTTP_PORT = 80;

export interface LearnerPath {
  view: CloudView;
  consumerInstanceId?: string;
  consumerIp?: string;
  consumerSgId?: string;
  consumerVpcId?: string;
  consumerSubnetId?: string;
  endpointId?: string;
  endpointState?: string;
  endpointSgId?: string;
  dnsRegional?: string;
  serviceId?: string;
  serviceName?: string;
  nlbArn?: string;
  listenerArn?: string;
  listenerPort?: number;
  targetGroupArn?: string;
  providerInstanceId?: string;
  providerSgId?: string;
  providerVpcId?: string;
  providerVpcCidr?: string;
  consumerVpcCidr?: string;
}

/** The ids, from a view read with the learner's path. Pure. */
export function learnerPath(view: CloudView, names: ParticipantNames): LearnerPath {
  const c = view.consumer?.resources ?? {};
  const p = view.provider?.resources ?? {};
  const svc = ourService(view);
  const ep = learnersEndpoint(view);
  const nlbArn = svc?.nlbArns[0] ?? p.NLB;
  const listeners = view.path?.lb.listeners ?? [];
  // The one curl goes through (port 80 to the Provider's targets), before any other left beside it (say 8080, after a
  // wrong-number fixed with a new listener): breaking that other one would break nothing.
  const toTargets = listeners.filter((x) => x.DefaultActions?.some((a) => a.TargetGroupArn === p.TargetGroup));
  const listener = toTargets.find((x) => x.Port === HTTP_PORT) ?? toTargets[0] ?? listeners[0];
  const cidrs = view.path?.vpcCidrs ?? {};
  const entries: [keyof LearnerPath, string | number | undefined][] = [
    ["consumerInstanceId", view.consumerInstance?.id ?? c.EC2Instance],
    ["consumerIp", view.consumerInstance?.ip],
    ["consumerSgId", view.consumerInstance?.sgIds[0] ?? c.SecurityGroup],
    ["consumerVpcId", c.Vpc],
    ["consumerSubnetId", c.PrivateSubnet],
    ["endpointId", ep?.id],
    ["endpointState", ep?.state],
    // With no endpoint (give-up replacing a rejected one), the group the lesson made for it.
    ["endpointSgId", ep?.sgIds[0] ?? view.endpointSgs.find((g) => g.name === names.endpointSgName)?.id],
    ["dnsRegional", ep?.dnsRegional],
    ["serviceId", svc?.id],
    ["serviceName", svc?.name],
    ["nlbArn", nlbArn],
    ["listenerArn", listener?.ListenerArn],
    ["listenerPort", listener?.Port],
    ["targetGroupArn", p.TargetGroup],
    ["providerInstanceId", p.EC2Instance],
    ["providerSgId", p.SecurityGroup],
    ["providerVpcId", p.Vpc],
    ["providerVpcCidr", p.Vpc ? cidrs[p.Vpc] : undefined],
    ["consumerVpcCidr", c.Vpc ? cidrs[c.Vpc] : undefined],
  ];
  return { view, ...Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== "")) } as LearnerPath;
}

/** The learner's path, from a new read of the cloud with the path. */
export async function readLearnerPath(ctx: LessonContext): Promise<LearnerPath> {
  return learnerPath(await readCloud(ctx.clients, ctx.names, { path: true }), ctx.names);
}

/** The ids a step of a challenge needs, or a LabError naming what is missing. */
export function need<K extends keyof LearnerPath>(path: LearnerPath, ...keys: K[]): Required<Pick<LearnerPath, K>> {
  for (const k of keys) {
    if (path[k] === undefined) throw new LabError("challenge.notBuilt", { what: String(k) });
  }
  return path as unknown as Required<Pick<LearnerPath, K>>;
}
