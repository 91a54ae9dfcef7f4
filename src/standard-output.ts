/** Standard output and standard error as the CLI writes to them: Node's own streams. */

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
  };
}
