/** The IoHost for people: colour (unless NO_COLOR), spinners, prompts only on a TTY without --yes. Decides nothing. */
import type { Ora } from "ora";
import type { Lang } from "../i18n/lang.js";
import type { Translate } from "../i18n/messages.js";
import { colorEnabled, palette, plain } from "./color.js";
import { lineSpinner, type Choice, type InputOptions, type IoHost, type LabEvent, type SelectOptions, type Spinner } from "./io-host.js";
import type { Phrases } from "./line-breaks.js";
import { renderMarkdown } from "./markdown.js";
import { CONTINUE, type Shell } from "../shell/render.js";
import { choiceLegend } from "./choice-legend.js";
import { choiceLabel, defaultAnswerText, judgedPrefix, promptTheme, questionText } from "./prompt-theme.js";
import { renderEvent } from "./render-event.js";
import { fitToTerminal } from "./edge-text.js";
import { displayWidth } from "./text-width.js";
import { spinnerLine } from "./spinner-line.js";
import { wrap } from "./wrap.js";
import { questionShown } from "./first-question.js";
import { typedInput } from "./typed-input.js";
import { dropTypedAhead } from "./typed-ahead.js";
import type { Output } from "../standard-output.js";

/** Prompts, the inline choice and ora load when first used: a command that asks nothing never pays for them. */
const prompts = () => import("@inquirer/prompts");
type OraModule = typeof import("ora");
let oraModule: OraModule | undefined;
const ora: OraModule["default"] = (options) => (oraModule ??= require("ora") as OraModule).default(options);

interface TerminalHostOptions {
  lang: Lang;
  t: Translate;
  interactive: boolean;
  output?: Output;
  /** Where `aside` writes (default: process.stderr); often the same terminal as `output`. */
  errors?: Output;
  /** Whether `errors`, no terminal, goes into the same pipe or file as `output` (`2>&1 | less`): asides are then wrapped like the rest. */
  errorsMerged?: () => boolean;
  input?: NodeJS.ReadStream;
  /** Japanese phrase boundaries for line breaking (see line-breaks.ts). */
  phrases?: Phrases | undefined;
}

export class TerminalHost implements IoHost {
  readonly lang: Lang;
  readonly interactive: boolean;
  private readonly out: Output;
  private readonly color: boolean;
  private readonly c;
  private active?: Ora;
  shell?: Shell;

  constructor(private readonly opts: TerminalHostOptions) {
    this.lang = opts.lang;
    this.interactive = opts.interactive;
    this.out = opts.output ?? process.stdout;
    this.color = colorEnabled(Boolean(this.out.isTTY));
    this.c = palette(this.color);
  }

  /** Read when a prompt needs it: Node opens standard input on the first read of process.stdin. */
  private get in(): NodeJS.ReadStream {
    return this.opts.input ?? process.stdin;
  }

  /**
   * Where a prompt reads the learner's keys and draws: the keys as they mean them (typed-input.ts), or `verbatim`, as
   * typed. Keys typed before the question is asked are dropped first (typed-ahead.ts): they never answer it.
   */
  private prompting(verbatim = false): { input: NodeJS.ReadableStream; output: NodeJS.WriteStream } {
    dropTypedAhead(this.in);
    return { input: verbatim ? this.in : typedInput(this.in), output: this.terminal };
  }

  /** The terminal's stream, for prompts and spinners (which run only on a terminal). */
  private get terminal(): NodeJS.WriteStream {
    if ("on" in this.out) return this.out;
    throw new Error("privatelink-lab: a prompt or a spinner needs a terminal");
  }

  private write(text: string): void {
    this.active?.clear();
    this.out.write((this.color ? text : plain(text)) + "\n");
    this.active?.render();
  }

  aside(text: string): void {
    this.active?.clear();
    const errors = this.opts.errors ?? process.stderr;
    // Read among the lesson's lines (one pipe or file): wrapped as they are.
    errors.write(fitToTerminal(text, errors, this.opts.phrases, !errors.isTTY && Boolean(this.opts.errorsMerged?.()), this.shell, this.opts.t("render.commandBelow")) + "\n");
    this.active?.render();
  }

  /** Columns to lay text out in: the terminal's, or 80 when it does not say. */
  private get width(): number {
    return Math.max(20, this.out.columns || 80);
  }

  notify(event: LabEvent): void {
    const width = this.width;
    const phrases = this.opts.phrases;
    // Prose reads badly in lines over 100 columns; wider terminals get margin instead.
    const continuation = CONTINUE[this.shell ?? "bash"];
    const markdown = (md: string) => renderMarkdown(md, Math.min(width, 100), { color: this.color, phrases, continuation, below: this.opts.t("render.commandBelow") });
    const text = renderEvent(event, { c: this.c, t: this.opts.t, width, markdown, phrases, continuation });
    if (text !== undefined) this.write(text);
  }

  /** A question wrapped like the text above it (inquirer would cut Japanese mid-word). */
  private question(message: string, room = 2): string {
    return questionText(message, this.width, this.opts.phrases, room);
  }

  /** An answer that does not fit after its question goes on its own lines, wrapped like the text. */
  private answerStyle(question: string): (text: string) => string {
    const lines = question.split("\n");
    // The answered mark (✔ or the judged one) is one column, then a space.
    const last = (lines.length === 1 ? "✔ " : "") + (lines[lines.length - 1] ?? "");
    return (text) =>
      displayWidth(`${last} ${text}`) <= this.width ? this.c.cyan(text) : "\n" + wrap(this.c.cyan(text), this.width, { first: "  ", rest: "  ", phrases: this.opts.phrases });
  }

  async confirm(message: string, defaultValue: boolean): Promise<boolean> {
    if (!this.interactive) return defaultValue;
    const t = this.opts.t;
    const { yesNo } = await import("./yes-no.js");
    return this.shown(
      yesNo(
        { message: this.question(message, 4 + displayWidth(defaultAnswerText(t, defaultValue))), default: defaultValue, transformer: (yes) => t(yes ? "prompt.yes" : "prompt.no"), theme: promptTheme(t) },
        this.prompting(),
      ),
    );
  }

  /** Work waiting for a question on screen may run now (first-question.ts). */
  private shown<T>(answer: Promise<T>): Promise<T> {
    questionShown();
    return answer;
  }

  async select<T>(message: string, choices: Choice<T>[], defaultValue: T, options: SelectOptions = {}): Promise<T> {
    if (!this.interactive) {
      const picked = choices.find((ch) => ch.value === defaultValue);
      if (picked) this.write(this.c.dim(this.question(`? ${message} ${picked.name}`, 0)));
      return defaultValue;
    }
    if (options.inline) return this.inlineSelect(message, choices, defaultValue);
    const question = this.question(message);
    const base = promptTheme(this.opts.t);
    const theme = { ...base, ...(options.judged ? { prefix: judgedPrefix() } : {}), style: { ...base.style, answer: this.answerStyle(question) } };
    const shown = choices.map((ch) => ({ ...ch, name: choiceLabel(ch.name, this.width, this.opts.phrases), short: ch.name }));
    const { select } = await prompts();
    return this.shown(select<T>({ message: question, choices: shown, default: defaultValue, pageSize: 10, theme }, this.prompting()));
  }

  private async inlineSelect<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    const c = this.c;
    const def = Math.max(0, choices.findIndex((ch) => ch.value === defaultValue));
    const keys = choices.map((ch, i) => ch.key ?? i + 1);
    const items = choices.map((ch, i) => `${c.bold.cyan(String(keys[i]))} ${ch.name}${i === def ? c.dim(" (⏎)") : ""}`);
    const legend = choiceLegend(items, c.dim("  ·  "), this.width, this.opts.phrases);
    const labels = choices.map((ch) => ch.name);
    const question = this.question(message);
    const { inlineChoice } = await import("./inline-choice.js");
    const picked = await this.shown(inlineChoice({ message: question, legend, keys, labels, default: def, answer: this.answerStyle(question) }, this.prompting()));
    return (choices[picked] ?? choices[def]!).value;
  }

  async input(message: string, defaultValue: string, validate?: (value: string) => string | true, options: InputOptions = {}): Promise<string> {
    if (!this.interactive) return defaultValue;
    const { input } = await prompts();
    return this.shown(input({ message: this.question(message), default: defaultValue, theme: promptTheme(this.opts.t), ...(validate ? { validate } : {}) }, this.prompting(options.verbatim)));
  }

  spinner(_step: string, text: string): Spinner {
    if (this.out.isTTY) return this.liveSpinner(text);
    const phrases = this.opts.phrases;
    // Without a terminal (logs, CI): lines.
    return lineSpinner(text, (mark, t) => this.write(wrap(t, this.width, { first: mark, rest: "  ", phrases })));
  }

  /** On a terminal: an ora spinner on one line. */
  private liveSpinner(text: string): Spinner {
    // A spinner line must stay one line, or each frame would leave a copy behind.
    const fit = (t: string, narrow?: readonly string[]) => spinnerLine(t, this.width - 3, narrow);
    const done = (t: string) => wrap(t, this.width - 2, { phrases: this.opts.phrases, rest: "  " });
    // Keys pressed while it waits are dropped (ora's discardStdin: no echo, Ctrl-C still stops): an Enter would
    // otherwise move the line it redraws, and answer the next question before it is asked.
    // ora resumes standard input only if it was paused; one never read yet (`-y`: no question before) is neither
    // paused nor flowing, so its raw mode would swallow Ctrl-C: paused first, ora reads it while it spins.
    if (process.stdin.isTTY && process.stdin.readableFlowing === null) process.stdin.pause();
    const spinner = ora({ text: fit(text), stream: this.terminal, color: "cyan", discardStdin: true }).start();
    this.active = spinner;
    const release = () => {
      if (this.active === spinner) this.active = undefined;
    };
    const end = (symbol: string) => (t?: string) => {
      release();
      spinner.stopAndPersist({ symbol, text: done(t ?? text) });
    };
    return {
      update: (t, narrow) => {
        spinner.text = fit(t, narrow);
      },
      succeed: end(this.c.green("✔")),
      fail: end(this.c.red("✖")),
      stop: () => {
        release();
        if (spinner.isSpinning) spinner.stop();
      },
    };
  }
}
