/**
 * What each command loads before it can show anything, read from the build's metafile: `--help`
 * is commander and the strings; the lesson's first question waits for neither the SDK, the
 * sandbox nor the lesson engine (they load while the learner reads it).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

interface Meta {
  outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
}

const meta = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../dist/meta.json"), "utf8")) as Meta;

/** Source files loaded with the chunk that holds `source`, before any dynamic import. */
function loadedWith(source: string): string[] {
  const start = Object.keys(meta.outputs).find((o) => o.endsWith(".js") && source in meta.outputs[o]!.inputs);
  expect(start, source).toBeDefined();
  const seen = new Set<string>();
  const visit = (o: string) => {
    if (seen.has(o)) return;
    seen.add(o);
    for (const i of meta.outputs[o]!.imports) if (i.kind === "import-statement" && meta.outputs[i.path]) visit(i.path);
  };
  visit(start!);
  return [...seen].flatMap((o) => Object.keys(meta.outputs[o]!.inputs));
}

const packages = (files: string[]) => [...new Set(files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean))].sort();

describe("the bundle loads only what a screen needs", () => {
  it("--help and usage errors: commander, the strings and the help layout", () => {
    // string-width (with ansi-regex) is in the chunk but runs only for text that needs it (text-width.ts).
    expect(packages(loadedWith("src/bin.ts"))).toEqual(["ansi-regex", "commander", "get-east-asian-width", "string-width", "xdg-basedir"]);
  });

  it("the lesson's first question: no SDK, no sandbox, no lesson engine", () => {
    const files = loadedWith("src/commands/start.ts");
    expect(packages(files).filter((p) => /^@aws-sdk|^@smithy|^yaml$/.test(p!))).toEqual([]);
    // (The sandbox's speed, fault and region names are checked before the first question: they are data.)
    expect(files.filter((f) => /^src\/(sandbox\/(middleware|store|world|handlers|cfn|model)|lesson\/(engine|steps|cloud-view))/.test(f))).toEqual([]);
  });
});
