/** The learner's language: `--lang`, else LC_ALL / LC_MESSAGES / LANG (`ja*` → Japanese). */
export const LANGS = ["ja", "en"] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"] as const) {
    const v = env[name];
    if (v) return v.toLowerCase().startsWith("ja") ? "ja" : "en";
  }
  return "en";
}

/** Whether the locale variables name a language (C and POSIX do not): then it is not asked. */
export function langStatedByEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"] as const) {
    const v = env[name];
    if (v) return !/^(c|posix)([._@]|$)/i.test(v);
  }
  return false;
}

/** `--lang X` / `--lang=X` read straight from argv, so `--help` is in the right language too. */
export function langFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--lang") return argv[i + 1];
    if (a.startsWith("--lang=")) return a.slice("--lang=".length);
  }
  return undefined;
}
