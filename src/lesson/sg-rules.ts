/**
 * Does a security group admit TCP on a port from an instance (by its IP or one of its groups)?
 * The rules come as `DescribeSecurityGroups` returns them; the decision is the reachability
 * model's own security-group evaluation, so the lesson and the sandbox cannot disagree.
 */
import type { IpPermission } from "@aws-sdk/client-ec2";
import { rulesOf } from "../reachability/from-describe.js";
import { ingressAllows } from "../reachability/security-groups.js";

export interface Source {
  ip: string;
  sgIds: string[];
}

export function admits(ingress: IpPermission[], port: number, from: Source): boolean {
  const group = { GroupId: "endpoint-sg", Ingress: rulesOf(ingress) };
  return ingressAllows([group], [group.GroupId], "tcp", port, { ip: from.ip, groupIds: from.sgIds });
}
