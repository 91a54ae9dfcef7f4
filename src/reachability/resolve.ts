/**
 * DNS from the consumer instance: an endpoint's regional name resolves to all its ENIs' private IPs, a zonal name
 * (`vpce-<id>-<suffix>-<az>.vpce-svc-...`) to that AZ's; `PrivateDnsNames` come from the VPC's private hosted zone;
 * an internal NLB's name to its nodes. No internet: any other name fails.
 */
import type { EndpointNetworkInterfaceFacts, ReachabilityFacts, VpcEndpointFacts } from "./facts.js";
import { isIpv4 } from "./security-groups.js";

export interface Resolution {
  addresses: string[];
  /** The endpoint whose name was asked for, if any. */
  endpoint?: VpcEndpointFacts;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** `*.s3.<region>.amazonaws.com` matches `bucket.s3.<region>.amazonaws.com`. */
function nameMatches(pattern: string, host: string): boolean {
  const p = normalise(pattern);
  if (p.startsWith("*.")) return host.endsWith(p.slice(1)) && host.length > p.length - 1;
  return p === host;
}

/** The ENIs a name of the endpoint points at: one AZ for a zonal name, all for the regional one. */
function enisForName(endpoint: VpcEndpointFacts, host: string): EndpointNetworkInterfaceFacts[] {
  const firstLabel = host.split(".")[0] ?? "";
  const zonal = endpoint.NetworkInterfaces.filter((eni) => firstLabel.endsWith(`-${eni.AvailabilityZone}`));
  return zonal.length > 0 ? zonal : endpoint.NetworkInterfaces;
}

function endpointNames(ep: VpcEndpointFacts): string[] {
  return [...ep.DnsEntries.map((d) => d.DnsName), ...(ep.PrivateDnsNames ?? [])];
}

export function resolveHost(facts: ReachabilityFacts, hostName: string): Resolution | undefined {
  const host = normalise(hostName);
  if (isIpv4(host)) return { addresses: [host] };
  for (const endpoint of facts.vpcEndpoints) {
    if (endpointNames(endpoint).some((n) => nameMatches(n, host))) {
      const addresses = enisForName(endpoint, host).map((eni) => eni.PrivateIpAddress);
      // An endpoint with no ENI yet has its names registered but no A records: NXDOMAIN-like.
      return addresses.length > 0 ? { addresses, endpoint } : undefined;
    }
  }
  const nlb = facts.loadBalancers.find((lb) => lb.DNSName !== undefined && normalise(lb.DNSName) === host);
  if (nlb && nlb.Nodes.length > 0) return { addresses: nlb.Nodes.map((n) => n.PrivateIpAddress) };
  return undefined;
}
