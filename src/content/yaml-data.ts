/**
 * Shipped YAML is parsed at build time into dist/parsed.json (keyed by parser and hash): a text found there is not
 * parsed again and the YAML library is not loaded; any other text (an edited template, sources under test) is parsed.
 */
import { readFileSync } from "node:fs";
import { stableHash } from "../stable-hash.js";

type YamlModule = typeof import("yaml");
let yamlModule: YamlModule | undefined;

/** The YAML library, loaded on first need (`require`: esbuild bundles it as a lazily run module). */
export function yaml(): YamlModule {
  return (yamlModule ??= require("yaml") as YamlModule);
}

/** How a text is read: plain YAML, or a CloudFormation template (short-form tags). */
type Reader = "yaml" | "cfn";

/** A text's key in the build's table: reader, length and a 53-bit hash (a same-length edit collides by 2^-53). */
export function parsedKey(reader: Reader, text: string): string {
  return `${reader}:${text.length}:${stableHash(text, 14)}`;
}

let table: Record<string, string> | undefined;

/** dist/parsed.json beside the bundle's chunks (from the sources there is none: src/parsed.json). */
function builtTable(): Record<string, string> {
  if (table) return table;
  try {
    table = JSON.parse(readFileSync(new URL("../parsed.json", import.meta.url), "utf8")) as Record<string, string>;
  } catch {
    table = {};
  }
  return table;
}

/** `parse(text)`, or its value from the build when the text is one the package ships (a fresh copy each time). */
export function parsedOnce(reader: Reader, text: string, parse: (text: string) => unknown): unknown {
  const built = builtTable()[parsedKey(reader, text)];
  return built === undefined ? parse(text) : (JSON.parse(built) as unknown);
}

export function parseYaml(text: string): unknown {
  return parsedOnce("yaml", text, (t) => yaml().parse(t));
}
