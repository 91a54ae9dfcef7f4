// For scripts that call the engine in-process (the bench's workshop rooms, e2e-aws's credential
// check): bundles the named src/ modules into dist/scripts/ (not part of the package) and imports
// them. The shipped CLI (dist/bin.cjs) exposes no modules.
import { build } from "esbuild";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");

/**
 * A banner for ES module bundles: CommonJS code inside them still calls require() (Node built-ins,
 * lazy requires). Made on the first call: most chunks never call it, and each createRequire costs
 * a chunk's start (docs/PERFORMANCE.md).
 */
export const ESM_REQUIRE =
  'let __pllRequire; const require = (id) => (__pllRequire ??= process.getBuiltinModule("node:module").createRequire(import.meta.url))(id);';

/** `importSrc("name", ["aws/credentials.ts", ...])` → one object with all their exports. */
export async function importSrc(name, modules) {
  const outfile = join(root, "dist", "scripts", `${name}.js`);
  await build({
    absWorkingDir: root,
    stdin: { contents: modules.map((m) => `export * from "./src/${m}";`).join("\n"), resolveDir: root, loader: "ts" },
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22.13",
    mainFields: ["module", "main"],
    packages: "external",
    // src/ loads a few packages lazily with require() (text-width.ts, yaml-data.ts), as the bundle does.
    banner: { js: ESM_REQUIRE },
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}
