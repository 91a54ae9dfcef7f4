// Reads the sandbox account (SQLite): what a participant ever created (duplicates) and what is left.
import { existsSync } from "node:fs";

/** A read-only connection that waits for the lessons' writers, as the store's own connections do. */
function openReading(path) {
  const { DatabaseSync } = process.getBuiltinModule("node:sqlite");
  const db = new DatabaseSync(path, { readOnly: true });
  db.exec("PRAGMA busy_timeout = 10000");
  return db;
}

/** The account's world, as src/sandbox/account/sqlite-store.ts keeps it (one row per entity). */
export function readAccount(path) {
  if (!existsSync(path)) return undefined;
  const db = openReading(path);
  try {
    const world = { regions: {} };
    for (const r of db.prepare("SELECT region, kind, id, body FROM entity").all()) {
      const owner = r.region === "" ? world : (world.regions[r.region] ??= {});
      (owner[r.kind] ??= {})[r.id] = JSON.parse(r.body);
    }
    return world;
  } finally {
    db.close();
  }
}

/** SQLite's own check of the whole file ("ok" when sound). */
export function integrityOf(path) {
  const db = openReading(path);
  try {
    return db.prepare("PRAGMA integrity_check").all().map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

const liveAt = (now) => (e) => e.life && (e.life.deletedAt === undefined || e.life.deletedAt > now);

/** How many of each thing the participant ever created (deleted ones included), and how many live. */
export function census(sandboxFile, prefix, region = "us-east-1", now = Date.now() + 10 * 365 * 864e5) {
  const world = readAccount(sandboxFile);
  const rw = world?.regions?.[region];
  if (!rw) return { ever: { stacks: 0, services: 0, endpoints: 0, endpointSgs: 0 }, live: 0, liveWhat: [] };
  const mine = (name) => typeof name === "string" && name.startsWith(`${prefix}-`);
  const stacks = Object.values(rw.stacks ?? {}).filter((s) => mine(s.StackName));
  const tagged = (e) => (e.Tags ?? []).some((t) => t.Key === "privatelink-lab:participant" && t.Value === prefix);
  const myNlbs = new Set(Object.values(rw.loadBalancers ?? {}).filter((l) => l.LoadBalancerName === `${prefix}-nlb`).map((l) => l.LoadBalancerArn));
  const services = Object.values(rw.endpointServices ?? {}).filter((s) => tagged(s) || (s.NetworkLoadBalancerArns ?? []).some((a) => myNlbs.has(a)));
  const myVpcs = new Set(Object.values(rw.vpcs ?? {}).filter(tagged).map((v) => v.VpcId));
  const learnerEndpoints = Object.values(rw.vpcEndpoints ?? {}).filter((e) => String(e.ServiceName ?? "").includes(".vpce.") && (tagged(e) || myVpcs.has(e.VpcId)));
  const endpointSgs = Object.values(rw.securityGroups ?? {}).filter((g) => g.GroupName === `${prefix}-endpoint-sg`);
  // "Live" is judged far in the future: a resource still being deleted counts as gone only once it is.
  const isLive = liveAt(Date.now());
  const liveWhat = [];
  for (const kind of ["vpcs", "instances", "vpcEndpoints", "endpointServices", "loadBalancers", "targetGroups", "securityGroups", "subnets"]) {
    for (const [id, e] of Object.entries(rw[kind] ?? {})) if (isLive(e) && !(kind === "securityGroups" && e.GroupName === "default")) liveWhat.push(`${kind}:${id}`);
  }
  for (const s of stacks) if (isLive(s) && s.life?.deletedAt === undefined) liveWhat.push(`stack:${s.StackName}`);
  void now;
  return { ever: { stacks: stacks.length, services: services.length, endpoints: learnerEndpoints.length, endpointSgs: endpointSgs.length }, live: liveWhat.length, liveWhat };
}

/** Things made more than once: 2 stacks, 1 service, 1 endpoint, 1 endpoint SG is one lesson. */
export function duplicates(c) {
  const d = [];
  if (c.ever.stacks > 2) d.push(`stacks×${c.ever.stacks}`);
  if (c.ever.services > 1) d.push(`services×${c.ever.services}`);
  if (c.ever.endpoints > 1) d.push(`endpoints×${c.ever.endpoints}`);
  if (c.ever.endpointSgs > 1) d.push(`endpoint-sgs×${c.ever.endpointSgs}`);
  return d;
}
