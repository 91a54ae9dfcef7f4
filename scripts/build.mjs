#!/usr/bin/env node
// `npm run build`: the shipped CLI is bundled by esbuild, with no runtime dependencies.
//   dist/bin.cjs          the executable (src/entry.ts): runs one of the two scripts below
//   dist/chunks/cli.cjs   the whole CLI as one CommonJS script; its modules run when first used
//   dist/chunks/help.cjs  `--help` and `--version`: the same program without the commands' code
//   dist/chunks/yaml.cjs  the YAML library, required only for YAML the package did not ship
//   dist/chunks/*.map     source maps (PRIVATELINK_LAB_DEBUG=1 turns them on: stacks point at src/)
//   dist/i18n/<lang>.json  lessons/i18n/<lang>.yml flattened, so a cold start parses no YAML
//   dist/parsed.json      the shipped YAML, parsed (src/content/yaml-data.ts)
//   dist/*meta.json       what went where (test/e2e/bundle.test.ts reads them); not shipped
// templates/ and lessons/ stay data files beside dist/ (see README, "Dependencies, and why").
import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { ESM_REQUIRE } from "./import-src.mjs";
import { deferErrorRegistrations, registrySettlesOnRead } from "./sdk-errors-on-first-read.mjs";
import { patched } from "./text-patches.mjs";

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

// The SDK's generated schemas (EC2's alone is ~1 MB) write object keys as `{ [_xN]: ... }` with
// `_xN` a string constant; esbuild cannot prove a computed key harmless, so it kept every schema
// of every EC2 API. Writing the constants' values in place of the keys lets it keep only the
// schemas of the commands we send. (Their error registrations: see sdk-errors-on-first-read.mjs.)
const schemaKeys = {
  name: "sdk-schema-keys",
  setup(b) {
    b.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const consts = new Map([...text.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)].map((m) => [m[1], m[2]]));
      const keyed = text.replace(/\[(_\w+)\]:/g, (key, name) => (consts.has(name) ? `${consts.get(name)}:` : key));
      return { contents: deferErrorRegistrations(keyed, args.path), loader: "js" };
    });
  },
};

// Two smithy modules probe Node's crypto when they load, which loads it (~6 ms) in every run that
// loads the SDK, the sandbox's included: the UUID maker reads the global `crypto`, and the SHA-256
// class hashes a test string. Each probe now runs on first use (the same probe, the same answer).
// The build fails if smithy's code no longer reads as below: look again at what it probes then.
const CRYPTO_PROBES = {
  "uuid/v4.js": [
    [
      'if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") {\n        return () => crypto.randomUUID();\n    }\n    return () => {',
      'return () => {\n        if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();',
    ],
  ],
  "sha256/Sha256Node.js": [
    [
      "export const Sha256Node = hasNativeCrypto ? buildNativeClass() : Sha256Js;",
      "let chosen;\nexport const Sha256Node = function Sha256Node(...args) { chosen ??= hasNativeCrypto() ? buildNativeClass() : Sha256Js; return new chosen(...args); };",
    ],
    ["const hasNativeCrypto = (() => {", "const hasNativeCrypto = (() => () => {"],
  ],
};
const cryptoOnFirstUse = {
  name: "crypto-on-first-use",
  setup(b) {
    b.onLoad({ filter: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/](serde[\\/]uuid[\\/]v4|checksum[\\/]sha256[\\/]Sha256Node)\.js$/ }, (args) => {
      const patches = CRYPTO_PROBES[args.path.split(/[\\/]/).slice(-2).join("/")];
      return { contents: patched(readFileSync(args.path, "utf8"), args.path, patches, "scripts/build.mjs, crypto-on-first-use"), loader: "js" };
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

// Node built-ins that cost a start milliseconds to load and that most runs never use: the HTTP
// stack (http, https, http2, and with them tls, net, zlib) is for AWS itself, not the sandbox;
// child_process is for commander's external subcommands, which we have none of; crypto (~6 ms) is
// for signing requests to AWS (our own hashes need none: src/stable-hash.ts). Each import of one
// becomes a stand-in that loads the real module on first use (a call, `new`, or a property read).
const LAZY_BUILTINS = /^(node:)?(child_process|crypto|http|https|http2|zlib)$/;
/** A Proxy handler that stands for the value `get()` returns, read only when the stand-in is used. */
const FORWARD = `const forward = (get) => ({ get: (_, k) => Reflect.get(get(), k), has: (_, k) => k in get(), ownKeys: () => Reflect.ownKeys(get()),
  getOwnPropertyDescriptor: (_, k) => { const d = Reflect.getOwnPropertyDescriptor(get(), k); return d && { ...d, configurable: true }; },
  getPrototypeOf: () => Reflect.getPrototypeOf(get()), apply: (_, self, a) => Reflect.apply(get(), self, a), construct: (_, a, nt) => Reflect.construct(get(), a, nt) });
`;
/** The module text that loads built-in `id` on first use (`load()`), with `forward` to stand for it. */
const loaderOf = (id) => `let m; const load = () => (m ??= require(${JSON.stringify(id)}));\n${FORWARD}`;
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(b) {
    // A stand-in for require() and one for import are two modules (esbuild keeps one module per
    // path and namespace): an ES module importing the CommonJS form would copy its exports, which
    // reads the real module at once.
    b.onResolve({ filter: LAZY_BUILTINS }, (args) => {
      const id = `node:${args.path.replace(/^node:/, "")}`;
      if (args.namespace.startsWith("lazy-builtin")) return { path: id, external: true };
      return { path: id, namespace: args.kind === "require-call" ? "lazy-builtin-cjs" : "lazy-builtin" };
    });
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin-cjs" }, (args) => ({
      contents: `${loaderOf(args.path)}module.exports = new Proxy({}, forward(load));`,
      loader: "js",
      resolveDir: root,
    }));
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, async (args) => {
      const real = await import(args.path);
      const names = Object.keys(real.default).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && typeof real.default[k] === "function");
      const members = names.map((k) => `export const ${k} = /* @__PURE__ */ new Proxy(function () {}, forward(() => load().${k}));`).join("\n");
      return { contents: `${loaderOf(args.path)}export default new Proxy({}, forward(load));\n${members}`, loader: "js", resolveDir: root };
    });
  },
};

// The YAML library (115 kB) is a script of its own, dist/chunks/yaml.cjs, required only when YAML
// must be parsed at run time: the YAML the package ships is parsed at build time (see below), so a
// learner's runs never read it, while every start reads (and a first start compiles) all of cli.cjs.
// (`require("yaml")` in src/ stays a require() of ./yaml.cjs beside the script that runs it.)
const yamlOutside = { name: "yaml-outside", setup: (b) => b.onResolve({ filter: /^yaml$/ }, () => ({ path: "./yaml.cjs", external: true })) };

// Step 1, not shipped: the ES module build, code-split, into dist/esm/. esbuild tree-shakes it (the
// SDK's ES modules keep only the commands we send) and records in dist/meta.json which chunk holds
// what and which chunks a chunk loads with import().
// Node's built-ins stay imports here: step 2 turns a named import of one into a plain require()
// whose members are read where they are used. (Bundled as CommonJS modules instead, each of the
// 58 modules a lesson runs that imports a built-in copied all its exports, 2,878 getters in all;
// measured over 21 interleaved rounds: the instant lesson 363 ms instead of 381, status 250 instead of 264.)
const esm = join(dist, "esm");
const result = await build({
  absWorkingDir: root,
  entryPoints: { bin: "src/bin.ts" },
  outdir: esm,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.17",
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
  plugins: [pure, schemaKeys, registrySettlesOnRead, cryptoOnFirstUse, budouxJapaneseOnly, oraWidth, lazyBuiltins, yamlOutside],
  logLevel: "warning",
});
writeFileSync(join(dist, "meta.json"), JSON.stringify(result.metafile));

// Step 2, shipped: that build bundled again into CommonJS scripts in dist/chunks/. A chunk it
// loaded with import() becomes a function run on first use, so a command still runs only its own
// modules; and a script, unlike an ES module, can be compiled with a V8 code cache that we keep
// (src/code-cache.ts). Scripts must be ASCII: the executable reads them as one-byte text.
const ENTRY_OF_CHUNK = new Map(Object.entries(result.metafile.outputs).filter(([, o]) => o.entryPoint).map(([file, o]) => [file.split("/").pop(), o.entryPoint]));

/** Chunks left out of a script: loading one fails, saying so (that script never should load it). */
const leaveOut = (leave, why) => ({
  name: "leave-out",
  setup(b) {
    b.onResolve({ filter: /^\.\/[^/]+\.js$/ }, (args) => {
      const entry = ENTRY_OF_CHUNK.get(args.path.slice(2));
      if (args.kind !== "dynamic-import" || !leave(entry)) return undefined;
      return { path: entry, namespace: "left-out" };
    });
    b.onLoad({ filter: /.*/, namespace: "left-out" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`privatelink-lab: ${args.path} is not part of this build (${why})`)});`,
      loader: "js",
    }));
  },
});

/** dist/chunks/yaml.cjs (see `yamlOutside`). */
async function buildYamlScript() {
  await build({
    absWorkingDir: root,
    entryPoints: ["yaml"],
    outfile: join(dist, "chunks", "yaml.cjs"),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20.17",
    minify: true,
    charset: "ascii",
    legalComments: "linked",
    logLevel: "warning",
  });
}

/**
 * The head of every shipped script. Run by src/code-cache.ts as a script, whose top-level `this` is
 * the global object, it gives back the function; required as a CommonJS module (PRIVATELINK_LAB_DEBUG,
 * or `node dist/chunks/cli.cjs`), whose `this` is its `exports`, it runs it at once. The function is
 * in parentheses of its own: V8 then compiles it at once, as a function run immediately, instead of
 * pre-parsing 1.2 MB and parsing it again at the call (a first `status` measured 451 against 375 ms
 * without them).
 */
const SCRIPT_HEAD = "(f=>this===globalThis?f:f(exports,require,module,__filename,__dirname))((function (exports, require, module, __filename, __dirname) {";

/**
 * The script as one function expression, the shape src/code-cache.ts compiles: V8 is given the
 * file's text as read, not a copy joined to a wrapper (1.2 MB less to copy and keep). The head takes
 * the place of the entry's `#!` line, so every line of the source map still fits.
 */
function asScriptFunction(text, name) {
  if (!text.startsWith("#!")) throw new Error(`dist/chunks/${name}.cjs does not start with the entry's #! line the wrapper takes`);
  return SCRIPT_HEAD + text.slice(text.indexOf("\n")) + "\n}))";
}

async function script(name, plugins = []) {
  const file = join(dist, "chunks", `${name}.cjs`);
  const built = await build({
    absWorkingDir: root,
    entryPoints: [join(esm, "bin.js")],
    outfile: file,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20.17",
    sourcemap: "linked",
    sourcesContent: false,
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: true,
    charset: "ascii",
    // A script run by node:vm has no import() (it needs an experimental loader option): the SDK's
    // few import("node:…") become require().
    supported: { "dynamic-import": false },
    legalComments: "linked",
    metafile: true,
    define: { "import.meta.url": "__pllMetaUrl" },
    banner: { js: 'var __pllMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins,
    logLevel: "warning",
  });
  writeFileSync(join(dist, `${name}-meta.json`), JSON.stringify(built.metafile));
  const text = asScriptFunction(readFileSync(file, "latin1"), name);
  writeFileSync(file, text, "latin1");
  if (/\bimport\(/.test(text)) throw new Error(`dist/chunks/${name}.cjs still calls import(), which a node:vm script cannot`);
  const nonAscii = /[^\x00-\x7f]/.exec(text);
  if (nonAscii) throw new Error(`dist/chunks/${name}.cjs is not ASCII near: ${text.slice(Math.max(0, nonAscii.index - 60), nonAscii.index + 20)} (write such characters in a string, e.g. new RegExp("…"))`);
  // Its identity, for its code cache's name: V8 checks only a cached script's length, and npm
  // gives every installed file one fixed time, so two versions' scripts could otherwise share one.
  return createHash("sha256").update(text, "latin1").digest("hex").slice(0, 16);
}

// The whole CLI.
const cliId = await script("cli");
await buildYamlScript();
// `--help` and `--version` (src/script-choice.ts): the same program without what only a running
// command loads (the commands, the SDK, the sandbox). What help and its errors may need stays:
// error rendering, colours, and the Japanese phrase breaker.
const HELP_NEEDS = new Set(["src/ui/error-report.ts", "src/ui/color.ts", "src/ui/line-breaks.ts", "budoux-ja:budoux"]);
const helpId = await script("help", [leaveOut((entry) => !HELP_NEEDS.has(entry), "dist/chunks/help.cjs runs --help and --version only")]);
rmSync(esm, { recursive: true, force: true });

// The executable: CommonJS, so no start waits for the ES module loader.
await build({
  absWorkingDir: root,
  entryPoints: ["src/entry.ts"],
  outfile: join(dist, "bin.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20.17",
  minifySyntax: true,
  define: { PLL_SCRIPT_IDS: JSON.stringify({ cli: cliId, help: helpId }) },
  logLevel: "warning",
});

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
