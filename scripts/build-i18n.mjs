#!/usr/bin/env node
// Part of `npm run build`: lessons/i18n/<lang>.yml → dist/i18n/<lang>.json (flat keys), so a cold
// start does not pay for YAML parsing. The YAML files remain the source of truth.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const root = resolve(import.meta.dirname, "..");
const { flattenMessages } = await import(join(root, "dist/src/i18n/messages.js"));
const src = join(root, "lessons", "i18n");
const out = join(root, "dist", "i18n");
mkdirSync(out, { recursive: true });
for (const file of readdirSync(src).filter((f) => f.endsWith(".yml"))) {
  const table = flattenMessages(parse(readFileSync(join(src, file), "utf8")));
  writeFileSync(join(out, file.replace(/\.yml$/, ".json")), JSON.stringify(table));
}
