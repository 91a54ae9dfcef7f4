/**
 * Rehearsals build each participant in a small scratch account (fast: the sandbox copies its world
 * on every call, so a big room would make each call slow) and then move what was built into the
 * room's account. Every table is keyed by a unique id or name, so moving is adding entries.
 */
import { regionOf, type World } from "../sandbox/world.js";

type Tables = Record<string, Record<string, unknown>>;

const isTable = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function mergeWorld(into: World, part: World): void {
  into.seq = Math.max(into.seq, part.seq);
  const target = into as unknown as Tables;
  for (const [key, value] of Object.entries(part)) {
    if (key === "regions" || key === "quotas" || !isTable(value)) continue;
    target[key] = { ...(target[key] ?? {}), ...value };
  }
  for (const [region, tables] of Object.entries(part.regions)) {
    const rw = regionOf(into, region) as unknown as Tables;
    for (const [name, entries] of Object.entries(tables as unknown as Tables)) {
      if (isTable(entries)) rw[name] = { ...(rw[name] ?? {}), ...entries };
    }
  }
}
