/**
 * What a fix can leave on the build besides the repair, though curl works: acceptance turned off on the endpoint service,
 * a rejected endpoint kept beside the new one, a second endpoint, a spare listener. Named at a passing check with whether
 * it matters and the command that removes it; never removed for the learner. Only what was not there at the start counts.
 */
import { ourService, twinEndpoints } from "../lesson/cloud-view.js";
import type { LearnerPath } from "./learner-path.js";

export type LeftoverKind = "acceptance-off" | "rejected-endpoint" | "twin-endpoint" | "spare-listener";

export interface Leftover {
  kind: LeftoverKind;
  /** What it is: the service id, the endpoint id, the listener's port. */
  id: string;
  /** It costs money or weakens the build (else it only clutters). */
  matters: boolean;
  /** The AWS CLI words that undo it (the region and the account are added where it is printed). */
  command: string[];
}

function acceptanceOff(path: LearnerPath): Leftover[] {
  const svc = ourService(path.view);
  if (!svc || svc.acceptanceRequired) return [];
  return [{ kind: "acceptance-off", id: svc.id, matters: true, command: ["ec2", "modify-vpc-endpoint-service-configuration", "--service-id", svc.id, "--acceptance-required"] }];
}

/** Rejected endpoints to the learner's service in the Consumer VPC, besides the one curl goes through. */
function rejectedEndpoints(path: LearnerPath): Leftover[] {
  const svc = ourService(path.view);
  const vpc = path.consumerVpcId;
  const rejected = path.view.endpoints.filter((e) => e.id !== path.endpointId && e.state.toLowerCase() === "rejected" && (!vpc || e.vpcId === vpc) && (!svc || e.serviceName === svc.name));
  return rejected.map((e) => ({ kind: "rejected-endpoint", id: e.id, matters: false, command: ["ec2", "delete-vpc-endpoints", "--vpc-endpoint-ids", e.id] }));
}

/** Another endpoint to the same service, available: billed by the hour like the one curl uses. */
function twins(path: LearnerPath): Leftover[] {
  return twinEndpoints(path.view)
    .filter((e) => e.id !== path.endpointId && e.state.toLowerCase() === "available")
    .map((e) => ({ kind: "twin-endpoint", id: e.id, matters: true, command: ["ec2", "delete-vpc-endpoints", "--vpc-endpoint-ids", e.id] }));
}

/** Listeners of the NLB besides the one curl goes through: another port open to the Provider. */
function spareListeners(path: LearnerPath): Leftover[] {
  const listeners = (path.view.path?.lb.listeners ?? []).filter((l) => l.ListenerArn && l.ListenerArn !== path.listenerArn);
  return listeners.map((l) => ({ kind: "spare-listener", id: String(l.Port ?? "?"), matters: true, command: ["elbv2", "delete-listener", "--listener-arn", l.ListenerArn!] }));
}

/** Everything left on the build that it does not need, as the path's read found it. Pure. */
export function leftoversOf(path: LearnerPath): Leftover[] {
  return [...acceptanceOff(path), ...rejectedEndpoints(path), ...twins(path), ...spareListeners(path)];
}

/** How a leftover is remembered at the start, to tell it from one the fix left. */
export const leftoverKey = (l: Leftover): string => `${l.kind}:${l.id}`;

/** The leftovers not already there when the challenge started (`before`: their keys; none kept: all are named). */
export function leftSince(path: LearnerPath, before: readonly string[] | undefined): Leftover[] {
  const had = new Set(before ?? []);
  return leftoversOf(path).filter((l) => !had.has(leftoverKey(l)));
}
