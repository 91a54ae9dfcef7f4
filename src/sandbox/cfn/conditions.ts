/** The Conditions section: each condition is evaluated once, from parameters and other conditions. */
import { evaluate, TemplateError, type Scope } from "./intrinsics.js";
import { eachPair } from "./template.js";

/** Evaluates every condition; a condition may name another with `Condition: Name`. */
export function evaluateConditions(conditions: Record<string, unknown>, base: Omit<Scope, "conditions">): Record<string, boolean> {
  const done: Record<string, boolean> = {};
  const visiting = new Set<string>();
  const scope: Scope = { ...base, conditions: {} };
  // A proxy-free lazy table: conditions are resolved on first use, in any order.
  const resolve = (name: string): boolean => {
    if (name in done) return done[name] === true;
    if (!(name in conditions)) throw new TemplateError(`unresolved condition dependency ${name}`);
    if (visiting.has(name)) throw new TemplateError(`circular condition dependency ${name}`);
    visiting.add(name);
    for (const dep of conditionDeps(conditions[name])) resolve(dep);
    scope.conditions = { ...done };
    const value = evaluate(conditions[name], scope);
    if (typeof value !== "boolean") throw new TemplateError(`condition ${name} must evaluate to a boolean`);
    done[name] = value;
    visiting.delete(name);
    return value;
  };
  for (const name of Object.keys(conditions)) resolve(name);
  return done;
}

function conditionDeps(value: unknown): string[] {
  const out: string[] = [];
  eachPair(value, (k, v) => {
    if (k !== "Condition" || typeof v !== "string") return false;
    out.push(v);
    return true;
  });
  return out;
}
