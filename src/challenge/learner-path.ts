/**
 * The ids a challenge breaks and a form repairs, found by relation from the lesson's view: the
 * Consumer instance and its group, the learner's endpoint and its group, their service, its NLB,
 * the listener that forwards to the Provider's target group, and the Provider instance and group.
 */
import { ourService, readCloud, type CloudView } from "../lesson/cloud-view.js";
import type { LessonContext } from "../lesson/context.js";
import { findLearnersEndpoint } from "../diagnose/read.js";
import { LabError } from "../errors.js";
import { awsPort } from "../aws/port.js";

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

/** The CIDR of each VPC, for the hints that admit a VPC's range. */
async function vpcCidrs(ctx: LessonContext, vpcIds: (string | undefined)[]): Promise<Map<string, string>> {
  const ids = vpcIds.filter((v): v is string => !!v);
  if (ids.length === 0) return new Map();
  const out = await awsPort(ctx.clients).ec2.describeVpcs({ VpcIds: ids }).catch(() => undefined);
  return new Map((out?.Vpcs ?? []).flatMap((v) => (v.VpcId && v.CidrBlock ? [[v.VpcId, v.CidrBlock] as const] : [])));
}

async function listenerOf(ctx: LessonContext, nlbArn: string | undefined, targetGroupArn: string | undefined): Promise<{ arn?: string; port?: number }> {
  if (!nlbArn) return {};
  const out = await awsPort(ctx.clients).elbv2.describeListeners({ LoadBalancerArn: nlbArn }).catch(() => undefined);
  const listeners = out?.Listeners ?? [];
  const l = listeners.find((x) => x.DefaultActions?.some((a) => a.TargetGroupArn === targetGroupArn)) ?? listeners[0];
  return { ...(l?.ListenerArn ? { arn: l.ListenerArn } : {}), ...(l?.Port !== undefined ? { port: l.Port } : {}) };
}

export async function readLearnerPath(ctx: LessonContext, known?: CloudView): Promise<LearnerPath> {
  const view = known ?? (await readCloud(ctx.clients, ctx.names));
  const c = view.consumer?.resources ?? {};
  const p = view.provider?.resources ?? {};
  const svc = ourService(view);
  const ep = await findLearnersEndpoint(ctx.clients, view);
  const nlbArn = svc?.nlbArns[0] ?? p.NLB;
  const listener = await listenerOf(ctx, nlbArn, p.TargetGroup);
  const cidrs = await vpcCidrs(ctx, [c.Vpc, p.Vpc]);
  const entries: [keyof LearnerPath, string | number | undefined][] = [
    ["consumerInstanceId", view.consumerInstance?.id ?? c.EC2Instance],
    ["consumerIp", view.consumerInstance?.ip],
    ["consumerSgId", view.consumerInstance?.sgIds[0] ?? c.SecurityGroup],
    ["consumerVpcId", c.Vpc],
    ["consumerSubnetId", c.PrivateSubnet],
    ["endpointId", ep?.id],
    ["endpointState", ep?.state],
    // With no endpoint (give-up replacing a rejected one), the group the lesson made for it.
    ["endpointSgId", ep?.sgIds[0] ?? view.endpointSgs.find((g) => g.name === ctx.names.endpointSgName)?.id],
    ["dnsRegional", ep?.dnsRegional],
    ["serviceId", svc?.id],
    ["serviceName", svc?.name],
    ["nlbArn", nlbArn],
    ["listenerArn", listener.arn],
    ["listenerPort", listener.port],
    ["targetGroupArn", p.TargetGroup],
    ["providerInstanceId", p.EC2Instance],
    ["providerSgId", p.SecurityGroup],
    ["providerVpcId", p.Vpc],
    ["providerVpcCidr", p.Vpc ? cidrs.get(p.Vpc) : undefined],
    ["consumerVpcCidr", c.Vpc ? cidrs.get(c.Vpc) : undefined],
  ];
  return { view, ...Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== "")) } as LearnerPath;
}

/** The ids a step of a challenge needs, or a LabError naming what is missing. */
export function need<K extends keyof LearnerPath>(path: LearnerPath, ...keys: K[]): Required<Pick<LearnerPath, K>> {
  for (const k of keys) {
    if (path[k] === undefined) throw new LabError("challenge.notBuilt", { what: String(k) });
  }
  return path as unknown as Required<Pick<LearnerPath, K>>;
}
