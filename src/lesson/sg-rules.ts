/** Does a group admit TCP on a port from an instance? Decided by the reachability model's evaluation, so lesson and sandbox agree. */
import type { IpPermission } from "@aws-sdk/client-ec2";
import { rulesOf } from "../reachability/from-describe.js";
import { ingressAllows } from "../reachability/security-groups.js";

export function admits(ingress: IpPermission[], port: number, from: { ip: string; sgIds: string[] }): boolean {
  const group = { GroupId: "endpoint-sg", Ingress: rulesOf(ingress) };
  return ingressAllows([group], [group.GroupId], "tcp", port, { ip: from.ip, groupIds: from.sgIds });
}
