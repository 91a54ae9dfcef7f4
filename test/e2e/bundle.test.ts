/**
 * What each script holds and each command loads before it can show anything, read from the build's
 * metafiles (scripts/build.mjs): the help script is commander, the strings and the help layout; in
 * the whole CLI, the lesson's first question waits for neither the SDK, the sandbox nor the lesson
 * engine (they run while the learner reads it).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

interface Meta {
  outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
}

const dist = resolve(import.meta.dirname, "../../dist");
/** The ES module build both scripts are made from (its chunks' inputs are our sources). */
const meta = JSON.parse(readFileSync(resolve(dist, "meta.json"), "utf8")) as Meta;

/** Source files in one of the shipped scripts, through the chunks it was made from. */
function sourcesOf(script: "help" | "cli"): string[] {
  const own = JSON.parse(readFileSync(resolve(dist, `${script}-meta.json`), "utf8")) as Meta;
  return Object.keys(own.outputs[`dist/chunks/${script}.cjs`]!.inputs).flatMap((chunk) => Object.keys(meta.outputs[chunk]?.inputs ?? {}));
}

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
  it("the help script: commander, the strings and the help layout; no command, SDK or sandbox", () => {
    const files = sourcesOf("help");
    // string-width (with ansi-regex) runs only for text that needs it (text-width.ts); budoux only for Japanese.
    expect(packages(files)).toEqual(["ansi-regex", "budoux", "chalk", "commander", "get-east-asian-width", "string-width", "xdg-basedir"]);
    expect(files.filter((f) => /^src\/(commands\/(?!environment|challenge-wire|sandbox-wire|sandbox-env-wire|workshop\/wire)|sandbox\/(?!clock)|lesson|aws\/(?!error-translation))/.test(f))).toEqual([]);
    // ...while the whole CLI has them all.
    expect(packages(sourcesOf("cli"))).toEqual(expect.arrayContaining(["@aws-sdk/client-ec2", "commander", "marked"]));
  });

  it("the lesson's first question: no SDK, no sandbox, no lesson engine", () => {
    const files = loadedWith("src/commands/start.ts");
    expect(packages(files).filter((p) => /^@aws-sdk|^@smithy|^yaml$/.test(p!))).toEqual([]);
    // (The sandbox's speed, fault and region names are checked before the first question: they are data.)
    expect(files.filter((f) => /^src\/(sandbox\/(middleware|store|world|handlers|cfn|model)|lesson\/(engine|steps|cloud-view))/.test(f))).toEqual([]);
  });
});
