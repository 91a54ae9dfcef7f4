/** The learner's language: `--lang`, else LC_ALL / LC_MESSAGES / LANG (`ja*` → Japanese). */
export const LANGS = ["ja", "en"] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** The first locale variable that is set, in POSIX's order of precedence. */
const localeVar = (env: NodeJS.ProcessEnv): string | undefined => env.LC_ALL || env.LC_MESSAGES || env.LANG || undefined;

export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  return localeVar(env)?.toLowerCase().startsWith("ja") ? "ja" : "en";
}

/** Whether the locale variables name a language (C and POSIX do not): then it is not asked. */
export function langStatedByEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = localeVar(env);
  return v !== undefined && !/^(c|posix)([._@]|$)/i.test(v);
}

/** `--lang X` / `--lang=X` read straight from argv, so `--help` is in the right language too. */
export function langFromArgv(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  return i < 0 ? undefined : argv[i] === "--lang" ? argv[i + 1] : argv[i]!.slice("--lang=".length);
}
