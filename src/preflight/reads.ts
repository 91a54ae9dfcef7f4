/** Facts several checks need (zones, VPCs, load balancers), read once per run; a failed read is not kept (the next check asks). */
import type { AwsClients } from "../aws/clients.js";
import { allPages } from "../aws/pages.js";
import { awsPort } from "../aws/port.js";

function once<T>(read: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => (kept ??= read().catch((e: unknown) => {
    kept = undefined;
    throw e;
  }));
}

export function preflightReads(clients: AwsClients) {
  const { ec2, elbv2 } = awsPort(clients);
  return {
    zones: once(async () => (await ec2.describeAvailabilityZones({})).AvailabilityZones ?? []),
    vpcs: once(() => allPages(async (NextToken) => {
      const out = await ec2.describeVpcs(NextToken ? { NextToken } : {});
      return { items: out.Vpcs ?? [], next: out.NextToken };
    })),
    loadBalancers: once(() => allPages(async (Marker) => {
      const out = await elbv2.describeLoadBalancers(Marker ? { Marker } : {});
      return { items: out.LoadBalancers ?? [], next: out.NextMarker };
    })),
  };
}

export type PreflightReads = ReturnType<typeof preflightReads>;
