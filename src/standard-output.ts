/** Standard output and standard error as the CLI writes to them: Node's own streams. */
import { fstatSync } from "node:fs";

/** What the CLI uses of an output: Node's stream, or a test's recorder. */
export type Output = NodeJS.WriteStream | PlainOutput;

export interface PlainOutput {
  readonly isTTY: false;
  readonly columns?: undefined;
  readonly rows?: undefined;
  write(text: string): boolean;
}

export interface StandardOutputs {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** The streams that still hold output not yet written (empty when all has left). */
  unsent(): NodeJS.WriteStream[];
  /** Standard error goes into the same pipe or file as standard output (`2>&1 | less`): read among its lines. */
  merged(): boolean;
}

/** Standard error and standard output are the same pipe or file. */
function stderrBesideStdout(): boolean {
  try {
    const [out, err] = [fstatSync(1), fstatSync(2)];
    return out.dev === err.dev && out.ino === err.ino;
  } catch {
    return false;
  }
}

/** The process's outputs; `stdoutClosed` runs when stdout's reader has gone (EPIPE), which is no crash. */
export function standardOutputs(stdoutClosed: () => void): StandardOutputs {
  const quietOnEpipe = (stream: NodeJS.WriteStream, closed: () => void) =>
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE") throw err;
      closed();
    });
  quietOnEpipe(process.stdout, stdoutClosed);
  quietOnEpipe(process.stderr, () => undefined);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    unsent: () => [process.stdout, process.stderr].filter((s) => s.writableLength > 0),
    merged: stderrBesideStdout,
  };
}
