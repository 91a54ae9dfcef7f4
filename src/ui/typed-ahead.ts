/**
 * Keys typed while the lesson printed, before a question was on screen (an Enter pressed while reading): the terminal
 * keeps them until something reads, and the next question would take them as its answer. Dropped before each question.
 * (Keys pressed during a spinner are dropped by the spinner itself: terminal-host.ts.)
 */
import { readSync } from "node:fs";
import { ReadStream } from "node:tty";

/** At most this many reads: a terminal holds a few lines of type-ahead, never more. */
const MOST_READS = 64;

/**
 * Reads and drops what the terminal holds for `input` now, typed but not read. Only a terminal Node reads (a
 * `tty.ReadStream`: libuv made it non-blocking, so a read with nothing waiting returns at once, EAGAIN); in raw mode for
 * the time, so that a line typed without its Enter is dropped too. Anything else (a pipe, a file) is left as it is.
 */
export function dropTypedAhead(input: NodeJS.ReadStream): void {
  const fd: unknown = Reflect.get(input, "fd");
  if (!(input instanceof ReadStream) || !input.isTTY || typeof fd !== "number") return;
  const wasRaw = input.isRaw;
  const chunk = Buffer.alloc(1024);
  try {
    input.setRawMode(true);
    for (let n = 0; n < MOST_READS && readSync(fd, chunk, 0, chunk.length, null) > 0; n++);
  } catch {
    // EAGAIN: nothing (more) is waiting; or the terminal is gone, and the question will find that out.
  } finally {
    input.setRawMode(wasRaw);
  }
}
