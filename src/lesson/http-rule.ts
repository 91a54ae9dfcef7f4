/** The endpoint group's rules: the one admitting the Consumer on TCP 80 (its IP, its group, anywhere), and the rest. */
import type { IpPermission } from "@aws-sdk/client-ec2";
import { ourEndpoint, type CloudView, type SecurityGroupView } from "./cloud-view.js";
import { rulesOf } from "../reachability/from-describe.js";
import { ingressAllows } from "../reachability/security-groups.js";

/** Does a group admit TCP on a port from an instance? The reachability model decides, so lesson and sandbox agree. */
export function admits(ingress: IpPermission[], port: number, from: { ip: string; sgIds: string[] }): boolean {
  const group = { GroupId: "endpoint-sg", Ingress: rulesOf(ingress) };
  return ingressAllows([group], [group.GroupId], "tcp", port, { ip: from.ip, groupIds: from.sgIds });
}

type HttpSourceKind = "ip" | "sg" | "world";

interface HttpRule {
  kind: HttpSourceKind;
  /** The rule's source as the console shows it: `10.0.1.23/32`, `sg-…` or `0.0.0.0/0`. */
  source: string;
  /** Every other inbound rule, e.g. `TCP 443 ← 10.0.1.23/32`. */
  others: string[];
}

/** Each (port range, one source) of a group's rules as its own permission. */
function singleRules(ingress: IpPermission[]): IpPermission[] {
  return ingress.flatMap((p) => {
    const base = { IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort };
    return [
      ...(p.IpRanges ?? []).map((r) => ({ ...base, IpRanges: [r] })),
      ...(p.UserIdGroupPairs ?? []).map((g) => ({ ...base, UserIdGroupPairs: [g] })),
    ];
  });
}

function sourceOf(p: IpPermission): string {
  return p.IpRanges?.[0]?.CidrIp ?? p.UserIdGroupPairs?.[0]?.GroupId ?? "?";
}

function describe(p: IpPermission): string {
  const proto = p.IpProtocol === "-1" ? "ALL" : (p.IpProtocol ?? "").replace(/^6$/, "tcp").toUpperCase();
  const ports = p.IpProtocol === "-1" ? "" : p.FromPort === p.ToPort ? ` ${p.FromPort}` : ` ${p.FromPort}-${p.ToPort}`;
  return `${proto}${ports} ← ${sourceOf(p)}`;
}

export function endpointSg(view: CloudView): SecurityGroupView | undefined {
  const ep = ourEndpoint(view);
  return view.endpointSgs.find((g) => g.id === ep?.sgIds[0]);
}

/** The rule that admits the Consumer instance on TCP 80, and the rest; undefined when none does. */
export function httpRule(view: CloudView): HttpRule | undefined {
  const sg = endpointSg(view);
  const inst = view.consumerInstance;
  if (!sg || !inst) return undefined;
  const rules = singleRules(sg.ingress);
  const from = { ip: inst.ip, sgIds: inst.sgIds };
  const admitting = rules.filter((r) => admits([r], 80, from));
  // The narrowest rule explains best: the instance itself before a range or anywhere.
  const chosen = admitting.find((r) => r.UserIdGroupPairs?.length || r.IpRanges?.[0]?.CidrIp === `${inst.ip}/32`) ?? admitting[0];
  if (!chosen) return undefined;
  const source = sourceOf(chosen);
  const kind: HttpSourceKind = chosen.UserIdGroupPairs?.length ? "sg" : source === "0.0.0.0/0" ? "world" : "ip";
  return { kind, source, others: rules.filter((r) => r !== chosen).map(describe) };
}

/** Every inbound rule of the learner's endpoint group, as the console shows them (`TCP 80 ← 10.0.1.23/32`). */
export function inboundRules(view: CloudView): string[] {
  const sg = endpointSg(view);
  return sg ? singleRules(sg.ingress).map(describe) : [];
}

/** The name of the learner's endpoint group (their own, whatever they called it). */
export function endpointSgName(view: CloudView): string | undefined {
  return (endpointSg(view) ?? view.endpointSgs[0])?.name;
}
