/**
 * Standard output and standard error as the CLI writes to them. A terminal gets Node's own stream
 * (colours, columns, spinners and prompts need one). A pipe or a file is written with
 * `fs.writeSync`: Node's `process.stdout` for a pipe loads its network and stream modules, ~7 ms of
 * every `--help`, `--json` or piped run on the bench machine, to write a few lines.
 */
import { fstatSync, writeSync } from "node:fs";

/** What the CLI uses of an output: a terminal's is Node's tty stream, anything else a `PlainOutput`. */
export type Output = NodeJS.WriteStream | PlainOutput;

export interface PlainOutput {
  readonly isTTY: false;
  readonly columns?: undefined;
  readonly rows?: undefined;
  write(text: string): boolean;
}

type Fd = 1 | 2;

/** Node's stream for a descriptor; a reader that has gone (EPIPE) is `closed`, not a crash. */
function nodeStream(fd: Fd, closed: () => void): NodeJS.WriteStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    closed();
  });
  return stream;
}

/** Writes straight to a pipe or a file; `closed` runs when the reader has gone (EPIPE). */
export class FdOutput implements PlainOutput {
  readonly isTTY = false;
  /** Node's stream, once a write could not finish at once (a non-blocking pipe that is full). */
  private stream: NodeJS.WriteStream | undefined;
  private gone = false;

  constructor(
    private readonly fd: Fd,
    private readonly closed: () => void,
    private readonly writeBytes: (fd: number, bytes: Uint8Array) => number = (fd, bytes) => writeSync(fd, bytes),
    private readonly fallback: (fd: Fd, closed: () => void) => NodeJS.WriteStream = nodeStream,
  ) {}

  write(text: string): boolean {
    if (this.gone) return false;
    if (this.stream) return this.stream.write(text);
    const bytes = Buffer.from(text, "utf8");
    let sent = 0;
    while (sent < bytes.length) {
      try {
        sent += this.writeBytes(this.fd, bytes.subarray(sent));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EPIPE") {
          // Told after this turn, as Node's stream tells it: a signal handler that is writing its
          // last words still exits with its own code.
          this.gone = true;
          process.nextTick(this.closed);
          return false;
        }
        if (code !== "EAGAIN") throw e;
        // The reader is slow and the pipe does not block: Node's stream queues the rest, in order.
        this.stream = this.fallback(this.fd, this.closed);
        return this.stream.write(bytes.subarray(sent));
      }
    }
    return true;
  }

  /** Node's stream, if this output had to hand over to it. */
  get handedOver(): NodeJS.WriteStream | undefined {
    return this.stream;
  }
}

/** A terminal (or another character device, such as /dev/null): Node's stream is the one to use. */
function isCharacterDevice(fd: Fd): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return true; // a closed descriptor: Node's stream knows how to handle that
  }
}

export interface StandardOutputs {
  readonly stdout: Output;
  readonly stderr: Output;
  /** Node's streams that still hold output not yet written (empty when all has left). */
  unsent(): NodeJS.WriteStream[];
}

/** The process's outputs, each opened on first use; `stdoutClosed` runs when stdout's reader has gone. */
export function standardOutputs(stdoutClosed: () => void, stderrClosed: () => void = () => undefined): StandardOutputs {
  const opened = new Map<Fd, { output: Output; stream: () => NodeJS.WriteStream | undefined }>();
  const open = (fd: Fd, closed: () => void): Output => {
    let o = opened.get(fd);
    if (!o) {
      if (isCharacterDevice(fd)) {
        const stream = nodeStream(fd, closed);
        o = { output: stream, stream: () => stream };
      } else {
        const plain = new FdOutput(fd, closed);
        o = { output: plain, stream: () => plain.handedOver };
      }
      opened.set(fd, o);
    }
    return o.output;
  };
  return {
    get stdout() {
      return open(1, stdoutClosed);
    },
    get stderr() {
      return open(2, stderrClosed);
    },
    unsent() {
      return [...opened.values()].map((o) => o.stream()).filter((s): s is NodeJS.WriteStream => s !== undefined && s.writableLength > 0);
    },
  };
}
