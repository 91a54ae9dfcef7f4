// An esbuild plugin (scripts/build.mjs; test/e2e/sdk-errors.test.ts builds with it too).
//
// Each SDK client registers every error its service models when it loads: SSM alone defines and
// registers 141 error classes, the seven clients 334. A run of the CLI reads that registry only
// when AWS answers with an error, and a sandbox run never does. Measured on the instant lesson:
// 16 ms of every start (the classes, their registration, and ~0.4 MB of the code cache).
//
// So the registrations run on the first read of any error registry instead:
//   - in each client's schemas/schemas_0.js, the lines `<ns>_registry.registerError(X$, X)` of
//     the modelled errors, and the errors' schemas `X$`, move into a function handed to
//     `TypeRegistry.pllDefer`, which loads models/errors.js (its classes) only then. The
//     service's base exception stays registered at once.
//   - each client's index.js no longer re-exports models/errors.js (a re-export would load it with
//     the index). Importing a modelled error class from a client then fails the build; we import
//     only the services' base exceptions (src/sandbox/aws-error.ts).
//   - smithy's TypeRegistry runs the deferred registrations before any read (getSchema,
//     getErrorCtor, getBaseException, find), and a copyFrom() made before then copies at that
//     first read instead, so a protocol's composite registry made with the client still gets
//     every error.
// Read this way, the registry holds what it held before, in the same order. The build fails if
// the SDK's code no longer reads as expected: look at what it does then.
import { readFileSync } from "node:fs";
import { patched } from "./text-patches.mjs";

const INDEX = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]index\.js$/;
const REGISTRY = /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]schema[\\/]TypeRegistry\.js$/;

/** schemas_0.js with its modelled errors' registrations deferred (unchanged if it has none). */
export function deferErrorRegistrations(text, file) {
  const importLine = /^import \{([^}]*)\} from "\.\.\/models\/errors";$/m.exec(text);
  if (!importLine) return text;
  const names = new Set(importLine[1].split(",").map((n) => n.trim()).filter(Boolean));
  const moved = [];
  const schemas = new Set();
  let rest = text.replace(/^(\w+_registry)\.registerError\((\w+\$), (\w+)\);$/gm, (line, registry, schema, ctor) => {
    if (!names.has(ctor)) return line;
    moved.push(`${registry}.registerError(${schema}, errors.${ctor});`);
    schemas.add(schema);
    return "";
  });
  if (moved.length !== names.size) throw new Error(`${file}: ${names.size} errors imported, ${moved.length} registrations found (scripts/sdk-errors-on-first-read.mjs)`);
  if (!/^import \{ TypeRegistry \} from "@smithy\/core\/schema";$/m.test(rest)) throw new Error(`${file}: no TypeRegistry import (scripts/sdk-errors-on-first-read.mjs)`);
  // The errors' schemas (`export var X$ = [-3, ...];`, used only by these registrations) move too.
  const defined = [];
  rest = rest.replace(/^export var (\w+\$) = (\[-3, [\s\S]*?\]);$/gm, (block, schema, value) => {
    if (!schemas.has(schema)) return block;
    defined.push(`const ${schema} = ${value};`);
    return "";
  });
  if (defined.length !== schemas.size) throw new Error(`${file}: ${schemas.size} error schemas registered, ${defined.length} found (scripts/sdk-errors-on-first-read.mjs)`);
  const deferred = `TypeRegistry.pllDefer(() => {\n  const errors = require("../models/errors");\n  ${defined.join("\n  ")}\n  ${moved.join("\n  ")}\n});\n`;
  return rest.replace(importLine[0], "") + "\n" + deferred;
}

const REGISTRY_PATCHES = [
  [
    "    static registries = new Map();",
    `    static registries = new Map();
    static pllPending = [];
    static pllDefer(register) {
        TypeRegistry.pllPending.push(register);
    }
    pllSources;
    pllSettle() {
        const pending = TypeRegistry.pllPending;
        if (pending.length) {
            TypeRegistry.pllPending = [];
            for (const register of pending) register();
        }
        const sources = this.pllSources;
        if (sources) {
            this.pllSources = undefined;
            for (const other of sources) this.copyFrom(other);
        }
    }`,
  ],
  ["    copyFrom(other) {\n", "    copyFrom(other) {\n        if (TypeRegistry.pllPending.length) {\n            (this.pllSources ??= []).push(other);\n            return;\n        }\n        this.pllSettle();\n        other.pllSettle();\n"],
  ["    getSchema(shapeId) {\n", "    getSchema(shapeId) {\n        this.pllSettle();\n"],
  ["    getErrorCtor(es) {\n", "    getErrorCtor(es) {\n        this.pllSettle();\n"],
  ["    getBaseException() {\n", "    getBaseException() {\n        this.pllSettle();\n"],
  ["    find(predicate) {\n", "    find(predicate) {\n        this.pllSettle();\n"],
];

/** A client's index without its modelled errors (they load with the deferred registrations; EC2 has none). */
const withoutErrorExports = (text) => text.replace('export * from "./models/errors";\n', "");

/** The TypeRegistry and index halves; the schemas half runs inside build.mjs's schema rewrite (one onLoad per file). */
export const registrySettlesOnRead = {
  name: "sdk-errors-on-first-read",
  setup(b) {
    // smithy's TypeRegistry, reading deferred registrations (and copies) on first use.
    b.onLoad({ filter: REGISTRY }, (args) => ({ contents: patched(readFileSync(args.path, "utf8"), args.path, REGISTRY_PATCHES, "scripts/sdk-errors-on-first-read.mjs"), loader: "js" }));
    b.onLoad({ filter: INDEX }, (args) => ({ contents: withoutErrorExports(readFileSync(args.path, "utf8")), loader: "js" }));
  },
};
