/**
 * A PowerShell grammar for tests: tree-sitter-powershell's own .wasm (shipped in its npm package)
 * loaded by web-tree-sitter. CI runs on Linux with no PowerShell, so this is how the PowerShell
 * forms of the printed commands are proven to parse.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Language, Parser, type Node } from "web-tree-sitter";

let parser: Parser | undefined;

export async function powershellParser(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init();
  const require = createRequire(import.meta.url);
  const wasm = join(dirname(require.resolve("tree-sitter-powershell/package.json")), "tree-sitter-powershell.wasm");
  const p = new Parser();
  p.setLanguage(await Language.load(wasm));
  return (parser = p);
}

export interface PsParse {
  /** ERROR and MISSING nodes, with the text they cover. */
  problems: string[];
  /** The top-level statements (a pipeline, an assignment, a while loop…), comments left out. */
  statements: string[];
}

export async function parsePowerShell(source: string): Promise<PsParse> {
  const tree = (await powershellParser()).parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree");
  const problems: string[] = [];
  const walk = (n: Node) => {
    if (n.type === "ERROR" || n.isMissing) problems.push(`${n.type}${n.isMissing ? " (missing)" : ""} at ${n.startPosition.row + 1}:${n.startPosition.column + 1}: ${n.text.slice(0, 60)}`);
    for (const c of n.children) if (c) walk(c);
  };
  walk(tree.rootNode);
  const statements: string[] = [];
  const top = (n: Node) => {
    for (const c of n.namedChildren) {
      if (!c || c.type === "comment") continue;
      if (c.type === "statement_list") top(c);
      else statements.push(c.type);
    }
  };
  top(tree.rootNode);
  tree.delete();
  return { problems, statements };
}
