/**
 * Template text → plain JSON data. CloudFormation accepts JSON or YAML; YAML templates may use the
 * short forms of intrinsic functions (`!Ref X`, `!Sub "..."`, `!GetAtt A.B`, `!Select [0, ...]`),
 * which are tags on scalars, sequences or mappings. Each short tag becomes its long form
 * (`{ "Ref": "X" }`, `{ "Fn::Sub": ... }`) so the rest of the engine only sees JSON.
 */
import type { Tags, YAMLMap, YAMLSeq } from "yaml";
import { parsedOnce, yaml } from "../../content/yaml-data.js";

/** The short tags (`!Sub`); each stands for its long form, `Fn::Sub` (`Ref` and `Condition` keep their names). */
const SHORT_TAGS = [
  "Ref", "Condition", "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
  "Transform", "And", "Equals", "If", "Not", "Or",
];

/** Thrown for text that is not a well-formed template; the message follows AWS's wording. */
export class TemplateFormatError extends Error {
  constructor(detail: string) {
    super(`Template format error: ${detail}`);
    this.name = "TemplateFormatError";
  }
}

/** `!GetAtt A.B` is split into `["A", "B"]`, as CloudFormation does. */
function scalarValue(name: string, key: string, text: string): unknown {
  if (name === "GetAtt") {
    const dot = text.indexOf(".");
    return { [key]: dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)] };
  }
  return { [key]: text };
}

function shortTags(): Tags {
  const tags: Tags = [];
  for (const name of SHORT_TAGS) {
    const key = name === "Ref" || name === "Condition" ? name : `Fn::${name}`;
    tags.push({ tag: `!${name}`, resolve: (text: string) => scalarValue(name, key, text) });
    for (const collection of ["seq", "map"] as const) {
      tags.push({ tag: `!${name}`, collection, resolve: (node) => ({ [key]: (yaml().isCollection(node) ? (node as YAMLSeq | YAMLMap).toJSON() : node) as unknown }) });
    }

  }
  return tags;
}

let customTags: Tags | undefined;

/** Parses a JSON or YAML template body into plain data (a shipped template was parsed at build: see yaml-data.ts). */
export function parseTemplateText(body: string): unknown {
  return parsedOnce("cfn", body, readTemplateText);
}

function readTemplateText(body: string): unknown {
  const trimmed = body.trim();
  if (trimmed.startsWith("{")) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      throw new TemplateFormatError("JSON not well-formed.");
    }
  }
  // The YAML 1.2 core schema keeps `Version: 2012-10-17` a string, as CloudFormation does.
  const doc = yaml().parseDocument(body, { customTags: (customTags ??= shortTags()), uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    throw new TemplateFormatError(`YAML not well-formed.${pos ? ` (line ${pos.line}, column ${pos.col})` : ""}`);
  }
  return doc.toJS({ maxAliasCount: 100 }) as unknown;
}
