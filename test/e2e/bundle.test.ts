/**
 * What a start loads before it can show anything, read from the build's metafile
 * (scripts/build.mjs): `--help` is commander, the strings and the help layout (each command, the
 * SDK and the sandbox are chunks loaded by import() when a command runs); the lesson's first
 * question waits for neither the SDK, the sandbox nor the lesson engine.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

interface Meta {
  outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
}

const dist = resolve(import.meta.dirname, "../../dist");
/** The shipped ES module build (its chunks' inputs are our sources). */
const meta = JSON.parse(readFileSync(resolve(dist, "meta.json"), "utf8")) as Meta;

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
  it("--help: commander, the strings and the help layout; no command, SDK or sandbox", () => {
    const files = loadedWith("src/bin.ts");
    // string-width (with ansi-regex) runs only for text that needs it (text-width.ts); colours and
    // the Japanese phrase breaker are loaded by import() when help needs them.
    expect(packages(files)).toEqual(["ansi-regex", "commander", "get-east-asian-width", "string-width"]);
    expect(files.filter((f) => /^src\/(commands\/(?!environment|table)|sandbox\/(?!clock)|lesson|aws\/(?!error-translation))/.test(f))).toEqual([]);
    // ...while the whole build has them all.
    expect(packages(Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs)))).toEqual(expect.arrayContaining(["@aws-sdk/client-ec2", "commander", "marked"]));
  });

  it("the lesson's first question: no SDK, no sandbox, no lesson engine", () => {
    const files = loadedWith("src/commands/start.ts");
    expect(packages(files).filter((p) => /^@aws-sdk|^@smithy|^yaml$/.test(p!))).toEqual([]);
    // (The sandbox's speed, fault and region names are checked before the first question: they are data.)
    expect(files.filter((f) => /^src\/(sandbox\/(middleware|store|world|handlers|cfn|model)|lesson\/(engine|steps|cloud-view))/.test(f))).toEqual([]);
  });

  it("keeps of EC2's generated schemas only those of the commands we send (scripts/build.mjs, sdk-schema-keys)", () => {
    const bytes = Object.values(meta.outputs)
      .flatMap((o) => Object.entries(o.inputs))
      .filter(([f]) => /client-ec2\/dist-es\/schemas\/schemas_\d+\.js$/.test(f))
      .reduce((sum, [, i]) => sum + (i as { bytesInOutput: number }).bytesInOutput, 0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(300_000); // all of them: ~800 kB
  });
});
