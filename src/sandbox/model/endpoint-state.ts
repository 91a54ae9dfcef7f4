/**
 * A VPC endpoint's `State`, derived from its times at `now` (lazy time). AWS spells these in
 * camelCase (`pendingAcceptance`), unlike the SDK's PascalCase enum.
 *
 * - AWS services, and endpoint services without acceptance: pending → available (at `readyAt`).
 * - An endpoint service with acceptance required: pending → pendingAcceptance (at `readyAt`);
 *   after AcceptVpcEndpointConnections: pending → available (at `connection.availableAt`);
 *   after RejectVpcEndpointConnections: rejected.
 * - DeleteVpcEndpoints: deleting from `deleteRequestedAt`, gone at `deletedAt`.
 */
import type { VpcEndpoint } from "../world.js";

export type EndpointState = "pending" | "pendingAcceptance" | "available" | "rejected" | "deleting" | "deleted";

export function endpointState(ep: VpcEndpoint, now: number): EndpointState {
  const { life, connection } = ep;
  if (life.deletedAt !== undefined && life.deletedAt <= now) return "deleted";
  if (life.deleteRequestedAt !== undefined && life.deleteRequestedAt <= now) return "deleting";
  if (connection.rejectedAt !== undefined && connection.rejectedAt <= now) return "rejected";
  if (now < life.readyAt) return "pending";
  if (!connection.requiresAcceptance) return "available";
  if (connection.acceptedAt === undefined || connection.acceptedAt > now) return "pendingAcceptance";
  if (connection.availableAt !== undefined && connection.availableAt > now) return "pending";
  return "available";
}

/** States in which an endpoint still holds a connection to its service (it blocks deleting the service). */
export const CONNECTED_STATES: readonly EndpointState[] = ["pending", "pendingAcceptance", "available"];

/** Seconds AWS usually takes for each transition (before the speed factor). */
export const ENDPOINT_TIMES = {
  create: 60,
  accept: 60,
  delete: 60,
} as const;
