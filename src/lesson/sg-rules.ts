/**
 * Does a security group admit TCP on a port from an instance (by its IP or one of its groups)?
 * The rules come as `DescribeSecurityGroups` returns them; the decision is the reachability
 * model's own security-group evaluation, so the lesson and the sandbox cannot disagree.
 */
import type { IpPermission } from "@aws-sdk/client-ec2";
import type { SgRuleFacts } from "../reachability/facts.js";
import { cidrContains, ingressAllows } from "../reachability/security-groups.js";

export { cidrContains };

export interface Source {
  ip: string;
  sgIds: string[];
}

/** One rule per source, as the reachability model reads them ("6" is TCP by number). */
export function rulesOf(permissions: IpPermission[]): SgRuleFacts[] {
  return permissions.flatMap((p) => {
    const base = {
      IpProtocol: p.IpProtocol === "6" ? "tcp" : (p.IpProtocol ?? "-1"),
      ...(p.FromPort !== undefined ? { FromPort: p.FromPort } : {}),
      ...(p.ToPort !== undefined ? { ToPort: p.ToPort } : {}),
    };
    return [
      ...(p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [{ ...base, CidrIpv4: r.CidrIp }] : [])),
      ...(p.UserIdGroupPairs ?? []).flatMap((g) => (g.GroupId ? [{ ...base, ReferencedGroupId: g.GroupId }] : [])),
    ];
  });
}

export function admits(ingress: IpPermission[], port: number, from: Source): boolean {
  const group = { GroupId: "endpoint-sg", Ingress: rulesOf(ingress) };
  return ingressAllows([group], [group.GroupId], "tcp", port, { ip: from.ip, groupIds: from.sgIds });
}
