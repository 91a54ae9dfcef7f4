/**
 * The quiz stopped midway (Ctrl-C at a question, the window closed) goes on where it stopped: the questions answered
 * before are not asked again and still count in the score. Its closing words fit the score: fewer than half right
 * sends the learner back to the explanations instead of saying it is learnt.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadQuiz, loadStep } from "../../src/content/lesson-content.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { runLesson } from "../../src/lesson/engine.js";
import type { Choice, SelectOptions } from "../../src/ui/io-host.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";
import { RecordingHost } from "../helpers/recording-host.js";

/** A learner who answers right where `rightOn` says (the odd-numbered questions) and picks a wrong choice on the others; stops (as Ctrl-C does) when question `stopAt` comes up. */
class QuizTaker extends RecordingHost {
  readonly asked: number[] = [];
  /** Each question's select options: how it was asked. */
  readonly options: (SelectOptions | undefined)[] = [];
  constructor(
    lang: "en" | "ja",
    private readonly stopAt?: number,
    private readonly rightOn: (n: number) => boolean = (n) => n % 2 === 1,
  ) {
    super(lang, true);
  }
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T, options?: SelectOptions): Promise<T> {
    const n = Number(/Q(\d+)\//.exec(message)?.[1] ?? 0);
    if (!n) return defaultValue; // "Start the quiz?"
    this.asked.push(n);
    this.options.push(options);
    if (n === this.stopAt) throw new Error("stopped (Ctrl-C)");
    const right = loadQuiz("privatelink", this.lang).find((q) => message.endsWith(q.question))?.answer ?? 0;
    return choices[this.rightOn(n) ? right : right === 0 ? 1 : 0]!.value;
  }
}

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 120_000);

/** The quiz on a copy of the build with `host` (a later run: the same progress file as `after`'s). */
async function quiz(host: QuizTaker, after?: Awaited<ReturnType<typeof copyLab>>) {
  const copy = after ?? (await copyLab(lab, host.lang, [{ match: "-", value: "" }]));
  // Every step's teaching shown (the build was made without a learner): the whole quiz is asked.
  if (!after) copy.ctx.state.taught = loadQuiz(copy.ctx.lesson, host.lang).flatMap((q) => q.needs ?? []);
  const ctx = { ...copy.ctx, io: host };
  await runLesson(ctx, { only: "review" }).catch((e: unknown) => {
    if (!(e instanceof Error && e.message.startsWith("stopped"))) throw e;
  });
  return { copy, ctx };
}

describe.each(["en", "ja"] as const)("the quiz stopped midway (%s)", (lang) => {
  it("goes on at the question it stopped at, and the earlier answers count", { timeout: 120_000 }, async () => {
    const whole = new QuizTaker(lang);
    await quiz(whole);
    const reference = whole.ofType("quiz-result")[0]!;
    expect(reference.total).toBeGreaterThanOrEqual(5);

    const first = new QuizTaker(lang, 3);
    const { copy } = await quiz(first);
    expect(first.ofType("quiz-result")).toEqual([]);
    const again = new QuizTaker(lang);
    const { ctx } = await quiz(again, copy);
    expect(again.asked[0]).toBe(3);
    expect(again.asked).toEqual(whole.asked.filter((n) => n >= 3));
    expect(again.ofType("notice").map((n) => n.message)).toContain(translator(lang)("quiz.resumed", { n: 2, total: reference.total }));
    // Question 1, answered right before the stop, still counts.
    expect(first.ofType("quiz-answer")[0]?.right).toBe(true);
    expect(again.ofType("quiz-result")[0]).toEqual(reference);
    expect(ctx.state.quizAnswers).toBeUndefined();
  });

  it("asks each question as judged: its answered line claims neither right nor wrong", { timeout: 120_000 }, async () => {
    const taker = new QuizTaker(lang);
    await quiz(taker);
    expect(taker.options.length).toBeGreaterThanOrEqual(5);
    for (const o of taker.options) expect(o?.judged).toBe(true);
  });
});

describe.each(["en", "ja"] as const)("the quiz's closing words (%s)", (lang) => {
  /** The review's done text after a quiz answered this way. */
  async function closing(rightOn: (n: number) => boolean) {
    const host = new QuizTaker(lang, undefined, rightOn);
    const { ctx, copy } = await quiz(host);
    const done = host.ofType("explain").find((e) => e.step === "review" && e.section === "done")!.markdown;
    return { done, copy, ...(ctx.state.quiz?.score !== undefined ? { score: ctx.state.quiz.score } : {}) };
  }
  const texts = () => loadStep("privatelink", "review", lang);

  it("fewer than half right: back to the explanations, and how to take it again", { timeout: 120_000 }, async () => {
    const { done, score, copy } = await closing(() => false);
    expect(score).toBe(0);
    expect(done).toBe(texts().doneVariants["missed"]);
    expect(done).toContain("npx privatelink-lab step review");
    // What it says works: `step review` asks the quiz again.
    await stepCommand("review", copy.h.opts, copy.h.env);
    expect(copy.host.ofType("quiz-answer").length).toBeGreaterThanOrEqual(5);
  });

  it("half or more right: the usual closing words", { timeout: 120_000 }, async () => {
    const { done, score } = await closing(() => true);
    expect(score).toBeGreaterThanOrEqual(5);
    expect(done).toBe(texts().done);
  });
});
