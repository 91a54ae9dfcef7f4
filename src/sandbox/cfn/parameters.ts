/**
 * Stack parameters: given values, defaults, and the AWS-specific types (a new stack has no
 * previous values: `UsePreviousValue` leaves the parameter without one).
 * `AWS::SSM::Parameter::Value<...>` parameters hold a parameter *name*; CloudFormation fetches its
 * value when the stack is created and shows it as `ResolvedValue`.
 */
import type { Parameter } from "@aws-sdk/client-cloudformation";
import { publicParameter } from "../public-parameters.js";
import type { Stack } from "../world.js";
import type { ParameterDef } from "./template.js";

/** A parameter problem; CloudFormation reports it as a ValidationError. */
export class ParameterError extends Error {
  override name = "ParameterError";
}

export interface ResolvedParameters {
  /** What `Ref` to each parameter returns (a string, or a list for List<> types). */
  values: Record<string, string | string[]>;
  /** As DescribeStacks shows them. */
  view: Stack["Parameters"];
}

const SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

function scalar(v: unknown): string {
  return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
}

function checkValue(name: string, def: ParameterDef, value: string): void {
  if (def.AllowedValues && !def.AllowedValues.map(scalar).includes(value)) {
    throw new ParameterError(`Parameter '${name}' must be one of AllowedValues`);
  }
  if (def.AllowedPattern && !new RegExp(`^(?:${def.AllowedPattern})$`).test(value)) {
    throw new ParameterError(`Parameter '${name}' must match pattern ${def.AllowedPattern}`);
  }
  if (def.Type === "Number" && (value.trim() === "" || !Number.isFinite(Number(value)))) {
    throw new ParameterError(`Parameter '${name}' must be a number.`);
  }
  if (def.Type === "AWS::EC2::Image::Id" && !/^ami-[0-9a-f]{8,17}$/.test(value)) {
    throw new ParameterError(`Parameter validation failed: parameter value ${value} for parameter name ${name} does not exist.`);
  }
}

function typedValue(def: ParameterDef, value: string): string | string[] {
  const isList = def.Type === "CommaDelimitedList" || def.Type.startsWith("List<");
  return isList ? value.split(",").map((s) => s.trim()) : value;
}

/** Resolves the given parameters against the template's; throws ParameterError with AWS's wording. */
export function resolveParameters(region: string, defs: Record<string, ParameterDef>, given: Parameter[] | undefined): ResolvedParameters {
  const unknown = (given ?? []).map((p) => p.ParameterKey ?? "").filter((k) => !(k in defs));
  if (unknown.length > 0) throw new ParameterError(`Parameters: [${unknown.join(", ")}] do not exist in the template`);
  const raw: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, def] of Object.entries(defs)) {
    const g = given?.find((p) => p.ParameterKey === name);
    const value = g?.UsePreviousValue ? undefined : (g?.ParameterValue ?? (def.Default !== undefined ? scalar(def.Default) : undefined));
    if (value === undefined) missing.push(name);
    else raw[name] = value;
  }
  if (missing.length > 0) throw new ParameterError(`Parameters: [${missing.join(", ")}] must have values`);
  return resolveTypes(region, defs, raw);
}

function resolveTypes(region: string, defs: Record<string, ParameterDef>, raw: Record<string, string>): ResolvedParameters {
  const values: Record<string, string | string[]> = {};
  const view: Stack["Parameters"] = [];
  const unfetched: string[] = [];
  for (const [name, def] of Object.entries(defs)) {
    const value = raw[name] ?? "";
    const ssm = SSM_TYPE.exec(def.Type);
    const resolved = ssm ? publicParameter(region, value)?.Value : value;
    if (resolved === undefined) {
      unfetched.push(value);
      continue;
    }
    const typed = ssm ? { ...def, Type: ssm[1] ?? "String" } : def;
    checkValue(name, typed, resolved);
    values[name] = typedValue(typed, resolved);
    view.push({ ParameterKey: name, ParameterValue: value, ...(ssm ? { ResolvedValue: resolved } : {}) });

  }
  if (unfetched.length > 0) {
    throw new ParameterError(`Unable to fetch parameters [${unfetched.join(",")}] from parameter store for this account.`);
  }
  return { values, view };
}
