#!/usr/bin/env node
// `npm run build`: the shipped CLI is bundled by esbuild, with no runtime dependencies.
//   dist/bin.cjs          the executable (src/entry.cjs, copied): checks the Node version in syntax
//                         any Node parses, then runs dist/start.cjs
//   dist/start.cjs        turns on Node's compile cache (src/start.cjs), then imports dist/lib/bin.js
//   dist/lib/             the CLI as ES modules, code-split: each command's modules (and the AWS
//                         SDK) are chunks loaded by import() when that command runs
//   dist/lib/yaml.cjs     the YAML library, required only for YAML the package did not ship
//   dist/lib/*.map        source maps (PRIVATELINK_LAB_DEBUG=1 turns them on: stacks point at src/)
//   dist/i18n/<lang>.json  lessons/i18n/<lang>.yml flattened, so a start parses no YAML
//   dist/parsed.json      the shipped YAML, parsed (src/content/yaml-data.ts)
//   dist/meta.json        what went where (test/e2e/bundle.test.ts reads it); not shipped
// templates/ and lessons/ stay data files beside dist/ (see README, "Dependencies, and why").
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { ESM_REQUIRE } from "./import-src.mjs";

const root = resolve(import.meta.dirname, "..");
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });

// The SDK packages, smithy and the prompt library declare no side effects on import (true of
// their code; most do not say so in package.json): with this, esbuild drops what we do not use
// (e.g. @inquirer/prompts' editor prompt and its iconv-lite).
const PURE = /^(@aws-sdk|@smithy|@aws-crypto|@inquirer)\//;
const pure = {
  name: "pure-packages",
  setup(b) {
    b.onResolve({ filter: PURE }, async (args) => {
      if (args.pluginData?.pure) return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { pure: true } });
      return r.errors.length ? r : { ...r, sideEffects: false };
    });
  },
};

// The SDK's generated schemas (EC2's alone is ~0.8 MB) write object keys as `{ [_xN]: ... }` with
// `_xN` a string constant; esbuild cannot prove a computed key harmless, so it keeps every schema
// of every EC2 API. Writing each constant's value in place of its key (the same object) lets it
// keep only the schemas of the commands we send: kept because it saves >= 10 % of `status`
// (docs/PERFORMANCE.md). Should the SDK write its schemas otherwise, nothing matches and the bundle
// only grows: test/e2e/bundle.test.ts then fails on EC2's schema size.
const schemaKeys = {
  name: "sdk-schema-keys",
  setup(b) {
    b.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const consts = new Map([...text.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)].map((m) => [m[1], m[2]]));
      return { contents: text.replace(/\[(_\w+)\]:/g, (key, name) => (consts.has(name) ? `${consts.get(name)}:` : key)), loader: "js" };
    });
  },
};

// budoux's entry also loads its HTML processor (linkedom, ~0.6 MB) and its Chinese and Thai
// models; we use only its phrase parser and the Japanese model (src/ui/line-breaks.ts).
const budouxJapaneseOnly = {
  name: "budoux-japanese-only",
  setup(b) {
    b.onResolve({ filter: /^budoux$/ }, () => ({ path: "budoux", namespace: "budoux-ja" }));
    b.onLoad({ filter: /.*/, namespace: "budoux-ja" }, () => {
      const dir = join(root, "node_modules", "budoux", "module");
      return {
        resolveDir: dir,
        loader: "js",
        contents: `export { Parser } from "./parser.js";\nexport { model as jaModel } from "./data/models/ja.js";`,
      };
    });
  },
};

// ora measures its spinner line with string-width, whose module start-up (an ICU segmenter and
// Unicode property regexes) costs a fresh process tens of milliseconds. Our displayWidth gives
// the same answers (test/unit/text-width.test.ts) and loads string-width only for text that needs it.
const oraWidth = {
  name: "ora-string-width",
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      /[\\/]node_modules[\\/]ora[\\/]/.test(args.importer) ? { path: join(root, "src", "ui", "string-width-shim.ts") } : undefined,
    );
  },
};

// The YAML library (115 kB) is a script of its own, dist/lib/yaml.cjs, required only when YAML
// must be parsed at run time: the YAML the package ships is parsed at build time (see below).
// (`require("yaml")` in src/ stays a require() of ./yaml.cjs beside the chunk that runs it.)
const yamlOutside = { name: "yaml-outside", setup: (b) => b.onResolve({ filter: /^yaml$/ }, () => ({ path: "./yaml.cjs", external: true })) };

// The CLI: ES modules, code-split. esbuild tree-shakes them (the SDK's ES modules keep only the
// commands we send) and records in dist/meta.json which chunk holds what and which chunks a chunk
// loads with import().
const lib = join(dist, "lib");
const result = await build({
  absWorkingDir: root,
  entryPoints: { bin: "src/bin.ts" },
  outdir: lib,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22.13",
  // ESM builds of the SDK (dist-es) tree-shake; CommonJS ones do not.
  mainFields: ["module", "main"],
  chunkNames: "[name]-[hash]",
  sourcemap: "linked",
  sourcesContent: false,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "linked",
  metafile: true,
  banner: { js: ESM_REQUIRE },
  plugins: [pure, schemaKeys, budouxJapaneseOnly, oraWidth, yamlOutside],
  logLevel: "warning",
});
writeFileSync(join(dist, "meta.json"), JSON.stringify(result.metafile));

/** dist/lib/yaml.cjs (see `yamlOutside`). */
async function buildYamlScript() {
  await build({
    absWorkingDir: root,
    entryPoints: ["yaml"],
    outfile: join(lib, "yaml.cjs"),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node22.13",
    minify: true,
    legalComments: "linked",
    logLevel: "warning",
  });
}

await buildYamlScript();

// The executable and its start, as written: the version check must stay syntax any Node parses.
copyFileSync(join(root, "src", "entry.cjs"), join(dist, "bin.cjs"));
copyFileSync(join(root, "src", "start.cjs"), join(dist, "start.cjs"));

// The YAML the package ships, parsed now (src/content/yaml-data.ts): lesson files, the front matter
// of step files and the templates, each by the same function the CLI would use.
const readers = await build({
  absWorkingDir: root,
  stdin: {
    contents: ['export { parsedKey, yaml } from "./src/content/yaml-data.ts";', 'export { frontMatter } from "./src/content/lesson-content.ts";', 'export { parseTemplateText } from "./src/sandbox/cfn/yaml.ts";'].join("\n"),
    resolveDir: root,
    loader: "ts",
  },
  bundle: true,
  write: false,
  format: "esm",
  platform: "node",
  mainFields: ["module", "main"],
  banner: { js: ESM_REQUIRE },
  logLevel: "warning",
});
const readersFile = join(dist, "readers.tmp.mjs");
writeFileSync(readersFile, readers.outputFiles[0].text);
const reader = await import(pathToFileURL(readersFile).href);
rmSync(readersFile);
const filesUnder = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
const parsed = {};
const keep = (kind, text, value, file) => {
  const json = JSON.stringify(value);
  // Only values JSON gives back unchanged (no dates, no undefined).
  if (!isDeepStrictEqual(JSON.parse(json), value)) throw new Error(`${file}: its parsed YAML does not survive JSON`);
  parsed[reader.parsedKey(kind, text)] = json;
};
// (lessons/i18n is flattened to dist/i18n below; the CLI never parses it.)
for (const file of filesUnder(join(root, "lessons")).filter((f) => !f.startsWith(join(root, "lessons", "i18n")))) {
  const text = readFileSync(file, "utf8");
  if (file.endsWith(".yml")) keep("yaml", text, reader.yaml().parse(text), file);
  const fm = file.endsWith(".md") ? reader.frontMatter(text).yaml : undefined;
  if (fm !== undefined) keep("yaml", fm, reader.yaml().parse(fm), file);
}
for (const file of filesUnder(join(root, "templates")).filter((f) => /\.(ya?ml|json)$/.test(f))) {
  const text = readFileSync(file, "utf8");
  keep("cfn", text, reader.parseTemplateText(text), file);
}
writeFileSync(join(dist, "parsed.json"), JSON.stringify(parsed));

// UI strings: the same flattening as the YAML fallback in src/i18n/messages.ts.
const flattener = await build({ absWorkingDir: root, entryPoints: ["src/i18n/messages.ts"], bundle: true, write: false, format: "esm", platform: "node", logLevel: "warning" });
const { flattenMessages } = await import("data:text/javascript;base64," + Buffer.from(flattener.outputFiles[0].text).toString("base64"));
const src = join(root, "lessons", "i18n");
mkdirSync(join(dist, "i18n"), { recursive: true });
for (const file of readdirSync(src).filter((f) => f.endsWith(".yml"))) {
  const table = flattenMessages(parse(readFileSync(join(src, file), "utf8")));
  writeFileSync(join(dist, "i18n", file.replace(/\.yml$/, ".json")), JSON.stringify(table));
}
