/**
 * The layers of `src/`, bottom to top, as the README's "How it is built" draws them. A module is
 * a folder or a file (the longest prefix that names a file wins); a file may import its own
 * module and any module of a lower layer, never a module beside it in its layer or above it.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ["places.ts"],
  ["errors.ts", "paths.ts", "stable-hash.ts", "whole-file.ts", "standard-output.ts", "interrupt-notice.ts", "participant.ts", "challenge-mark.ts", "windows-shell.ts"],
  ["guard/", "i18n/", "signals.ts"],
  ["reachability/", "content/", "state/"],
  ["sandbox/", "shell/"],
  ["aws/"],
  ["ui/"],
  ["preflight/"],
  ["lesson/"],
  ["diagnose/"],
  ["lesson/steps/"],
  ["lesson/engine.ts"],
  ["challenge/"],
  ["workshop/"],
  ["commands/"],
  ["cli.ts"],
  ["bin.ts", "entry.ts"],
];

/** The module a file of `src/` belongs to (its longest matching prefix), or undefined. */
export function moduleOf(file: string): string | undefined {
  const all = LAYERS.flat().filter((m) => (m.endsWith("/") ? file.startsWith(m) : file === m));
  return all.sort((a, b) => b.length - a.length)[0];
}

export function layerOf(module: string): number {
  return LAYERS.findIndex((layer) => layer.includes(module));
}
