/**
 * The IoHost for people: colour (respecting NO_COLOR), spinners for waits, prompts only when
 * stdin is a TTY and the learner did not say --yes. Renders; decides nothing.
 */
import { confirm, input, select } from "@inquirer/prompts";
import ora, { type Ora } from "ora";
import type { Lang } from "../i18n/lang.js";
import type { Translate } from "../i18n/messages.js";
import { colorEnabled, palette, plain } from "./color.js";
import type { Choice, IoHost, LabEvent, Spinner } from "./io-host.js";
import { renderMarkdown } from "./markdown.js";
import { renderEvent } from "./render-event.js";

export interface TerminalHostOptions {
  lang: Lang;
  t: Translate;
  interactive: boolean;
  output?: NodeJS.WriteStream;
  input?: NodeJS.ReadStream;
}

export class TerminalHost implements IoHost {
  readonly lang: Lang;
  readonly interactive: boolean;
  private readonly out: NodeJS.WriteStream;
  private readonly in: NodeJS.ReadStream;
  private readonly color: boolean;
  private readonly c;
  private active?: Ora;

  constructor(private readonly opts: TerminalHostOptions) {
    this.lang = opts.lang;
    this.interactive = opts.interactive;
    this.out = opts.output ?? process.stdout;
    this.in = opts.input ?? process.stdin;
    this.color = colorEnabled(Boolean(this.out.isTTY));
    this.c = palette(this.color);
  }

  private write(text: string): void {
    this.active?.clear();
    this.out.write((this.color ? text : plain(text)) + "\n");
    this.active?.render();
  }

  notify(event: LabEvent): void {
    const width = this.out.columns ?? 80;
    const text = renderEvent(event, { c: this.c, t: this.opts.t, width, markdown: (md) => renderMarkdown(md, width, this.color) });
    if (text !== undefined) this.write(text);
  }

  async confirm(message: string, defaultValue: boolean): Promise<boolean> {
    if (!this.interactive) return defaultValue;
    const t = this.opts.t;
    return confirm({ message, default: defaultValue, transformer: (yes) => t(yes ? "prompt.yes" : "prompt.no") }, { input: this.in, output: this.out });
  }

  async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    if (!this.interactive) {
      const picked = choices.find((ch) => ch.value === defaultValue);
      if (picked) this.write(this.c.dim(`? ${message} ${picked.name}`));
      return defaultValue;
    }
    return select<T>({ message, choices, default: defaultValue, pageSize: 10 }, { input: this.in, output: this.out });
  }

  async input(message: string, defaultValue: string, validate?: (value: string) => string | true): Promise<string> {
    if (!this.interactive) return defaultValue;
    return input({ message, default: defaultValue, ...(validate ? { validate } : {}) }, { input: this.in, output: this.out });
  }

  spinner(step: string, text: string): Spinner {
    void step;
    return this.out.isTTY ? this.liveSpinner(text) : this.lineSpinner(text);
  }

  /** On a terminal: an ora spinner on one line. */
  private liveSpinner(text: string): Spinner {
    const spinner = ora({ text, stream: this.out, color: "cyan", discardStdin: false }).start();
    this.active = spinner;
    const release = () => {
      if (this.active === spinner) this.active = undefined;
    };
    return {
      update: (t) => {
        spinner.text = t;
      },
      succeed: (t) => {
        release();
        spinner.stopAndPersist({ symbol: this.c.green("✔"), text: t ?? text });
      },
      fail: (t) => {
        release();
        spinner.stopAndPersist({ symbol: this.c.red("✖"), text: t ?? text });
      },
      stop: () => {
        release();
        if (spinner.isSpinning) spinner.stop();
      },
    };
  }

  /** Without a terminal (logs, CI): one line when it starts, one per new state, one at the end. */
  private lineSpinner(text: string): Spinner {
    this.write(`… ${text}`);
    let last = "";
    return {
      update: (t) => {
        const key = t.replace(/\d+m?\d*s/g, "");
        if (key !== last) this.write(`  ${t}`);
        last = key;
      },
      succeed: (t) => this.write(`✔ ${t ?? text}`),
      fail: (t) => this.write(`✖ ${t ?? text}`),
      stop: () => undefined,
    };
  }
}
