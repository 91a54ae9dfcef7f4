/**
 * Dependency order. A resource depends on every resource it names through Ref, Fn::GetAtt or
 * Fn::Sub and on its DependsOn list; CloudFormation creates dependencies first, deletes dependents
 * first, and rejects a cycle before creating anything.
 */
import { referencedResources } from "./intrinsics.js";
import type { ResourceDef } from "./template.js";

export class CircularDependencyError extends Error {
  constructor(ids: string[]) {
    super(`Circular dependency between resources: [${ids.join(", ")}]`);
    this.name = "CircularDependencyError";
  }
}

/** Direct dependencies of each resource (only among `resources`). */
export function dependencies(resources: Record<string, ResourceDef>): Record<string, string[]> {
  const isResource = (id: string): boolean => id in resources;
  const deps: Record<string, string[]> = {};
  for (const [id, def] of Object.entries(resources)) {
    const found = referencedResources(def.Properties, isResource);
    for (const d of def.DependsOn) if (isResource(d)) found.add(d);
    deps[id] = [...found];
  }
  return deps;
}

/** Logical ids with dependencies first (template order among equals); throws on a cycle. */
export function creationOrder(deps: Record<string, string[]>): string[] {
  const ids = Object.keys(deps);
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < ids.length) {
    const next = ids.find((id) => !placed.has(id) && (deps[id] ?? []).every((d) => placed.has(d)));
    if (next === undefined) throw new CircularDependencyError(ids.filter((id) => !placed.has(id)));
    order.push(next);
    placed.add(next);
  }
  return order;
}
