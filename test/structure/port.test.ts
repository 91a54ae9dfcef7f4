/**
 * Every AWS call goes through the port (src/aws/port.ts): no file of `src/` outside it and the
 * sandbox sends a command to an SDK client (`client.send(…)`) or makes one (`new XCommand(…)`,
 * a command class imported from an `@aws-sdk/client-*` package). Read with the TypeScript parser.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../../src", import.meta.url));
const ALLOWED = (file: string) => file === "aws/port.ts" || file.startsWith("sandbox/");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : []));
}

/** `file:line what` for each send to a client, and each command class a file imports or makes. */
export function callsAroundThePort(root: string): string[] {
  const found: string[] = [];
  for (const path of filesUnder(root)) {
    const file = relative(root, path).split(sep).join("/");
    if (ALLOWED(file)) continue;
    const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
    const at = (n: ts.Node, what: string) => found.push(`${file}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${what}`);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "send") at(n, n.getText().slice(0, 60));
      if (ts.isNewExpression(n) && /\w+Command$/.test(n.expression.getText())) at(n, n.expression.getText());
      const from = ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) ? n.moduleSpecifier.text : "";
      if (ts.isImportDeclaration(n) && from.startsWith("@aws-sdk/client-") && !n.importClause?.isTypeOnly) {
        const bindings = n.importClause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) at(n, `import * from ${from}`);
        for (const e of bindings && ts.isNamedImports(bindings) ? bindings.elements : []) if (!e.isTypeOnly && /Command$/.test(e.name.text)) at(e, `import ${e.name.text}`);
      }
      if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && /^["']@aws-sdk\/client-/.test(n.arguments[0]?.getText() ?? "")) at(n, n.getText());
      ts.forEachChild(n, visit);
    };
    visit(source);
  }
  return found;
}

describe("the AWS port", () => {
  it("is the only way out to AWS: no file outside it and the sandbox sends or makes a command", () => {
    expect(callsAroundThePort(src)).toEqual([]);
  });
});
