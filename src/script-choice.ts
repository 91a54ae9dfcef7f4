/**
 * Which of the CLI's two scripts a start runs (src/entry.ts), and under which code-cache kind.
 * The help script lacks the commands' code, so it is chosen only when no command can run: a help
 * flag is given and every other argument is a command word or `--lang` (no flag whose value could
 * be "--help", no `--`). Anything else runs the whole CLI, which answers `--help` just the same.
 */
const HELP_FLAGS = new Set(["-h", "--help", "help", "-V", "--version"]);
const WORD = /^[a-z][a-z-]{0,23}$/;

export function isHelpRun(argv: readonly string[]): boolean {
  if (!argv.some((a) => HELP_FLAGS.has(a))) return false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (HELP_FLAGS.has(a) || WORD.test(a) || /^--lang=[a-z]+$/.test(a)) continue;
    if (a === "--lang" && WORD.test(argv[i + 1] ?? "")) {
      i++;
      continue;
    }
    return false;
  }
  return true;
}

/**
 * The command kind a cache is kept for: the first argument when it names a command (`status`,
 * `workshop`), else `start` (the lesson, the default command). Only short lowercase words, so an
 * option's value never becomes a file name.
 */
export function commandKind(argv: readonly string[]): string {
  const first = argv[0];
  return first !== undefined && WORD.test(first) ? first : "start";
}
