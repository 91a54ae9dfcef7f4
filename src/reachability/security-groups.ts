/**
 * Security groups as AWS evaluates them: allow-lists (no deny), rules of all groups on an ENI unioned; a rule admits
 * a packet when protocol and port match and the source is in its CIDR or carries the referenced group.
 */
import type { SecurityGroupFacts, SgRuleFacts } from "./facts.js";

/** The peer of a flow: its address, and the groups of its ENI (for group-referencing rules). */
interface Peer {
  ip: string;
  groupIds: readonly string[];
}

function ipToNumber(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

export function isIpv4(text: string): boolean {
  return ipToNumber(text) !== undefined;
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const baseNum = ipToNumber(base ?? "");
  const ipNum = ipToNumber(ip);
  const bits = Number(bitsText ?? "32");
  if (baseNum === undefined || ipNum === undefined || !(bits >= 0 && bits <= 32)) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(baseNum / size) === Math.floor(ipNum / size);
}

function protocolMatches(rule: SgRuleFacts, protocol: string): boolean {
  return rule.IpProtocol === "-1" || rule.IpProtocol === "all" || rule.IpProtocol.toLowerCase() === protocol;
}

function portMatches(rule: SgRuleFacts, port: number): boolean {
  if (rule.IpProtocol === "-1" || rule.FromPort === undefined || rule.FromPort === -1) return true;
  const to = rule.ToPort ?? rule.FromPort;
  return port >= rule.FromPort && port <= to;
}

function peerMatches(rule: SgRuleFacts, peer: Peer): boolean {
  if (rule.CidrIpv4 !== undefined && cidrContains(rule.CidrIpv4, peer.ip)) return true;
  return rule.ReferencedGroupId !== undefined && peer.groupIds.includes(rule.ReferencedGroupId);
}

const admits = (protocol: string, port: number, peer: Peer) => (r: SgRuleFacts): boolean =>
  protocolMatches(r, protocol) && portMatches(r, port) && peerMatches(r, peer);

function groupsOf(all: readonly SecurityGroupFacts[], ids: readonly string[]): SecurityGroupFacts[] {
  return all.filter((g) => ids.includes(g.GroupId));
}

export function ingressAllows(all: readonly SecurityGroupFacts[], groupIds: readonly string[], protocol: string, port: number, peer: Peer): boolean {
  return groupsOf(all, groupIds).some((g) => g.Ingress.some(admits(protocol, port, peer)));
}

/** Do the groups let traffic out to `peer`? Groups whose egress is unknown keep AWS's default (allow all). */
export function egressAllows(all: readonly SecurityGroupFacts[], groupIds: readonly string[], protocol: string, port: number, peer: Peer): boolean {
  const groups = groupsOf(all, groupIds);
  if (groups.length === 0 || groups.some((g) => g.Egress === undefined)) return true;
  return groups.some((g) => (g.Egress ?? []).some(admits(protocol, port, peer)));
}
