/**
 * Why a stack is DELETE_FAILED: something outside it uses its resources (an endpoint's ENI: DependencyViolation; a group
 * the learner made; a service on the NLB: ResourceInUse). Tagged blockers are ours to remove; others are only named.
 */
import type { Filter } from "@aws-sdk/client-ec2";
import type { AwsClients } from "../aws/clients.js";
import { listEndpoints, listGroups, listServices } from "../aws/pages.js";
import { readDeleteFailure, type StackView } from "./cloud-view.js";
import { stackMade } from "./cloud-shapes.js";
import { learnerGroup } from "./relations.js";
import { awsPort } from "../aws/port.js";

export interface Blocker {
  kind: "endpoint" | "security-group" | "endpoint-service";
  id: string;
  /** The participant's (by relation to their VPC or NLB, or by tag): the tool may delete it. */
  ours: boolean;
  state?: string;
}

/** The resource whose deletion failed most recently, with AWS's reason. */
export async function deleteFailure(clients: AwsClients, stack: StackView): Promise<{ stack: string; resource: string; reason: string } | undefined> {
  const failed = await readDeleteFailure(clients, stack.id);
  return failed ? { stack: stack.name, ...failed } : undefined;
}

/** CloudFormation wraps the service's words ("Resource handler returned message: "…" (RequestToken: …)"): just those words. */
function serviceWords(reason: string): string {
  const quoted = /returned message: "(.*)"/s.exec(reason)?.[1] ?? reason;
  return quoted.replace(/\s*\(Service: [^)]*\)\s*$/, "").replace(/[.\s]+$/, "");
}

/** Why AWS could not delete the stack (as read with it): the failed resource and its reason, else the stack's own status reason. */
export function failureReason(stack: StackView): string {
  return stack.failure ? `${stack.failure.resource}: ${serviceWords(stack.failure.reason)}` : (stack.reason ?? "");
}

/** What outside the stack still uses its VPC or NLB. */
export async function findBlockers(clients: AwsClients, stack: StackView, prefix: string): Promise<Blocker[]> {
  const blockers: Blocker[] = [];
  const vpc = stack.resources.Vpc;
  const nlb = stack.resources.NLB;
  const aws = awsPort(clients);
  const inVpc: Filter[] = [{ Name: "vpc-id", Values: [vpc ?? ""] }];
  const [endpoints, groups, services] = await Promise.all([
    vpc ? listEndpoints(aws, inVpc) : [],
    vpc ? listGroups(aws, inVpc) : [],
    nlb ? listServices(aws) : [],
  ]);
  const gone = (state: unknown) => /^(deleting|deleted)$/i.test(String(state));
  for (const e of endpoints) {
    // An endpoint in the participant's own Consumer VPC is theirs, tagged or not (made by hand).
    if (e.VpcEndpointId && !stackMade(e.Tags) && !gone(e.State)) blockers.push({ kind: "endpoint", id: e.VpcEndpointId, ours: true, state: String(e.State ?? "") });
  }
  for (const g of groups) {
    if (!g.GroupId || g.GroupName === "default" || stackMade(g.Tags)) continue;
    // Theirs as the lesson defines it: tagged for them, or the `<prefix>-endpoint-sg` it told them to make.
    blockers.push({ kind: "security-group", id: g.GroupId, ours: learnerGroup(g, { prefix, consumerVpc: vpc }, false) });
  }
  for (const sv of services) {
    // A service on the participant's own NLB is theirs (the console adds no tag).
    if (sv.ServiceId && nlb && (sv.NetworkLoadBalancerArns ?? []).includes(nlb) && !gone(sv.ServiceState)) blockers.push({ kind: "endpoint-service", id: sv.ServiceId, ours: true });
  }
  return blockers;
}
