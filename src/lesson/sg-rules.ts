/** Does a security group admit TCP on a port from an instance (by its IP or one of its groups)? */
import type { IpPermission } from "@aws-sdk/client-ec2";

function ipToInt(ip: string): number {
  return ip.split(".").reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText ?? "32");
  if (!base || !/^\d+\.\d+\.\d+\.\d+$/.test(ip) || Number.isNaN(bits)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipToInt(base) & mask) === (ipToInt(ip) & mask);
}

export interface Source {
  ip: string;
  sgIds: string[];
}

function coversPort(p: IpPermission, port: number): boolean {
  if (p.IpProtocol === "-1") return true;
  if (p.IpProtocol !== "tcp" && p.IpProtocol !== "6") return false;
  return (p.FromPort ?? 0) <= port && port <= (p.ToPort ?? 65535);
}

export function admits(ingress: IpPermission[], port: number, from: Source): boolean {
  return ingress.some(
    (p) =>
      coversPort(p, port) &&
      ((p.IpRanges ?? []).some((r) => r.CidrIp !== undefined && cidrContains(r.CidrIp, from.ip)) ||
        (p.UserIdGroupPairs ?? []).some((g) => g.GroupId !== undefined && from.sgIds.includes(g.GroupId))),
  );
}
