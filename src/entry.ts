#!/usr/bin/env node
/**
 * The installed executable (the bundle's dist/bin.js): runs before any other module is compiled,
 * then hands over to bin.ts. Source maps are off by default (reading them costs every start);
 * with PRIVATELINK_LAB_DEBUG set, stack traces point at src/.
 */
// The SDK warns on Node 20 about releases after January 2027; our pinned range supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
if (process.env.PRIVATELINK_LAB_DEBUG) process.setSourceMapsEnabled(true);
await import("./bin.js");
export {};
