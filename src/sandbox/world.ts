/**
 * The simulated AWS account: plain JSON data, persisted one entity a row (account/sqlite-store.ts).
 *
 * Every entity carries a `Life`: when it appears (`createdAt`), when it is ready (`readyAt`), and
 * when it disappears (`deletedAt`). Status is never stored as a moving value: handlers derive it
 * from these times and the clock when a command reads it ("lazy time"), so a process that dies
 * loses nothing and a second process sees the same world.
 */
import type { Life, NetworkInterface, Instance, RouteTable, SecurityGroup, Subnet, Tag, Vpc } from "./world/network.js";
import type { EndpointService, IamRole, InstanceProfile, Listener, LoadBalancer, TargetGroup, VpcEndpoint } from "./world/services.js";
import type { SsmCommand, Stack } from "./world/operations.js";

export type * from "./world/network.js";
export type * from "./world/services.js";
export type * from "./world/operations.js";

/** Every table of a region. */
export interface RegionWorld {
  vpcs: Record<string, Vpc>;
  subnets: Record<string, Subnet>;
  routeTables: Record<string, RouteTable>;
  securityGroups: Record<string, SecurityGroup>;
  networkInterfaces: Record<string, NetworkInterface>;
  instances: Record<string, Instance>;
  vpcEndpoints: Record<string, VpcEndpoint>;
  endpointServices: Record<string, EndpointService>;
  loadBalancers: Record<string, LoadBalancer>;
  targetGroups: Record<string, TargetGroup>;
  listeners: Record<string, Listener>;
  stacks: Record<string, Stack>;
  ssmCommands: Record<string, SsmCommand>;
}

export interface Quotas {
  vpcsPerRegion: number;
  gatewayEndpointsPerRegion: number;
  interfaceEndpointsPerVpc: number;
  networkLoadBalancersPerRegion: number;
  runningOnDemandStandardVcpus: number;
}

export interface World {
  schema: 1;
  accountId: string;
  /** Monotonic counter, used to make ids unique and ordered. */
  seq: number;
  quotas: Quotas;
  iamRoles: Record<string, IamRole>;
  instanceProfiles: Record<string, InstanceProfile>;
  regions: Record<string, RegionWorld>;
}

const SANDBOX_ACCOUNT_ID = "000000000000";

export const DEFAULT_QUOTAS: Quotas = {
  vpcsPerRegion: 5,
  gatewayEndpointsPerRegion: 20,
  interfaceEndpointsPerVpc: 50,
  networkLoadBalancersPerRegion: 50,
  runningOnDemandStandardVcpus: 5,
};

export function emptyRegion(): RegionWorld {
  return {
    vpcs: {},
    subnets: {},
    routeTables: {},
    securityGroups: {},
    networkInterfaces: {},
    instances: {},
    vpcEndpoints: {},
    endpointServices: {},
    loadBalancers: {},
    targetGroups: {},
    listeners: {},
    stacks: {},
    ssmCommands: {},
  };
}

export function emptyWorld(): World {
  return {
    schema: 1,
    accountId: SANDBOX_ACCOUNT_ID,
    seq: 0,
    quotas: { ...DEFAULT_QUOTAS },
    iamRoles: {},
    instanceProfiles: {},
    regions: {},
  };
}

/** What a create function takes: the entity's own fields `Req`, and optionally `Opt`. */
export type NewOf<T, Req extends keyof T, Opt extends keyof T = never> = Pick<T, Req> & Partial<Pick<T, Opt>>;

/** The region's part of the world, created on first use. */
export function regionOf(world: World, region: string): RegionWorld {
  // Read back after adding it: a tracked world (account/tracked-world.ts) sees changes made
  // through what it hands out, not through the plain object given to it.
  if (!world.regions[region]) world.regions[region] = emptyRegion();
  return world.regions[region]!;
}

/** `n` random hex digits (Math.random: a simulated account needs ids that differ, not ids nobody can guess). */
const randomHex = (n: number): string => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join("");

/** FNV-1a over `text`, from `h` (32 bits): stable fake ids derived from AWS's own names. */
export function fnv1a(text: string, h = 0x811c9dc5, prime = 0x01000193): number {
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), prime) >>> 0;
  return h;
}

/** A fresh id such as `vpc-0a1b2c3d4e5f60718` (17 hex digits, unique within the world). */
export function newId(world: World, prefix: string, hexDigits = 17): string {
  world.seq += 1;
  const counter = world.seq.toString(16);
  const random = randomHex(hexDigits);
  const hex = (random.slice(0, hexDigits - counter.length) + counter).slice(-hexDigits);
  return prefix ? `${prefix}-${hex}` : hex;
}

/** A version 4 UUID for ids AWS makes that way (stack ids, events, Run Command ids). */
export function randomUuid(): string {
  return `${randomHex(8)}-${randomHex(4)}-4${randomHex(3)}-${"89ab"[Math.floor(Math.random() * 4)]}${randomHex(3)}-${randomHex(12)}`;
}

/** Is the entity still there (or planned) at `t`: not deleted by then? (A stack may create it with a future `createdAt`.) */
export function notDeletedBy(life: Life, t: number): boolean {
  return life.deletedAt === undefined || life.deletedAt > t;
}

/** Deletion asked for at `now`, done at `at`; an entity already gone by then is left as it is. */
export function markDeleted(life: Life | undefined, now: number, at: number): void {
  if (life && notDeletedBy(life, at)) Object.assign(life, { deleteRequestedAt: now, deletedAt: at });
}

/** Is the entity visible at `now` (created and not yet deleted)? */
export function exists(life: Life, now: number): boolean {
  return life.createdAt <= now && notDeletedBy(life, now);
}

/** Is the entity there at `now` and outside the stack `stackId` (whose own resources go with it)? */
export function heldOutside(life: Life, now: number, stackId?: string): boolean {
  return exists(life, now) && (stackId === undefined || life.stackId !== stackId);
}

/** Is it ready (available, running, active) at `now`? */
export function isReady(life: Life, now: number): boolean {
  return exists(life, now) && life.readyAt <= now;
}

/** Entities of a kind that are visible at `now`. */
export function live<T extends { life: Life }>(table: Record<string, T>, now: number): T[] {
  return Object.values(table).filter((e) => exists(e.life, now));
}

/** The network interfaces among `ids` that exist at `now`. */
export function liveInterfaces(rw: RegionWorld, ids: string[], now: number): NetworkInterface[] {
  return ids.map((id) => rw.networkInterfaces[id]).filter((e): e is NetworkInterface => e !== undefined && exists(e.life, now));
}

export function tagValue(tags: Tag[] | undefined, key: string): string | undefined {
  return tags?.find((t) => t.Key === key)?.Value;
}
