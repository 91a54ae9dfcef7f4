// Exact-text patches to a dependency's file, for the build's plugins (scripts/build.mjs,
// scripts/sdk-errors-on-first-read.mjs). A patch whose text is no longer there fails the build,
// naming the file and the plugin: the dependency changed, so look again at what the patch does.

/** `text` with each `[from, to]` of `patches` applied once, in order; `who` names the plugin. */
export function patched(text, file, patches, who) {
  let out = text;
  for (const [from, to] of patches) {
    if (!out.includes(from)) throw new Error(`${file} changed: it no longer has ${JSON.stringify(from.trim().slice(0, 60))} (${who})`);
    out = out.replace(from, to);
  }
  return out;
}
