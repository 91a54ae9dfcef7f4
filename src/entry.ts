#!/usr/bin/env node
/**
 * The installed executable (the bundle's dist/bin.js): runs before any other module is compiled,
 * then hands over to bin.ts. Source maps are off by default (reading them costs every start);
 * with PRIVATELINK_LAB_DEBUG set, stack traces point at src/.
 */
import module from "node:module";

// The SDK warns on Node 20 about releases after January 2027; our pinned range supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
if (process.env.PRIVATELINK_LAB_DEBUG) process.setSourceMapsEnabled(true);
// Node ≥ 22.1 keeps compiled code between runs (as tsc does); Node 20 has no such cache.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import("./bin.js");
