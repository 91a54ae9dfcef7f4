/**
 * Which resources are the learner's, by relation rather than by tag (the console and the AWS CLI add none): the service
 * on their NLB; endpoints in their Consumer VPC (or by mistake their Provider VPC, which blocks deletion); the group on
 * such an endpoint, or `<prefix>-endpoint-sg` in their VPCs. The participant tag only adds what the tool made whose
 * relation is gone. Any other group the learner made in their two VPCs (by hand, for a fix of their own) is a
 * hand-made group: no VPC goes while a group lives in it, so cleanup deletes it too (never a stack's, never a VPC's
 * default, never one outside the two VPCs). Pure (`cloud-view.ts`, `workshop/`).
 */
import type { SecurityGroup, ServiceConfiguration, Tag, VpcEndpoint } from "@aws-sdk/client-ec2";
import { endpointView, learnerEndpoint, liveService, securityGroupView, serviceView, stackMade, type EndpointView, type SecurityGroupView, type ServiceView } from "./cloud-shapes.js";
import { PARTICIPANT_TAG } from "../participant.js";

export interface Anchors {
  prefix: string;
  /** The Consumer stack's VPC (absent before deploy or after its stack is gone). */
  consumerVpc?: string | undefined;
  /** The Provider stack's VPC: a learner working by hand may put their endpoint there by mistake. */
  providerVpc?: string | undefined;
  nlbArn?: string | undefined;
  /** Physical ids of the stacks' resources: never the learner's, tagged by CloudFormation or not. */
  stackIds?: ReadonlySet<string>;
}

/** A group the learner made by hand in one of their VPCs that is none of the lesson's. */
export interface HandMadeGroup {
  id: string;
  name: string;
  vpcId: string;
}

interface Related {
  services: ServiceView[];
  endpoints: EndpointView[];
  endpointSgs: SecurityGroupView[];
  handMadeGroups: HandMadeGroup[];
}

const taggedFor = (tags: Tag[] | undefined, prefix: string): boolean =>
  (tags ?? []).some((t) => t.Key === PARTICIPANT_TAG && t.Value === prefix);

/** An endpoint service of this participant: on their NLB, or made by the tool for them. */
function relatedService(s: ServiceConfiguration, a: Anchors): boolean {
  if (!liveService(s)) return false;
  return (a.nlbArn !== undefined && (s.NetworkLoadBalancerArns ?? []).includes(a.nlbArn)) || taggedFor(s.Tags, a.prefix);
}

const inTheirVpc = (vpcId: string | undefined, a: Anchors): boolean => vpcId !== undefined && (vpcId === a.consumerVpc || vpcId === a.providerVpc);

/** An endpoint of this participant: one they made (not the stacks') in one of their VPCs, or tagged for them. */
function relatedEndpoint(e: VpcEndpoint, a: Anchors): boolean {
  if (!learnerEndpoint(e) || a.stackIds?.has(e.VpcEndpointId ?? "")) return false;
  return inTheirVpc(e.VpcId, a) || taggedFor(e.Tags, a.prefix);
}

/** A group the learner made for their endpoint (theirs to delete): never a stack's, never the VPC's default. */
export function learnerGroup(g: SecurityGroup, a: Anchors, onEndpoint: boolean): boolean {
  if (stackMade(g.Tags) || g.GroupName === "default" || a.stackIds?.has(g.GroupId ?? "")) return false;
  const named = inTheirVpc(g.VpcId, a) && g.GroupName === `${a.prefix}-endpoint-sg`;
  return onEndpoint || named || taggedFor(g.Tags, a.prefix);
}

/** This participant's services, endpoints and groups among describe results; groups their endpoints use are kept (the HTTP rule may be there). */
export function relate(a: Anchors, services: ServiceConfiguration[], endpoints: VpcEndpoint[], groups: SecurityGroup[]): Related {
  const eps = endpoints.filter((e) => relatedEndpoint(e, a));
  const used = new Set(eps.flatMap((e) => (e.Groups ?? []).map((g) => g.GroupId ?? "")));
  const seen = new Set<string>();
  // The Consumer VPC's first: a group the texts name for the endpoint belongs there.
  const consumerFirst = [...groups].sort((x, y) => Number(y.VpcId === a.consumerVpc) - Number(x.VpcId === a.consumerVpc));
  const sgs = consumerFirst.filter((g) => {
    if (!g.GroupId || seen.has(g.GroupId)) return false;
    seen.add(g.GroupId);
    return learnerGroup(g, a, used.has(g.GroupId)) || used.has(g.GroupId);
  });
  const named = new Set(sgs.map((g) => g.GroupId));
  const handMade = consumerFirst.filter((g) => !named.has(g.GroupId) && inTheirVpc(g.VpcId, a) && !stackMade(g.Tags) && g.GroupName !== "default" && !a.stackIds?.has(g.GroupId ?? ""));
  const uniq = <T extends { id: string }>(xs: T[]): T[] => xs.filter((x, i) => xs.findIndex((y) => y.id === x.id) === i);
  return {
    services: uniq(services.filter((s) => relatedService(s, a)).map((s) => serviceView(s, taggedFor(s.Tags, a.prefix)))),
    endpoints: uniq(eps.map(endpointView)),
    endpointSgs: sgs.map((g) => securityGroupView(g, learnerGroup(g, a, used.has(g.GroupId ?? "")))),
    handMadeGroups: uniq(handMade.map((g) => ({ id: g.GroupId ?? "", name: g.GroupName ?? "", vpcId: g.VpcId ?? "" }))),
  };
}
