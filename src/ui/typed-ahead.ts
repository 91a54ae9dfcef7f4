/**
 * Keys typed while the lesson printed, before a question was on screen (an Enter pressed while reading): the terminal
 * keeps them until something reads, and the next question would take them as its answer. Dropped before each question.
 * (Keys pressed during a spinner are dropped by the spinner itself: terminal-host.ts.)
 */
// Built-ins through getBuiltinModule, not an ES import: see text-width.ts (node:fs's lazy streams and promises).
const { closeSync, constants, openSync, readSync } = process.getBuiltinModule("node:fs");
const { ReadStream } = process.getBuiltinModule("node:tty");

/** At most this many reads: a terminal holds a few lines of type-ahead, never more. */
const MOST_READS = 64;

/**
 * Reads and drops what the terminal holds for `input` now, typed but not read: through a non-blocking opening of the
 * terminal of its own (`/dev/tty`), so that a read with nothing waiting returns at once (EAGAIN) whatever the state of
 * the one Node reads; in raw mode for the time, so that a line typed without its Enter is dropped too. Anything but a
 * terminal (a pipe, a file) is left as it is; so is Windows' console, which has no `/dev/tty`.
 */
export function dropTypedAhead(input: NodeJS.ReadStream): void {
  if (process.platform === "win32" || !(input instanceof ReadStream) || !input.isTTY) return;
  let terminal: number;
  try {
    terminal = openSync("/dev/tty", constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch {
    return; // no terminal of its own (a process without one): nothing to drop from it
  }
  const wasRaw = input.isRaw;
  const chunk = Buffer.alloc(1024);
  try {
    input.setRawMode(true);
    for (let n = 0; n < MOST_READS && readSync(terminal, chunk, 0, chunk.length, null) > 0; n++);
  } catch {
    // EAGAIN: nothing (more) is waiting.
  } finally {
    input.setRawMode(wasRaw);
    closeSync(terminal);
  }
}
