/**
 * The shape of a CloudFormation template, checked the way CloudFormation checks it before it
 * creates anything: sections are maps, every resource has a known `Type`, `DependsOn` names exist.
 */
import { parseTemplateText, TemplateFormatError } from "./yaml.js";

export interface ParameterDef {
  Type: string;
  Default?: unknown;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  Description?: string;
  NoEcho?: unknown;
}

export interface ResourceDef {
  Type: string;
  Properties: Record<string, unknown>;
  DependsOn: string[];
  Condition?: string;
}

export interface OutputDef {
  Value: unknown;
  Description?: string;
  Condition?: string;
}

export interface Template {
  Description?: string;
  Parameters: Record<string, ParameterDef>;
  Conditions: Record<string, unknown>;
  Resources: Record<string, ResourceDef>;
  Outputs: Record<string, OutputDef>;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Calls `visit` on every key and value inside `value`, depth first; a visit returning true does not descend. */
export function eachPair(value: unknown, visit: (key: string, v: unknown) => boolean): void {
  if (Array.isArray(value)) value.forEach((v) => eachPair(v, visit));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) if (!visit(k, v)) eachPair(v, visit);
}

function section(data: Record<string, unknown>, name: string): Record<string, unknown> {
  const v = data[name];
  if (v === undefined || v === null) return {};
  if (!isRecord(v)) throw new TemplateFormatError(`${name} section must be a map`);
  return v;
}

/** The members of a section, each a map that passes `valid` (else AWS's `problem`, naming the member). */
function members<T>(data: Record<string, unknown>, name: string, valid: (raw: Record<string, unknown>) => boolean, problem: string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, raw] of Object.entries(section(data, name))) {
    if (!isRecord(raw) || !valid(raw)) throw new TemplateFormatError(`[/${name}/${key}] ${problem}`);
    out[key] = raw as unknown as T;
  }
  return out;
}

function readResource(id: string, raw: unknown): ResourceDef {
  if (!isRecord(raw) || typeof raw.Type !== "string") {
    throw new TemplateFormatError(`[/Resources/${id}] Every Resources object must contain a Type member.`);
  }
  const deps = raw.DependsOn;
  const dependsOn = deps === undefined ? [] : Array.isArray(deps) ? deps.map(String) : [String(deps)];
  const props = raw.Properties;
  if (props !== undefined && props !== null && !isRecord(props)) {
    throw new TemplateFormatError(`[/Resources/${id}/Properties] Properties must be a map`);
  }
  return {
    Type: raw.Type,
    Properties: props ?? {},
    DependsOn: dependsOn,
    ...(typeof raw.Condition === "string" ? { Condition: raw.Condition } : {}),
  };
}

/** Parses and checks a template body; throws TemplateFormatError with AWS's wording. */
export function readTemplate(body: string, knownTypes: ReadonlySet<string>): Template {
  const data = parseTemplateText(body);
  if (!isRecord(data)) throw new TemplateFormatError("unsupported structure.");
  const rawResources = section(data, "Resources");
  if (Object.keys(rawResources).length === 0) {
    throw new TemplateFormatError("At least one Resources member must be defined.");
  }
  const Resources = Object.fromEntries(Object.entries(rawResources).map(([id, raw]) => [id, readResource(id, raw)]));
  const unknown = [...new Set(Object.values(Resources).map((r) => r.Type))].filter((t) => !knownTypes.has(t));
  if (unknown.length > 0) throw new TemplateFormatError(`Unrecognized resource types: [${unknown.join(", ")}]`);
  const missing = Object.values(Resources)
    .flatMap((r) => r.DependsOn)
    .filter((d) => !(d in Resources));
  if (missing.length > 0) {
    throw new TemplateFormatError(`Unresolved resource dependencies [${[...new Set(missing)].join(", ")}] in the Resources block of the template`);
  }
  const Parameters = members<ParameterDef>(data, "Parameters", (raw) => typeof raw.Type === "string", "Every Parameters object must contain a Type member.");
  const Outputs = members<OutputDef>(data, "Outputs", (raw) => "Value" in raw, "Every Outputs member must contain a Value object");
  return {
    ...(typeof data.Description === "string" ? { Description: data.Description } : {}),
    Parameters,
    Conditions: section(data, "Conditions"),
    Resources,
    Outputs,
  };
}
