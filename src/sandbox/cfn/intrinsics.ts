/**
 * Intrinsic functions: Ref, Fn::Sub, Fn::GetAtt, Fn::Select, Fn::GetAZs, Fn::Base64, Fn::Join,
 * Fn::Split, Fn::If / Equals / Not / And / Or and Condition. `Ref: AWS::NoValue` removes the
 * property (or list item) it stands in, as CloudFormation does.
 */
import { regionInfo } from "../regions.js";
import { eachPair, isRecord } from "./template.js";

/** A template error found while evaluating (AWS: ValidationError "Template error: ..."). */
export class TemplateError extends Error {
  constructor(detail: string) {
    super(`Template error: ${detail}`);
    this.name = "TemplateError";
  }
}

/** Stands for `AWS::NoValue`; stripped from maps and lists. */
export const NO_VALUE: unique symbol = Symbol("AWS::NoValue");

export interface Scope {
  region: string;
  /** Parameter values and pseudo parameters (AWS::Region, AWS::StackName, ...). */
  refs: Record<string, unknown>;
  conditions: Record<string, boolean>;
  /** Physical id of a resource (what `Ref` returns for it). */
  resourceRef(logicalId: string): string;
  resourceAttr(logicalId: string, attribute: string): unknown;
  isResource(logicalId: string): boolean;
}

type Fn = (arg: unknown, scope: Scope) => unknown;

function str(v: unknown, fn: string): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new TemplateError(`every value of the list must be a string in ${fn}`);
}

function list(v: unknown, fn: string): unknown[] {
  if (!Array.isArray(v)) throw new TemplateError(`${fn} requires a list argument`);
  return v;
}

function ref(name: unknown, scope: Scope): unknown {
  if (typeof name !== "string") throw new TemplateError("Ref requires a string argument");
  if (name === "AWS::NoValue") return NO_VALUE;
  if (name in scope.refs) return scope.refs[name];
  if (scope.isResource(name)) return scope.resourceRef(name);
  throw new TemplateError(`Unresolved resource dependencies [${name}] in the Resources block of the template`);
}

function getAtt(arg: unknown, scope: Scope): unknown {
  const parts = typeof arg === "string" ? arg.split(/\.(.*)/s).slice(0, 2) : list(evaluate(arg, scope), "Fn::GetAtt");
  const [id, attr] = parts.map((p) => String(p));
  if (!id || !attr) throw new TemplateError("Fn::GetAtt requires a resource name and an attribute name");
  if (!scope.isResource(id)) throw new TemplateError(`instance of Fn::GetAtt references undefined resource ${id}`);
  return scope.resourceAttr(id, attr);
}

/** `${Name}`, `${Res.Attr}` and `${!Literal}` inside a Fn::Sub string. */
function sub(arg: unknown, scope: Scope): string {
  const [text, vars] = typeof arg === "string" ? [arg, {}] : list(arg, "Fn::Sub");
  if (typeof text !== "string" || !isRecord(vars ?? {})) throw new TemplateError("Fn::Sub requires a string and an optional map");
  const values = Object.fromEntries(Object.entries((vars ?? {}) as Record<string, unknown>).map(([k, v]) => [k, evaluate(v, scope)]));
  return text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name.startsWith("!")) return "${" + name.slice(1) + "}";
    const key = name.trim();
    if (key in values) return str(values[key], "Fn::Sub");
    if (key in scope.refs || scope.isResource(key)) return str(ref(key, scope), "Fn::Sub");
    const dot = key.indexOf(".");
    if (dot > 0 && scope.isResource(key.slice(0, dot))) return str(getAtt(key, scope), "Fn::Sub");
    throw new TemplateError(`Unresolved resource dependencies [${key}] in the Resources block of the template`);
  });
}

function select(arg: unknown, scope: Scope): unknown {
  const [indexRaw, listRaw] = list(arg, "Fn::Select");
  const index = Number(evaluate(indexRaw, scope));
  const items = list(evaluate(listRaw, scope), "Fn::Select");
  if (!Number.isInteger(index) || index < 0 || index >= items.length) {
    throw new TemplateError(`Fn::Select cannot select nonexistent value at index ${String(indexRaw)}`);
  }
  return items[index];
}

function getAzs(arg: unknown, scope: Scope): string[] {
  const region = str(evaluate(arg, scope), "Fn::GetAZs") || scope.region;
  return regionInfo(region)?.zones.map((z) => z.ZoneName) ?? [];
}

function condition(name: unknown, scope: Scope): boolean {
  if (typeof name !== "string" || !(name in scope.conditions)) {
    throw new TemplateError(`unresolved condition dependency ${String(name)} in Fn::If`);
  }
  return scope.conditions[name] === true;
}

function bool(v: unknown, fn: string, scope: Scope): boolean {
  const value = evaluate(v, scope);
  if (typeof value !== "boolean") throw new TemplateError(`${fn} requires boolean arguments`);
  return value;
}

const FUNCTIONS: Record<string, Fn> = {
  Ref: ref,
  Condition: condition,
  "Fn::GetAtt": getAtt,
  "Fn::Sub": sub,
  "Fn::Select": select,
  "Fn::GetAZs": getAzs,
  "Fn::Base64": (a, s) => Buffer.from(str(evaluate(a, s), "Fn::Base64"), "utf8").toString("base64"),
  "Fn::Join": (a, s) => {
    const [sep, items] = list(a, "Fn::Join");
    return list(evaluate(items, s), "Fn::Join")
      .map((i) => str(i, "Fn::Join"))
      .join(str(sep, "Fn::Join"));
  },
  "Fn::Split": (a, s) => {
    const [sep, text] = list(a, "Fn::Split");
    return str(evaluate(text, s), "Fn::Split").split(str(sep, "Fn::Split"));
  },
  "Fn::If": (a, s) => {
    const [name, yes, no] = list(a, "Fn::If");
    return evaluate(condition(name, s) ? yes : no, s);
  },
  "Fn::Equals": (a, s) => {
    const [x, y] = list(a, "Fn::Equals").map((v) => evaluate(v, s));
    return String(x) === String(y);
  },
  "Fn::Not": (a, s) => !bool(list(a, "Fn::Not")[0], "Fn::Not", s),
  "Fn::And": (a, s) => list(a, "Fn::And").every((v) => bool(v, "Fn::And", s)),
  "Fn::Or": (a, s) => list(a, "Fn::Or").some((v) => bool(v, "Fn::Or", s)),
};

/** Evaluates every intrinsic function inside `value`. */
export function evaluate(value: unknown, scope: Scope): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope)).filter((v) => v !== NO_VALUE);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  const fn = only !== undefined ? FUNCTIONS[only] : undefined;
  if (fn && only !== undefined) return fn(value[only], scope);
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = evaluate(value[k], scope);
    if (v !== NO_VALUE) out[k] = v;
  }
  return out;
}

/** Logical ids of resources referenced by Ref, Fn::GetAtt and Fn::Sub inside `value`. */
export function referencedResources(value: unknown, isResource: (id: string) => boolean, out = new Set<string>()): Set<string> {
  eachPair(value, (k, v) => {
    if (k === "Ref" && typeof v === "string" && isResource(v)) out.add(v);
    else if (k === "Fn::GetAtt") {
      const id = typeof v === "string" ? v.split(".")[0] : Array.isArray(v) ? v[0] : undefined;
      if (typeof id === "string" && isResource(id)) out.add(id);
    } else if (k === "Fn::Sub") {
      const [text, vars] = typeof v === "string" ? [v, {}] : Array.isArray(v) ? v : [undefined, {}];
      const local = isRecord(vars) ? vars : {};
      if (typeof text === "string") {
        for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
          const name = (m[1] ?? "").trim().split(".")[0] ?? "";
          if (!(name in local) && isResource(name)) out.add(name);
        }
      }
      referencedResources(local, isResource, out);
    } else return false;
    return true;
  });
  return out;
}
