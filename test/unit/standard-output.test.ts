/**
 * Output to a pipe or a file without Node's stream (src/standard-output.ts): every byte arrives in
 * order however the pipe takes it, a full non-blocking pipe hands over to Node's stream, and a
 * reader that has gone ends the program the way Node's stream would (after this turn).
 */
import { PassThrough } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { FdOutput } from "../../src/standard-output.js";

const errno = (code: string) => Object.assign(new Error(code), { code });

/** A pipe that takes at most `chunk` bytes a write; `fail(n)` makes the n-th write throw instead. */
function pipe(chunk: number, fail?: (n: number) => Error | undefined) {
  const got: number[] = [];
  let n = 0;
  const write = vi.fn((_fd: number, bytes: Uint8Array) => {
    const e = fail?.(++n);
    if (e) throw e;
    const taken = bytes.subarray(0, chunk);
    got.push(...taken);
    return taken.length;
  });
  return { write, text: () => Buffer.from(got).toString("utf8") };
}

describe("FdOutput", () => {
  it("writes every byte, in order, when the pipe takes a few at a time (UTF-8 split mid-character)", () => {
    const p = pipe(2);
    const out = new FdOutput(1, () => undefined, p.write);
    expect(out.write("プロバイダー page\n")).toBe(true);
    out.write("次\n");
    expect(p.text()).toBe("プロバイダー page\n次\n");
  });

  it("hands the rest to Node's stream when a non-blocking pipe is full, and keeps the order", () => {
    const p = pipe(4, (n) => (n === 2 ? errno("EAGAIN") : undefined));
    const stream = new PassThrough();
    const out = new FdOutput(1, () => undefined, p.write, () => stream as unknown as NodeJS.WriteStream);
    out.write("abcdefgh");
    out.write("ij\n");
    expect(p.text()).toBe("abcd");
    expect(String(stream.read())).toBe("efghij\n");
    expect(out.handedOver).toBe(stream);
    expect(p.write).toHaveBeenCalledTimes(2); // nothing more went around the stream
  });

  it("tells that the reader has gone (EPIPE) after this turn, as Node's stream does, and writes nothing more", async () => {
    const p = pipe(100, () => errno("EPIPE"));
    const closed = vi.fn();
    const out = new FdOutput(1, closed, p.write);
    expect(out.write("one\n")).toBe(false);
    // A signal handler writing its last words exits with its own code before this is told.
    expect(closed).not.toHaveBeenCalled();
    await new Promise((r) => process.nextTick(r));
    expect(closed).toHaveBeenCalledTimes(1);
    expect(out.write("two\n")).toBe(false);
    expect(p.write).toHaveBeenCalledTimes(1);
  });

  it("lets other write errors through", () => {
    const p = pipe(100, () => errno("EIO"));
    const out = new FdOutput(2, () => undefined, p.write);
    expect(() => out.write("x")).toThrow("EIO");
  });
});
