/**
 * What a learner types, read as they mean it. A Japanese input method left on sends full-width letters, digits and
 * signs (`ｔｅａｍ－０１`, `２`, `ｙ`): they are read as their ASCII (`team-01`, `2`, `y`). Every question on the
 * terminal reads its keys through `typedInput` (terminal-host.ts), so inquirer's own prompts and ours take them alike.
 */
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/** Text as typed, by Unicode's compatibility form (NFKC): full-width letters, digits, signs and space as ASCII, half-width kana as full-width. */
export function asTyped(text: string): string {
  return text.normalize("NFKC");
}

/**
 * The terminal's keys, each as `asTyped` reads it, for one prompt. It reads the terminal only while the prompt does
 * (readline resumes it when asking and pauses it when answered, so Node can exit after the last question), and sets
 * the terminal's raw mode when readline sets its own.
 */
class TypedInput extends Readable {
  private readonly decoder = new StringDecoder("utf8");
  readonly isTTY: boolean;

  constructor(private readonly terminal: NodeJS.ReadStream) {
    super();
    this.isTTY = Boolean(terminal.isTTY);
  }

  setRawMode(mode: boolean): this {
    if (typeof this.terminal.setRawMode === "function") this.terminal.setRawMode(mode);
    return this;
  }

  get isRaw(): boolean {
    return Boolean(this.terminal.isRaw);
  }

  private readonly forward = (chunk: Buffer | string): void => {
    // A character may arrive split between two chunks: the decoder keeps its first bytes until the rest comes.
    const text = typeof chunk === "string" ? chunk : this.decoder.write(chunk);
    if (text) this.push(asTyped(text));
  };

  private readonly ended = (): void => {
    this.push(null);
  };

  override _read(): void {}

  override resume(): this {
    this.detach();
    this.terminal.on("data", this.forward).on("end", this.ended).resume();
    return super.resume();
  }

  override pause(): this {
    this.detach();
    this.terminal.pause();
    return super.pause();
  }

  private detach(): void {
    this.terminal.off("data", this.forward).off("end", this.ended);
  }
}

/** The terminal's input for one prompt, read through `asTyped`. */
export function typedInput(terminal: NodeJS.ReadStream): NodeJS.ReadableStream {
  return new TypedInput(terminal);
}
